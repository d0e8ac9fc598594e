import { SqlQueryable } from '#database/sql-database';
import { RecordedEvent } from '#event-store/port';
import { JsonRows } from '../json-rows';
import { entityOfStream, Projection } from '../projection';
import { CHAIN_START, chainHash } from './audit-chain';
import { auditTrailMigrations } from './audit-trail.migrations';
import { describeEvent, reasonOf } from './describe-event';

/**
 * The last link of each body's chain before a batch: its hash and its number. One probe of the
 * (body_id, body_seq) index per body: a DISTINCT ON over the bodies sorted every entry of the body
 * to keep one (850 ms at 500,000 entries, on every write; a rebuild slowed as its trail grew).
 */
async function chainEnds(
  tx: SqlQueryable,
  bodyIds: readonly string[],
): Promise<Map<string, { hash: string; seq: number }>> {
  const rows = await tx.query<{ body_id: string; chain_hash: string; body_seq: number }>(
    `SELECT b.body_id, last.chain_hash, last.body_seq FROM unnest($1::text[]) AS b(body_id)
       CROSS JOIN LATERAL (SELECT chain_hash, body_seq FROM audit_trail t WHERE t.body_id = b.body_id
                            ORDER BY body_seq DESC LIMIT 1) last`,
    [bodyIds],
  );
  return new Map(rows.map((row) => [row.body_id, { hash: row.chain_hash, seq: Number(row.body_seq) }]));
}

/** One entry per event, chained and numbered in log order from each body's last link. */
function entriesOf(events: readonly RecordedEvent[], ends: Map<string, { hash: string; seq: number }>) {
  return events.map((event) => {
    const { metadata } = event;
    const stored = event.asStored ?? event; // an auditor sees the record as it was written
    const { entityType, entityId } = entityOfStream(event.streamId);
    const previous = ends.get(metadata.bodyId) ?? { hash: CHAIN_START, seq: 0 };
    const link = { hash: chainHash(previous.hash, event), seq: previous.seq + 1 };
    ends.set(metadata.bodyId, link);
    return {
      event_id: event.id,
      commit_position: event.position.commit,
      prepare_position: event.position.prepare,
      body_id: metadata.bodyId,
      stream_id: event.streamId,
      stream_revision: event.revision,
      entity_type: entityType,
      entity_id: entityId,
      event_type: event.type,
      schema_version: stored.schemaVersion,
      summary: describeEvent(event.type, event.data),
      reason: reasonOf(event.data),
      actor: metadata.actor,
      actor_role: metadata.actorRole ?? null,
      recorded_at: metadata.recordedAt,
      effective_at: metadata.effectiveAt ?? null,
      correlation_id: metadata.correlationId ?? null,
      causation_id: metadata.causationId ?? null,
      command: metadata.command ?? null,
      data: stored.data,
      chain_hash: link.hash,
      body_seq: link.seq,
    };
  });
}

const ENTRIES = new JsonRows<ReturnType<typeof entriesOf>[number]>(
  `event_id uuid, commit_position bigint, prepare_position bigint, body_id text, stream_id text,
   stream_revision bigint, entity_type text, entity_id text, event_type text, schema_version integer,
   summary text, reason text, actor text, actor_role text, recorded_at timestamptz, effective_at text,
   correlation_id text, causation_id text, command text, data jsonb, chain_hash text, body_seq bigint`,
);

/** A batch in two statements, whatever its size: the chain ends, then every entry at once. */
async function appendEntries(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const ends = await chainEnds(tx, [...new Set(events.map((event) => event.metadata.bodyId))]);
  await tx.query(
    `INSERT INTO audit_trail (${ENTRIES.names})
     SELECT ${ENTRIES.names} FROM ${ENTRIES.relation('$1', 'entry')}
     ON CONFLICT (event_id) DO NOTHING`,
    [ENTRIES.json(entriesOf(events, ends))],
  );
}

/**
 * Every event of every body, in global order, with who, when, what and why. Each entry is numbered
 * in its body's trail in log order (`body_seq`): the same numbers after any rebuild.
 */
export const auditTrailProjection: Projection = {
  name: 'audit_trail',
  migrations: auditTrailMigrations,
  handles: 'every event',

  apply: (tx, event) => appendEntries(tx, [event]),
  applyBatch: appendEntries,
};
