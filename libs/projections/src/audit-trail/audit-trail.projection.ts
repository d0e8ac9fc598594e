import { SqlQueryable } from '../../../database/src/sql-database';
import { RecordedEvent } from '../../../event-store/src/port';
import { entityOfStream, Projection } from '../projection';
import { CHAIN_START, chainHash } from './audit-chain';
import { auditTrailMigrations } from './audit-trail.migrations';
import { describeEvent, reasonOf } from './describe-event';

/**
 * Every event of every body, in global order, with who, when, what and why. Each entry is numbered
 * in its body's trail in log order (`body_seq`): the same numbers after any rebuild.
 */
export const auditTrailProjection: Projection = {
  name: 'audit_trail',
  migrations: auditTrailMigrations,
  handles: 'every event',

  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    const { metadata } = event;
    const { entityType, entityId } = entityOfStream(event.streamId);
    const [previous] = await tx.query<{ chain_hash: string; body_seq: number }>(
      'SELECT chain_hash, body_seq FROM audit_trail WHERE body_id = $1 ORDER BY body_seq DESC LIMIT 1',
      [metadata.bodyId],
    );
    const hash = chainHash(previous?.chain_hash ?? CHAIN_START, event);
    await tx.query(
      `INSERT INTO audit_trail (event_id, commit_position, prepare_position, body_id, stream_id, stream_revision,
         entity_type, entity_id, event_type, schema_version, summary, reason, actor, actor_role, recorded_at,
         effective_at, correlation_id, causation_id, command, data, chain_hash, body_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        event.id,
        event.position.commit,
        event.position.prepare,
        metadata.bodyId,
        event.streamId,
        event.revision,
        entityType,
        entityId,
        event.type,
        event.schemaVersion,
        describeEvent(event.type, event.data),
        reasonOf(event.data),
        metadata.actor,
        metadata.actorRole ?? null,
        metadata.recordedAt,
        metadata.effectiveAt ?? null,
        metadata.correlationId ?? null,
        metadata.causationId ?? null,
        metadata.command ?? null,
        JSON.stringify(event.data),
        hash,
        Number(previous?.body_seq ?? 0) + 1,
      ],
    );
  },

  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query('DELETE FROM audit_trail');
  },
};
