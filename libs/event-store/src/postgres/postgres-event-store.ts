import { SqlDatabase, SqlQueryable, sqlStateOf, SQLSTATE } from '#database/sql-database';
import {
  CHAIN_COLUMNS,
  CHAIN_LINKS,
  CHAIN_VALUES,
  chainGate,
  chainBodiesOf,
  chainedDocumentOf,
} from './chained-append';
import { STORED_EVENT_COLUMNS, StoredEventRow } from './stored-event-row';
import { streamsInTransaction } from './streams-in-transaction';
import {
  AppendResult,
  appendableBytes,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadTypesOptions,
  RecordedEvent,
  TypedLogRead,
  StreamsInTransaction,
  START_OF_LOG,
  WrongExpectedRevisionError,
} from '../port';

/**
 * How the stream row moves for each kind of expectation; $1 stream, $3 event count, $5 revision.
 * Each step reads `gate` first, so an append takes its body's chain lock before its stream's:
 * the order a transaction writing several streams takes them in, so the two never deadlock.
 */
const STREAM_STEP: Record<'no_stream' | 'any' | 'stream_exists' | 'exact', string> = {
  no_stream: `INSERT INTO streams (stream_id, revision) SELECT $1, $3::bigint - 1 FROM gate
              ON CONFLICT (stream_id) DO NOTHING RETURNING revision`,
  any: `INSERT INTO streams (stream_id, revision) SELECT $1, $3::bigint - 1 FROM gate
        ON CONFLICT (stream_id) DO UPDATE SET revision = streams.revision + $3::bigint RETURNING revision`,
  stream_exists: `UPDATE streams SET revision = revision + $3::bigint FROM gate WHERE stream_id = $1
                  RETURNING revision`,
  exact: `UPDATE streams SET revision = revision + $3::bigint FROM gate
           WHERE stream_id = $1 AND revision = $5::bigint RETURNING revision`,
};

/**
 * One statement, one round trip: the revision check and the inserts commit or fail together. Run it
 * alone, never inside a larger transaction: the log horizon relies on an append locking the events
 * table before it is given a transaction id. $4 holds the bodies whose chains the events join.
 */
function appendStatement(step: keyof typeof STREAM_STEP): string {
  return `
    WITH ${chainGate('$4')},
    stream AS (${STREAM_STEP[step]}),
    input AS (
      SELECT e.ord, e.doc, s.revision - $3::bigint + e.ord AS revision
        FROM stream s, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(doc, ord)
    ),
    ${CHAIN_LINKS},
    appended AS (
      INSERT INTO events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata,
                          ${CHAIN_COLUMNS})
      SELECT (i.doc->>'id')::uuid, $1, i.revision, i.doc->>'type', (i.doc->>'schemaVersion')::integer,
             i.doc->'data', i.doc->'metadata', ${CHAIN_VALUES}
        FROM input i JOIN links l ON l.ord = i.ord
       ORDER BY i.ord
      RETURNING stream_revision, global_position
    )
    SELECT max(stream_revision) AS revision, max(global_position) AS position,
           pg_current_xact_id()::text AS transaction_id
      FROM appended`;
}

const APPEND = {
  no_stream: appendStatement('no_stream'),
  any: appendStatement('any'),
  stream_exists: appendStatement('stream_exists'),
  exact: appendStatement('exact'),
};

/**
 * The log is read below the oldest append still in flight, so an event that commits late is never
 * skipped. Only appends count: a long transaction elsewhere on the server (another schema, another
 * database, a report) must not hold readers back, as the cluster-wide `pg_snapshot_xmin` would.
 *
 * A transaction open in the snapshot is passed over only if pg_locks shows it running without a
 * RowExclusiveLock on this events table and it is still running afterwards: an append takes that
 * lock before it is given its transaction id (an append is one statement; see `append`), so such a
 * transaction will never write here. One that ended meanwhile, or that cannot be told, holds the
 * horizon until the next read. The CASE checks the locks first; with nothing open, pg_locks is not read.
 */
