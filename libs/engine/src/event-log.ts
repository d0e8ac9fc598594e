import { Logger } from 'pino';
import { SqlDatabase } from '#database/sql-database';
import { upcastToCurrent } from '#domain/upcasters';
import { ENGINE_STREAM_PREFIXES } from '#domain/shared/record-ids';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { EventStore } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { UpcastingEventStore } from '#event-store/upcasting-event-store';
import { SealingEventStore } from '#event-store/sealing/sealing-event-store';
import { PersonalKeyTable } from '#access/personal-keys';
import { APPOINTMENT_EVENT_TYPES, PERSON_EVENT_TYPES } from '#domain/person/person.events';
import { DirectoryWords } from './directory-words';

/** Events that change who the directory names. */
const DIRECTORY_EVENT_TYPES = new Set<string>([...PERSON_EVENT_TYPES, ...APPOINTMENT_EVENT_TYPES]);
import { EngineConfig } from './config';

export type EventLogKind = 'postgres' | 'eventstoredb';

/** An event store opened elsewhere (tests: the EventStoreDB client's stand-in), with its kind. */
export interface GivenEventLog {
  readonly store: EventStore;
  readonly kind: EventLogKind;
}

/** The event log as the engine uses it, and the sealing of personal data within it. */
export interface OpenedEventLog {
  readonly store: EventStore;
  readonly sealing: SealingEventStore;
}

/**
 * The event log: EventStoreDB when configured, else the events table of the database; words naming
 * people are sealed with their keys on the way in and opened on the way out, and every reader sees
 * events in their current schema (the domain's upcasters run here, once, on the opened words).
 */
export function openEventLog(config: EngineConfig, db: SqlDatabase, given?: GivenEventLog): OpenedEventLog {
  const stored =
    given?.store ??
    (config.eventStoreUrl
      ? new EventStoreDbEventStore(config.eventStoreUrl, { ownStreams: ENGINE_STREAM_PREFIXES })
      : new PostgresEventStore(db));
  const keys = new PersonalKeyTable(db);
  const directory = new DirectoryWords(db);
  const sealing = new SealingEventStore(
    stored,
    keys,
    (bodyId, texts, via) => directory.named(bodyId, texts, via),
    (types) => {
      if (types.some((type) => DIRECTORY_EVENT_TYPES.has(type))) directory.forget();
    },
  );
  return { store: new UpcastingEventStore(sealing, upcastToCurrent), sealing };
}

export const openEventStore = (config: EngineConfig, db: SqlDatabase, given?: GivenEventLog): EventStore =>
  openEventLog(config, db, given).store;

export const eventLogKindOf = (config: EngineConfig, given?: GivenEventLog): EventLogKind =>
  given?.kind ?? (config.eventStoreUrl ? 'eventstoredb' : 'postgres');

/**
 * Waits for the event store to answer, trying again with a growing pause (up to 30 s) and saying
 * so in the log, rather than exiting: a server starting beside the engine (compose) comes up in
 * its own time.
 */
export async function awaitEventStore(
  store: EventStore,
  kind: EventLogKind,
  log: Logger,
  sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1, pause = 1000; ; attempt++, pause = Math.min(pause * 2, 30_000)) {
    try {
      await store.check();
      if (attempt > 1) log.info({ eventStore: kind, attempt }, 'event store answers; starting');
      return;
    } catch (error) {
      log.warn(
        { eventStore: kind, attempt, retryInMs: pause, err: (error as Error).message },
        `the ${kind} event store does not answer; trying again in ${pause / 1000} s`,
      );
      await sleep(pause);
    }
  }
}

/**
 * Refuses to start on another event store than the one this database's read models and
 * checkpoints were built from: their positions belong to that store's log, and a read model
 * built from one log and continued from another would be silently wrong.
 */
export async function holdToOneEventLog(db: SqlDatabase, kind: EventLogKind): Promise<void> {
  await db.query(`INSERT INTO event_log_kind (kind) VALUES ($1) ON CONFLICT (one) DO NOTHING`, [kind]);
  const [row] = await db.query<{ kind: string }>('SELECT kind FROM event_log_kind');
  if (row.kind !== kind)
    throw new Error(
      `This database's read models and checkpoints were built from the ${row.kind} event store, but the ` +
        `engine is now configured for ${kind} (EVENTSTORE_URL ${kind === 'eventstoredb' ? 'set' : 'unset'}). ` +
        'Their log positions do not carry over: go back to the previous setting, or start on a fresh ' +
        'database (DATABASE_URL or DATA_DIR) and let the projections build from the new store.',
    );
}
