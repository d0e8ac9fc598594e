import { applyMigrations } from '#database/migrations';
import { SCHEMA_NAME, schemaScoped } from '#database/schema-scoped-database';
import { SqlDatabase } from '#database/sql-database';
import { EventStore, LogPosition, RecordedEvent, START_OF_LOG, TypedLogRead } from '#event-store/port';
import { ALL_PROJECTIONS, READ_MODEL_MIGRATIONS } from '#projections';
import { Projector, ProjectorLog } from '#projections/projector';

/** No transaction runs a day: an event recorded more than a day after the instant ends the replay. */
const LATE_COMMIT_MARGIN_MS = 24 * 3600_000;

/**
 * The log as it was known at `until`: only events recorded by then (their `recordedAt`), in log
 * order. The read stops once the log reaches events recorded a day after the instant.
 */
export function eventsRecordedBy(store: EventStore, until: Date): EventStore {
  const known = (event: RecordedEvent) => Date.parse(event.metadata.recordedAt) <= until.getTime();
  const beyond = (event: RecordedEvent) =>
    Date.parse(event.metadata.recordedAt) > until.getTime() + LATE_COMMIT_MARGIN_MS;
  // Reads on past a stretch recorded after `until` (but within the margin): an empty answer is the end.
  async function readKnown(from: LogPosition, read: (after: LogPosition) => Promise<TypedLogRead>) {
    for (let after = from; ;) {
      const { events, readTo } = await read(after);
      const kept = events.filter(known);
      if (kept.length > 0 || events.length === 0 || events.some(beyond)) return { events: kept, readTo };
      after = readTo;
    }
  }
  return {
    append: () => Promise.reject(new Error('a replay records nothing')),
    readStream: async (streamId, options) => (await store.readStream(streamId, options)).filter(known),
    async readAll(options = {}) {
      const read = await readKnown(options.after ?? START_OF_LOG, async (after) => {
        const events = await store.readAll({ after, maxCount: options.maxCount });
        return { events, readTo: events.at(-1)?.position ?? after };
      });
      return read.events;
    },
    readAllOfTypes: (options) =>
      readKnown(options.after ?? START_OF_LOG, (after) => store.readAllOfTypes({ ...options, after })),
    check: () => store.check(),
    close: async () => undefined,
  };
}

export interface ReplayRequest {
  readonly until: Date;
  readonly schema: string;
  /** How far the replay has come: events applied (about) and to apply. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ReplaySummary {
  readonly schema: string;
  readonly until: string;
  readonly events: number;
  readonly tables: string[];
  readonly seconds: number;
}

/** A schema of read models being built, its projector still running (to catch up or stop). */
export interface ReadModelsBuilt {
  readonly scoped: SqlDatabase;
  readonly projector: Projector;
  /** The schema the events are read from (the engine's). */
  readonly home: string;
  readonly events: number;
}

/**
 * Creates `schema` with every read model's tables, and replays `store`'s log into them through the
 * engine's own projections until they reach the end it had when asked. Processes do not run.
 */
export async function buildReadModels(
  db: SqlDatabase,
  store: EventStore,
  log: ProjectorLog,
  schema: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ReadModelsBuilt> {
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_') || schema === 'public')
    throw new Error(`--schema "${schema}" must be a new name of lower-case letters, digits and _`);
  const [{ home }] = await db.query<{ home: string }>('SELECT current_schema() AS home');
  const [taken] = await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (taken) throw new Error(`schema ${schema} exists already: choose another name, or drop it first`);
  const { count, last } = await endOf(store);
  await db.query(`CREATE SCHEMA "${schema}"`);
  const scoped = schemaScoped(db, schema, [home]);
  await applyMigrations(scoped, READ_MODEL_MIGRATIONS);
  const projector = new Projector(scoped, store, ALL_PROJECTIONS, log, 50, []);
  await projector.start();
  try {
    for (;;) {
      const lagging = await projector.waitFor(last, 1000);
      // Positions stand in for counts: the share of the log's positions passed, of its events.
      const reached = Math.min(...Object.values(projector.checkpoints()).map((position) => position.prepare));
      const share = last.prepare === 0 ? 1 : Math.min(reached / last.prepare, 1);
      onProgress?.(Math.round(share * count), count);
      if (lagging.length === 0) break;
    }
  } catch (error) {
    await projector.stop();
    throw error;
  }
  return { scoped, projector, home, events: count };
}

/**
 * Builds every read model as it stood at `until` into a schema of its own, for an auditor to query
 * with SQL: the events recorded by then replayed through the engine's own projections, while the
 * live read models are left alone. Nothing is sent.
 */
export async function replayInto(
  db: SqlDatabase,
  store: EventStore,
  log: ProjectorLog,
  request: ReplayRequest,
): Promise<ReplaySummary> {
  const started = Date.now();
  const built = await buildReadModels(
    db,
    eventsRecordedBy(store, request.until),
    log,
    request.schema,
    request.onProgress,
  );
  await built.projector.stop();
  await built.scoped.execScript(`
    CREATE TABLE replay (until timestamptz NOT NULL, built_at timestamptz NOT NULL DEFAULT now(),
                         events bigint NOT NULL, events_from text NOT NULL);
  `);
  await built.scoped.query('INSERT INTO replay (until, events, events_from) VALUES ($1, $2, $3)', [
    request.until.toISOString(),
    built.events,
    built.home,
  ]);
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [request.schema],
  );
  return {
    schema: request.schema,
    until: request.until.toISOString(),
    events: built.events,
    tables: tables.map((row) => row.table_name),
    seconds: (Date.now() - started) / 1000,
  };
}

/** How many events the log holds after `after`, and the last one's position (`after` if none). */
export async function endOf(
  store: EventStore,
  after: LogPosition = START_OF_LOG,
): Promise<{ count: number; last: LogPosition }> {
  let last = after;
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after: last, maxCount: 5000 });
    if (events.length === 0) return { count, last };
    count += events.length;
    last = events[events.length - 1].position;
  }
}
