import { Migration } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { entityOfStream } from '../projection';
import {
  APPOINTMENT_EVENT_TYPES,
  AppointmentEvent,
  PERSON_EVENT_TYPES,
  PersonEvent,
} from '#domain/person/person.events';
import { RecordedEvent } from '#event-store/port';
import { Projection } from '../projection';

const migrations: Migration[] = [
  {
    id: '0116_people',
    sql: `
      CREATE TABLE people (
        person_id uuid PRIMARY KEY,
        home_body_id text NOT NULL,
        name text NOT NULL,
        -- Not unique here: the write side keeps emails apart, and a read model must never refuse an event.
        email text NOT NULL,
        job_title text,
        manager_id uuid,
        disabled boolean NOT NULL DEFAULT false,
        version integer NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX people_email ON people (email);
      -- Who granted or removed each role, when and why, is in the audit trail.
      CREATE TABLE appointments (
        body_id text NOT NULL,
        person_id uuid NOT NULL,
        roles text[] NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (body_id, person_id)
      );
      CREATE INDEX appointments_person ON appointments (person_id);
    `,
  },
  {
    id: '0125_people_erased',
    sql: `ALTER TABLE people ADD COLUMN erased boolean NOT NULL DEFAULT false;`,
  },
];

/** The directory: every person with their details, and the roles each holds in each body. */
export const peopleProjection: Projection = {
  name: 'people',
  migrations,
  handles: [...PERSON_EVENT_TYPES, ...APPOINTMENT_EVENT_TYPES],
  apply: applyOne,
  // Few and far between: one statement each, in the live batch's one transaction.
  async applyBatch(tx, events) {
    for (const event of events) await applyOne(tx, event);
  },
};

async function applyOne(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
  const event = recorded as unknown as RecordedEvent & (PersonEvent | AppointmentEvent);
  const personId = entityOfStream(recorded.streamId).entityId; // of person- streams
  const version = recorded.revision + 1;
  const at = recorded.metadata.recordedAt;
  switch (event.type) {
    case 'PersonRegistered': {
      const { homeBodyId, name, email, jobTitle, managerId } = event.data;
      await tx.query(
        `INSERT INTO people (person_id, home_body_id, name, email, job_title, manager_id, version, registered_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (person_id) DO NOTHING`,
        [personId, homeBodyId, name, email, jobTitle, managerId, version, at],
      );
      return;
    }
    case 'PersonDetailsChanged': {
      const { name, email, jobTitle, managerId } = event.data;
      await tx.query(
        `UPDATE people SET name = $2, email = $3, job_title = $4, manager_id = $5, version = $6, updated_at = $7
          WHERE person_id = $1`,
        [personId, name, email, jobTitle, managerId, version, at],
      );
      return;
    }
    case 'PersonDisabled':
    case 'PersonEnabled':
      await tx.query('UPDATE people SET disabled = $2, version = $3, updated_at = $4 WHERE person_id = $1', [
        personId,
        event.type === 'PersonDisabled',
        version,
        at,
      ]);
      return;
    case 'PersonErased':
      await tx.query(
        'UPDATE people SET erased = true, disabled = true, version = $2, updated_at = $3 WHERE person_id = $1',
        [personId, version, at],
      );
      return;
    case 'RoleGranted':
    case 'RoleRemoved': {
      const { bodyId, personId: appointed, role } = event.data;
      await tx.query(
        `INSERT INTO appointments (body_id, person_id, roles, version, updated_at)
         VALUES ($1, $2, CASE WHEN $3 THEN ARRAY[$4] ELSE '{}' END::text[], $5, $6)
         ON CONFLICT (body_id, person_id) DO UPDATE SET
           roles = CASE WHEN $3 THEN array_append(array_remove(appointments.roles, $4), $4)
                        ELSE array_remove(appointments.roles, $4) END,
           version = $5, updated_at = $6`,
        [bodyId, appointed, event.type === 'RoleGranted', role, version, at],
      );
      return;
    }
  }
}
