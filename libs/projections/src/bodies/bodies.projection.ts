import { Migration } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { BODY_EVENT_TYPES, BodyEvent } from '#domain/body/body.events';
import { DEFAULT_BODY_SETTINGS, withDefaultSettings } from '#domain/body/body-settings';
import { RecordedEvent } from '#event-store/port';
import { Projection } from '../projection';

const migrations: Migration[] = [
  {
    id: '0104_bodies',
    sql: `
      CREATE TABLE bodies (
        body_id text PRIMARY KEY,
        name text NOT NULL,
        settings jsonb NOT NULL,
        version integer NOT NULL,
        registered_at timestamptz NOT NULL
      );
    `,
  },
];

/** The public bodies this deployment serves, with their settings. */
export const bodiesProjection: Projection = {
  name: 'bodies',
  migrations,
  handles: BODY_EVENT_TYPES,

  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as RecordedEvent & BodyEvent;
    switch (event.type) {
      case 'BodyRegistered':
        await tx.query(
          `INSERT INTO bodies (body_id, name, settings, version, registered_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (body_id) DO NOTHING`,
          [
            event.data.bodyId,
            event.data.name,
            JSON.stringify(DEFAULT_BODY_SETTINGS),
            recorded.revision + 1,
            recorded.metadata.recordedAt,
          ],
        );
        return;
      case 'BodySettingsChanged':
        await tx.query('UPDATE bodies SET settings = $2, version = $3 WHERE body_id = $1', [
          recorded.metadata.bodyId,
          JSON.stringify(withDefaultSettings(event.data.settings)),
          recorded.revision + 1,
        ]);
        return;
      default:
        return;
    }
  },
};
