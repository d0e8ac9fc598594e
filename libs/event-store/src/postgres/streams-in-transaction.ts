import { SqlTransaction } from '#database/sql-database';
import {
  AppendResult,
  appendableBytes,
  RecordedEvent,
  StreamAppend,
  StreamsInTransaction,
  WrongExpectedRevisionError,
} from '../port';
import {
  CHAIN_COLUMNS,
  CHAIN_LINKS,
  CHAIN_VALUES,
  chainBodiesOf,
  chainedDocumentOf,
  chainGate,
} from './chained-append';

/**
 * Every stream of the write moves in one statement: new streams are inserted, existing ones moved
 * on only from the revision expected; the events go in behind the streams that moved. A stream
 * that did not move is missing from the answer, and the caller fails the transaction.
 */
const APPEND_TO_STREAMS = `
  WITH ${chainGate('$2')},
  streams_in AS (
    SELECT a.ord, a.doc->>'streamId' AS stream_id, (a.doc->>'expected')::bigint AS expected,
           a.doc->'events' AS events, jsonb_array_length(a.doc->'events')::bigint AS n
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(doc, ord)
  ),
  created AS (
    INSERT INTO streams (stream_id, revision)
    SELECT stream_id, n - 1 FROM streams_in, gate WHERE expected = -1 ORDER BY ord
    ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id, revision
  ),
  moved AS (
    UPDATE streams SET revision = streams.revision + a.n FROM streams_in a, gate
     WHERE a.expected >= 0 AND streams.stream_id = a.stream_id AND streams.revision = a.expected
    RETURNING streams.stream_id, streams.revision
  ),
  stepped AS (SELECT * FROM created UNION ALL SELECT * FROM moved),
  input AS (
    SELECT row_number() OVER (ORDER BY a.ord, e.ord) AS ord, a.stream_id, e.doc,
           s.revision - a.n + e.ord AS revision
      FROM streams_in a JOIN stepped s ON s.stream_id = a.stream_id,
           jsonb_array_elements(a.events) WITH ORDINALITY AS e(doc, ord)
  ),
  ${CHAIN_LINKS},
  appended AS (
    INSERT INTO events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata,
                        ${CHAIN_COLUMNS})
    SELECT (i.doc->>'id')::uuid, i.stream_id, i.revision, i.doc->>'type', (i.doc->>'schemaVersion')::integer,
           i.doc->'data', i.doc->'metadata', ${CHAIN_VALUES}
      FROM input i JOIN links l ON l.ord = i.ord
     ORDER BY i.ord
    RETURNING stream_id, stream_revision, global_position
  )
  SELECT stream_id, max(stream_revision) AS revision, max(global_position) AS position,
         pg_current_xact_id()::text AS transaction_id
    FROM appended GROUP BY stream_id`;

interface StreamRow {
  stream_id: string;
  revision: number;
  position: number;
  transaction_id: string;
}

/**
 * The event store's writes and reads inside one open transaction. The transaction must have locked
 * the events table first (see `PostgresEventStore.inOneTransaction`).
 */
export function streamsInTransaction(
  tx: SqlTransaction,
  readRows: (tx: SqlTransaction, streamIds: readonly string[]) => Promise<RecordedEvent[]>,
): StreamsInTransaction {
  return {
    sql: tx,
    async readStreams(streamIds) {
      const streams = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
      for (const event of await readRows(tx, streamIds)) streams.get(event.streamId)?.push(event);
      return streams;
    },

    async append(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
      if (appends.length === 0) return [];
      const seen = new Set<string>();
      for (const { streamId, events } of appends) {
        appendableBytes(streamId, events);
        if (seen.has(streamId)) throw new Error(`${streamId} is appended to twice in one write`);
        seen.add(streamId);
      }
      const documents = appends.map(({ streamId, events, expectedRevision }) => ({
        streamId,
        expected: expectedRevision === 'no_stream' ? -1 : expectedRevision,
        events: events.map((event) => chainedDocumentOf(streamId, event)),
      }));
      const bodies = chainBodiesOf(appends.flatMap((append) => append.events));
      const rows = await tx.query<StreamRow>(APPEND_TO_STREAMS, [JSON.stringify(documents), bodies]);
      const moved = new Map(rows.map((row) => [row.stream_id, row]));
      const refused = appends.find((append) => !moved.has(append.streamId));
      if (refused) {
        const [current] = await tx.query<{ revision: number }>(
          'SELECT revision FROM streams WHERE stream_id = $1',
          [refused.streamId],
        );
        throw new WrongExpectedRevisionError(
          refused.streamId,
          refused.expectedRevision,
          current ? Number(current.revision) : 'no_stream',
        );
      }
      return appends.map(({ streamId }) => {
        const row = moved.get(streamId) as StreamRow;
        return {
          nextRevision: Number(row.revision),
          position: { commit: Number(row.transaction_id), prepare: Number(row.position) },
        };
      });
    },
  };
}