const LOG_HORIZON = `
  WITH unrelated AS (
    SELECT xid32 FROM (
      SELECT array_agg(transactionid::text::bigint)
               FILTER (WHERE locktype = 'transactionid' AND mode = 'ExclusiveLock' AND granted) AS xids,
             bool_or(locktype = 'relation' AND relation = 'events'::regclass AND mode = 'RowExclusiveLock'
                     AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
               AS appending
        FROM pg_locks GROUP BY virtualtransaction
    ) AS holder, unnest(holder.xids) AS xid32
     WHERE NOT holder.appending
  )
  SELECT coalesce(
    (SELECT min(open) FROM pg_snapshot_xip(pg_current_snapshot()) AS open
      WHERE NOT CASE WHEN open::text::bigint % 4294967296 IN (SELECT xid32 FROM unrelated)
                     THEN pg_xact_status(open) = 'in progress' ELSE false END),
    pg_snapshot_xmax(pg_current_snapshot())) AS horizon`;

// The instant as milliseconds: the driver's parsing of a timestamp's text was a tenth of a log read.
const EVENT_COLUMNS = `${STORED_EVENT_COLUMNS}, global_position, transaction_id::text AS transaction_text,
  (extract(epoch FROM stored_at) * 1000)::float8 AS stored_ms`;

/**
 * The next `$3` events of the log after ($1, $2), in log order. Below the horizon, unless the store
 * is alone on its database: PGlite has one connection, and a statement or transaction holds it
 * alone, so no append is ever in flight while the log is read and everything committed can be read.
 */
const nextEvents = (belowHorizon: boolean, columns: string) => `SELECT ${columns} FROM events
   WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
     ${belowHorizon ? 'AND transaction_id < (SELECT horizon FROM log_horizon)' : ''}
   ORDER BY transaction_id, global_position
   LIMIT $3`;

const withHorizon = (belowHorizon: boolean, statement: string) =>
  belowHorizon ? `WITH log_horizon AS (${LOG_HORIZON}) ${statement}` : statement;

const READ_ALL = withHorizon(true, nextEvents(true, EVENT_COLUMNS));
const READ_ALL_ALONE = nextEvents(false, EVENT_COLUMNS);

/** The names of EVENT_COLUMNS as a statement answers them. */
const EVENT_NAMES = [...STORED_EVENT_COLUMNS.split(', '), 'global_position', 'transaction_text', 'stored_ms'];

/**
 * The next `$3` events of the log, as READ_ALL reads them, answering those of some types (`$4`) and
 * the last one looked at (`looked_last`, whatever its type). The filter comes
 * after the scan, so the plan is READ_ALL's whatever PostgreSQL guesses of how many events are of
 * the types: filtered in the scan, on a log not yet analysed, it sorted the whole rest of the log
 * for every batch (found by bench:replay at 1,000,000 events). One pass: the last row is told by
 * `lead`, as the rows come in order.
 */
const readTypes = (belowHorizon: boolean) =>
  withHorizon(
    belowHorizon,
    `SELECT ${EVENT_NAMES.join(', ')}, wanted, looked_last FROM (
       SELECT ${EVENT_COLUMNS}, transaction_id AS log_order, event_type = ANY($4::text[]) AS wanted,
              lead(global_position) OVER (ORDER BY transaction_id, global_position) IS NULL AS looked_last
         FROM (${nextEvents(belowHorizon, '*')}) AS events
     ) AS looked_at
      WHERE wanted OR looked_last
      ORDER BY log_order, global_position`,
  );
const READ_TYPES = readTypes(true);
const READ_TYPES_ALONE = readTypes(false);

interface EventRow extends StoredEventRow {
  global_position: number;
  /** Text, not xid8: ordering by an output column named transaction_id would sort it as text. */
  transaction_text: string;
  stored_ms: number;
}

/** Whether a typed read's row is of the types, and whether it is the last event it looked at. */
interface LookedAtColumns {
  wanted: boolean;
  looked_last: boolean;
}

