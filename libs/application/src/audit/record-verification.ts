import { SqlQueryable } from '#database/sql-database';
import { ChainVerification, EventChains } from '#event-store';
import { EventStore } from '#event-store/port';
import { AuditVerification, verifyAuditChain } from '#projections/audit-trail/audit-trail.queries';

/** The audit trail checked against the log, and the log's own chain checked from its rows. */
export interface RecordVerification extends AuditVerification {
  /** The events table's hash chain of the body; null where the store keeps none (EventStoreDB). */
  readonly store: ChainVerification | null;
}

export interface VerifiableRecord {
  readonly db: SqlQueryable;
  readonly store: EventStore;
  readonly chains: EventChains | null;
}

/** Whether a body's record can be trusted: both chains hold (`verified`), and where each breaks if not. */
export async function verifyRecord(
  record: VerifiableRecord,
  bodyId: string,
  options: Parameters<EventChains['verify']>[1] = {},
): Promise<RecordVerification> {
  const store = record.chains ? await record.chains.verify(bodyId, options) : null;
  const trail = await verifyAuditChain(record.db, record.store, bodyId);
  return { ...trail, verified: trail.verified && (store?.verified ?? true), store };
}
