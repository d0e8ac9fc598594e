import { SqlQueryable } from '#database/sql-database';
import { CHAIN_START, linkHash } from '../chain/event-chain';
import { contentHashOfRow, STORED_EVENT_COLUMNS, StoredEventRow } from './stored-event-row';

/** One event of a record as stored, with its place in its body's chain and whether that holds. */
export interface ChainedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly revision: number;
  readonly data: unknown;
  readonly metadata: StoredEventRow['metadata'];
  readonly storedAt: string;
  readonly bodySeq: number;
  readonly contentHash: string;
  readonly previousHash: string;
  readonly chainHash: string;
  /** Its content hashes to `contentHash`, its link to `chainHash`, and the event before it in the chain ends in `previousHash`. */
  readonly holds: boolean;
}

interface Row extends StoredEventRow {
  stored_at: string;
  body_seq: number;
  content_hash: string;
  previous_hash: string;
  chain_hash: string;
  before_hash: string | null;
}

/** A stream's events in revision order, each checked against its link in the body's chain. */
export async function chainedStreamOf(db: SqlQueryable, streamId: string): Promise<ChainedEvent[]> {
  const rows = await db.query<Row>(
    `SELECT ${STORED_EVENT_COLUMNS.replace(/(\w+)/g, 'e.$1')}, e.stored_at::text, e.body_seq, e.content_hash,
            e.previous_hash, e.chain_hash, p.chain_hash AS before_hash
       FROM events e LEFT JOIN events p ON p.body_id = e.body_id AND p.body_seq = e.body_seq - 1
      WHERE e.stream_id = $1 ORDER BY e.stream_revision`,
    [streamId],
  );
  return rows.map((row) => {
    const content = contentHashOfRow(row);
    const seq = Number(row.body_seq);
    const previous = seq === 1 ? CHAIN_START : row.before_hash;
    return {
      eventId: row.event_id,
      type: row.event_type,
      schemaVersion: row.schema_version,
      revision: Number(row.stream_revision),
      data: row.data,
      metadata: row.metadata,
      storedAt: row.stored_at,
      bodySeq: seq,
      contentHash: row.content_hash,
      previousHash: row.previous_hash,
      chainHash: row.chain_hash,
      holds:
        content === row.content_hash &&
        previous === row.previous_hash &&
        linkHash(row.previous_hash, seq, Number(row.stream_revision), content) === row.chain_hash,
    };
  });
}