export class PostgresEventStore implements EventStore {
  constructor(private readonly db: SqlDatabase) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    appendableBytes(streamId, events);
    const step = typeof expected === 'number' ? 'exact' : expected;
    const documents = JSON.stringify(events.map((event) => chainedDocumentOf(streamId, event)));
    const params: unknown[] = [streamId, documents, events.length, chainBodiesOf(events)];
    if (typeof expected === 'number') params.push(expected);
    let row: { revision: number | null; position: number | null; transaction_id: string } | undefined;
    try {
      [row] = await this.db.query(APPEND[step], params);
    } catch (error) {
      if (sqlStateOf(error) !== SQLSTATE.uniqueViolation) throw error;
      return this.earlierAppendOf(streamId, events, expected);
    }
    if (!row || row.revision === null || row.position === null)
      return this.earlierAppendOf(streamId, events, expected);
    return {
      nextRevision: row.revision,
      position: { commit: Number(row.transaction_id), prepare: row.position },
    };
  }

  /** The append was refused: succeed if it is a retry of one already stored, else say why. */
  private async earlierAppendOf(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const ids = events.map((event) => event.id);
    const stored = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_revision`,
      [ids],
    );
    if (stored.length > 0) {
      const sameAppend =
        stored.length === ids.length &&
        stored.every((row, index) => row.stream_id === streamId && row.event_id === ids[index]) &&
        stored.every(
          (row, index) => index === 0 || row.stream_revision === stored[index - 1].stream_revision + 1,
        );
      if (!sameAppend) throw new DuplicateEventIdError(stored.map((row) => row.event_id));
      const last = stored[stored.length - 1];
      return {
        nextRevision: last.stream_revision,
        position: { commit: Number(last.transaction_text), prepare: last.global_position },
      };
    }
    const [current] = await this.db.query<{ revision: number }>(
      'SELECT revision FROM streams WHERE stream_id = $1',
      [streamId],
    );
    throw new WrongExpectedRevisionError(streamId, expected, current ? current.revision : 'no_stream');
  }

  /**
   * Locks the events table before the transaction writes anything, as a one-statement append does
   * (see LOG_HORIZON): a reader waits for this transaction rather than passing over it. Readers of
   * the log wait behind it until it commits, so a long one holds projections back meanwhile.
   */
  readonly inOneTransaction = <T>(work: (streams: StreamsInTransaction) => Promise<T>): Promise<T> =>
    this.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE events IN ROW EXCLUSIVE MODE');
      return work(streamsInTransaction(tx, readStreamsIn));
    });

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1 AND stream_revision >= $2
        ORDER BY stream_revision LIMIT $3`,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START_OF_LOG;
    const rows = await this.db.query<EventRow>(this.db.kind === 'pglite' ? READ_ALL_ALONE : READ_ALL, [
      String(after.commit),
      after.prepare,
      options.maxCount ?? 1000,
    ]);
    return rows.map(toRecordedEvent);
  }

  async readAllOfTypes(options: ReadTypesOptions): Promise<TypedLogRead> {
    const after = options.after ?? START_OF_LOG;
    const rows = await this.db.query<EventRow & LookedAtColumns>(
      this.db.kind === 'pglite' ? READ_TYPES_ALONE : READ_TYPES,
      [String(after.commit), after.prepare, options.maxCount ?? 1000, options.types],
    );
    const last = rows.at(-1);
    return {
      events: rows.filter((row) => row.wanted).map(toRecordedEvent),
      readTo: last?.looked_last
        ? { commit: Number(last.transaction_text), prepare: last.global_position }
        : after,
    };
  }

  async check(): Promise<void> {
    await this.db.query('SELECT 1 FROM streams LIMIT 1');
  }

  async close(): Promise<void> {
    // The database belongs to whoever opened it.
  }
}

async function readStreamsIn(db: SqlQueryable, streamIds: readonly string[]): Promise<RecordedEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_revision`,
    [streamIds],
  );
  return rows.map(toRecordedEvent);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.stream_revision,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    position: { commit: Number(row.transaction_text), prepare: row.global_position },
    storedAt: new Date(row.stored_ms),
  };
}
