import { SqlQueryable } from '../../../database/src/sql-database';
import { EventMetadata } from '../../../event-store/src/port';
import { decodeCursor, encodeCursor, Page } from '../cursor';
import { CHAIN_START, chainHash } from './audit-chain';

export interface AuditEntry {
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
  seq: number;
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

/** The audit trail in the order things were recorded, filtered, a page at a time. */
export async function listAuditTrail(db: SqlQueryable, filter: AuditFilter): Promise<Page<AuditEntry>> {
  const after = filter.cursor ? Number(decodeCursor(filter.cursor, 1)[0]) : 0;
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_trail
      WHERE body_id = ANY($1::text[])
        AND seq > $2
        AND ($3::text IS NULL OR entity_id = $3)
        AND ($4::text IS NULL OR entity_type = $4)
        AND ($5::text IS NULL OR actor = $5)
        AND ($6::text IS NULL OR event_type = $6)
        AND ($7::timestamptz IS NULL OR recorded_at >= $7::timestamptz)
        AND ($8::timestamptz IS NULL OR recorded_at < $8::timestamptz)
      ORDER BY seq
      LIMIT $9`,
    [
      filter.bodyIds,
      after,
      filter.entityId ?? null,
      filter.entityType ?? null,
      filter.actor ?? null,
      filter.eventType ?? null,
      filter.recordedFrom ?? null,
      filter.recordedTo ?? null,
      filter.limit + 1,
    ],
  );
  const items = rows.slice(0, filter.limit).map(toEntry);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit ? encodeCursor([last.seq]) : null };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
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
  /** The first entry whose hash does not follow from the events, if any. */
  firstBrokenSeq: number | null;
}

/** Recomputes a body's hash chain from the event log itself and compares it link by link. */
export async function verifyAuditChain(db: SqlQueryable, bodyId: string): Promise<AuditVerification> {
  let previous = CHAIN_START;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.query<{
      seq: number;
      chain_hash: string;
      event_id: string;
      stream_id: string | null;
      stream_revision: number;
      event_type: string;
      schema_version: number;
      data: unknown;
      metadata: EventMetadata;
    }>(
      `SELECT a.seq, a.chain_hash, a.event_id, e.stream_id, e.stream_revision, e.event_type, e.schema_version,
              e.data, e.metadata
         FROM audit_trail a LEFT JOIN events e ON e.event_id = a.event_id
        WHERE a.body_id = $1 AND a.seq > $2
        ORDER BY a.seq LIMIT 1000`,
      [bodyId, after],
    );
    if (rows.length === 0) return { bodyId, verified: true, entriesChecked: checked, firstBrokenSeq: null };
    for (const row of rows) {
      const expected =
        row.stream_id === null
          ? null
          : chainHash(previous, {
              eventId: row.event_id,
              streamId: row.stream_id,
              revision: row.stream_revision,
              type: row.event_type,
              schemaVersion: row.schema_version,
              data: row.data,
              metadata: row.metadata,
            });
      checked++;
      if (expected !== row.chain_hash) return { bodyId, verified: false, entriesChecked: checked, firstBrokenSeq: row.seq };
      previous = row.chain_hash;
      after = row.seq;
    }
  }
}
