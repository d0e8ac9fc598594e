import { Migration } from '#database/migrations';
import { SqlDatabase, SqlQueryable, sqlStateOf } from '#database/sql-database';
import { EventStore, RecordedEvent } from '#event-store/port';
import { Projection } from './projection';
import { SqlConditions } from './sql-conditions';

/**
 * Events a projection could not apply. Parking one lets the projection go on with every other
 * stream and body; later events of the same stream wait behind it (applying them out of order
 * would build a wrong read model) until an admin retries after a fix.
 */
export const parkedEventMigrations: Migration[] = [
  {
    id: '0020_parked_events',
    sql: `
      CREATE TABLE parked_events (
        projection text NOT NULL,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        event_type text NOT NULL,
        body_id text,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        -- null for an event that only waits behind an earlier parked event of its stream
        error text,
        attempts integer NOT NULL DEFAULT 1,
        parked_at timestamptz NOT NULL DEFAULT now(),
        last_tried_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, event_id)
      );
      CREATE INDEX parked_events_by_stream ON parked_events (projection, stream_id);
      -- Every write's answer asks whether its append was parked.
      CREATE INDEX parked_events_by_position ON parked_events (commit_position, prepare_position);
    `,
  },
];

export interface ParkedEvent {
  readonly projection: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly eventType: string;
  readonly bodyId: string | null;
  /** Why it failed; null when it waits behind an earlier parked event of its stream. */
  readonly error: string | null;
  readonly attempts: number;
  readonly parkedAt: string;
  readonly lastTriedAt: string;
}

/** SQLSTATE classes that say the database, not the event, failed: retry the batch, park nothing. */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58']);

export function isTransient(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && /^[0-9A-Z]{5}$/.test(state) && TRANSIENT_CLASSES.has(state.slice(0, 2));
}

export async function park(
  tx: SqlQueryable,
  projection: string,
  event: RecordedEvent,
  error: unknown | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO parked_events
       (projection, event_id, stream_id, event_type, body_id, commit_position, prepare_position, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (projection, event_id) DO UPDATE
       SET error = EXCLUDED.error, attempts = parked_events.attempts + 1, last_tried_at = now()`,
    [
      projection,
      event.id,
      event.streamId,
      event.type,
      event.metadata.bodyId ?? null,
      event.position.commit,
      event.position.prepare,
      error === null ? null : describeError(error),
    ],
  );
}

export async function unpark(tx: SqlQueryable, projection: string, eventId: string): Promise<void> {
  await tx.query('DELETE FROM parked_events WHERE projection = $1 AND event_id = $2', [projection, eventId]);
}

interface ParkedRow {
  projection: string;
  event_id: string;
  stream_id: string;
  event_type: string;
  body_id: string | null;
  error: string | null;
  attempts: number;
  parked_at: Date | string;
  last_tried_at: Date | string;
}

const PARKED_COLUMNS =
  'projection, event_id, stream_id, event_type, body_id, error, attempts, parked_at, last_tried_at';

/** Every parked event, in log order per projection; `projection` narrows it to one. */
export async function listParked(db: SqlQueryable, projection?: string): Promise<ParkedEvent[]> {
  const where = new SqlConditions().add('projection = $', projection);
  const rows = await db.query<ParkedRow>(
    `SELECT ${PARKED_COLUMNS} FROM parked_events WHERE ${where.where}
      ORDER BY projection, commit_position, prepare_position`,
    where.params,
  );
  return rows.map(toParkedEvent);
}

/** For health: the events that failed (the first `limit`), and how many wait behind them. */
export async function parkedSummary(
  db: SqlQueryable,
  limit: number,
): Promise<{ failed: ParkedEvent[]; heldBehind: number }> {
  const failed = await db.query<ParkedRow>(
    `SELECT ${PARKED_COLUMNS} FROM parked_events WHERE error IS NOT NULL
      ORDER BY parked_at, projection LIMIT $1`,
    [limit],
  );
  const [{ held }] = await db.query<{ held: number }>(
    'SELECT count(*)::integer AS held FROM parked_events WHERE error IS NULL',
  );
  return { failed: failed.map(toParkedEvent), heldBehind: held };
}

function toParkedEvent(row: ParkedRow): ParkedEvent {
  return {
    projection: row.projection,
    eventId: row.event_id,
    streamId: row.stream_id,
    eventType: row.event_type,
    bodyId: row.body_id,
    error: row.error,
    attempts: row.attempts,
    parkedAt: new Date(row.parked_at).toISOString(),
    lastTriedAt: new Date(row.last_tried_at).toISOString(),
  };
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

export interface RetryOutcome {
  readonly applied: number;
  readonly stillParked: number;
}

/**
 * Applies parked events again, stream by stream in log order, after whatever made them fail was
 * fixed. An event that fails again stays parked with its new error, and so does the rest of its
 * stream. Holds the projection's checkpoint row, so no projector applies a batch meanwhile.
 */
export async function retryParked(
  db: SqlDatabase,
  store: EventStore,
  projections: readonly Projection[],
  only?: string,
): Promise<RetryOutcome> {
  let applied = 0;
  for (const projection of projections.filter((p) => only === undefined || p.name === only)) {
    const parked = await listParked(db, projection.name);
    for (const streamId of new Set(parked.map((event) => event.streamId))) {
      const ids = new Set(
        parked.filter((event) => event.streamId === streamId).map((event) => event.eventId),
      );
      const events = (await store.readStream(streamId)).filter((event) => ids.has(event.id));
      applied += await db.transaction(async (tx) => {
        // Holds the row, and marks it changed: readers that keep answers by it see the retried events.
        await tx.query(
          'UPDATE projection_checkpoints SET updated_at = clock_timestamp() WHERE projection = $1',
          [projection.name],
        );
        let done = 0;
        for (const event of events) {
          await tx.query('SAVEPOINT retried_event');
          try {
            await projection.apply(tx, event);
            await tx.query('RELEASE SAVEPOINT retried_event');
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT retried_event');
            await park(tx, projection.name, event, error);
            break;
          }
          await unpark(tx, projection.name, event.id);
          done++;
        }
        return done;
      });
    }
  }
  const [{ count }] = await db.query<{ count: number }>(
    'SELECT count(*)::integer AS count FROM parked_events WHERE $1::text IS NULL OR projection = $1',
    [only ?? null],
  );
  return { applied, stillParked: count };
}
