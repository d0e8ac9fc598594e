import { SqlQueryable } from '#database/sql-database';
import { isUuid } from '#domain/shared/uuid-text';
import { EventStore, START_OF_LOG } from '#event-store/port';
import { decodeCursor, encodeCursor, InvalidCursorError, Page } from '../cursor';
import { PagePerBody } from '../page-per-body';
import { CHAIN_START, chainHash } from './audit-chain';

export interface AuditEntry {
  /** The entry's number in its body's trail, in log order: stable across rebuilds. */
  seq: number;
  eventId: string;
  bodyId: string;
  entityType: string;
  entityId: string;
  streamRevision: number;
  eventType: string;
  schemaVersion: number;
  summary: string;
  reason: string | null;
  actor: string;
  actorRole: string | null;
  recordedAt: string;
  effectiveAt: string | null;
  correlationId: string | null;
  causationId: string | null;
  command: string | null;
  data: unknown;
  chainHash: string;
}

export interface AuditFilter {
  bodyIds: readonly string[];
  entityId?: string;
  entityType?: string;
  actor?: string;
  eventType?: string;
  recordedFrom?: string;
  recordedTo?: string;
  limit: number;
  cursor?: string;
}

interface AuditRow {
  body_seq: number;
  commit_position: number;
  prepare_position: number;
  event_id: string;
  body_id: string;
  entity_type: string;
  entity_id: string;
  stream_revision: number;
  event_type: string;
  schema_version: number;
  summary: string;
  reason: string | null;
  actor: string;
  actor_role: string | null;
  recorded_at: Date | string;
  effective_at: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  command: string | null;
  data: unknown;
  chain_hash: string;
}

/** Named, not `*`: statements are prepared, and a column added by a later migration must not change their result. */
const AUDIT_COLUMNS =
  'body_seq, commit_position, prepare_position, event_id, body_id, entity_type, entity_id, stream_revision, event_type, schema_version, summary, reason, actor, actor_role, recorded_at, effective_at, correlation_id, causation_id, command, data, chain_hash';

/** The audit trail in the order things were recorded, filtered, a page at a time (see PagePerBody). */
export async function listAuditTrail(db: SqlQueryable, filter: AuditFilter): Promise<Page<AuditEntry>> {
  // The cursor is a place in the log, which no rebuild moves.
  const after = filter.cursor ? decodeCursor(filter.cursor, 2).map(Number) : undefined;
  if (after && !after.every(Number.isSafeInteger)) throw new InvalidCursorError();
  const where = new PagePerBody(filter.bodyIds, filter.limit + 1, 't');
  where.add('(t.commit_position, t.prepare_position) > (($::bigint[])[1], ($::bigint[])[2])', after);
  where.add('t.entity_id = $', filter.entityId);
  where.add('t.entity_type = $', filter.entityType);
  where.add('t.actor = $', filter.actor);
  where.add('t.event_type = $', filter.eventType);
  where.add('t.recorded_at >= $::timestamptz', filter.recordedFrom);
  where.add('t.recorded_at < $::timestamptz', filter.recordedTo);
  const rows = await db.query<AuditRow>(
    where.statement({
      columns: AUDIT_COLUMNS,
      from: 'audit_trail t',
      order: 't.commit_position, t.prepare_position',
      merged: 'commit_position, prepare_position',
    }),
    where.params,
  );
  const items = rows.slice(0, filter.limit).map(toEntry);
  const last = rows[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > filter.limit ? encodeCursor([last.commit_position, last.prepare_position]) : null,
  };
}

/** One entry of the trail of one of `bodyIds`, by its event's id; null when there is none. */
export async function findAuditEntry(
  db: SqlQueryable,
  bodyIds: readonly string[],
  eventId: string,
): Promise<AuditEntry | null> {
  if (!isUuid(eventId)) return null;
  const [row] = await db.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_trail WHERE event_id = $1::uuid AND body_id = ANY($2::text[])`,
    [eventId, bodyIds],
  );
  return row ? toEntry(row) : null;
}

/** The last thing recorded of one record: who changed it last, and when. */
export async function latestAuditEntry(
  db: SqlQueryable,
  bodyId: string,
  entityId: string,
): Promise<AuditEntry | null> {
  const [row] = await db.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_trail WHERE body_id = $1 AND entity_id = $2
      ORDER BY commit_position DESC, prepare_position DESC LIMIT 1`,
    [bodyId, entityId],
  );
  return row ? toEntry(row) : null;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.body_seq),
    eventId: row.event_id,
    bodyId: row.body_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    streamRevision: row.stream_revision,
    eventType: row.event_type,
    schemaVersion: row.schema_version,
    summary: row.summary,
    reason: row.reason,
    actor: row.actor,
    actorRole: row.actor_role,
    recordedAt: new Date(row.recorded_at).toISOString(),
    effectiveAt: row.effective_at,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    command: row.command,
    data: row.data,
    chainHash: row.chain_hash,
  };
}

export interface AuditVerification {
  bodyId: string;
  verified: boolean;
  entriesChecked: number;
  /** The first entry whose hash or event does not follow from the event log, if any. */
  firstBrokenSeq: number | null;
}

/**
 * Replays the event log and recomputes the body's hash chain, comparing it with the audit trail
 * entry by entry: an edited, missing or extra entry breaks the chain from that point on.
 */
export async function verifyAuditChain(
  db: SqlQueryable,
  store: EventStore,
  bodyId: string,
): Promise<AuditVerification> {
  const result = (verified: boolean, entriesChecked: number, firstBrokenSeq: number | null) => ({
    bodyId,
    verified,
    entriesChecked,
    firstBrokenSeq,
  });
  let entries: { seq: number; event_id: string; chain_hash: string }[] = [];
  let lastSeq = 0;
  const nextEntry = async () => {
    if (entries.length === 0) {
      entries = await db.query(
        `SELECT body_seq::integer AS seq, event_id, chain_hash FROM audit_trail
          WHERE body_id = $1 AND body_seq > $2 ORDER BY body_seq LIMIT 1000`,
        [bodyId, lastSeq],
      );
    }
    const entry = entries.shift();
    if (entry) lastSeq = entry.seq;
    return entry;
  };

  let previous = CHAIN_START;
  let checked = 0;
  let position = START_OF_LOG;
  for (;;) {
    const events = await store.readAll({ after: position, maxCount: 1000 });
    if (events.length === 0) break;
    position = events[events.length - 1].position;
    for (const event of events) {
      if (event.metadata.bodyId !== bodyId) continue;
      const entry = await nextEntry();
      // The trail may lag the log by the events the projector has not reached yet.
      if (!entry) return result(true, checked, null);
      const expected = chainHash(previous, event);
      if (entry.event_id !== event.id || entry.chain_hash !== expected)
        return result(false, checked, entry.seq);
      previous = expected;
      checked++;
    }
  }
  const extra = await nextEntry();
  return extra ? result(false, checked, extra.seq) : result(true, checked, null);
}
