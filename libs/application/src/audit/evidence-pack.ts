import { RuleCheck } from '#domain/decision/decision-compliance';
import { ChainedEvent, chainedStreamOf } from '#event-store/postgres/chained-stream';
import { RecordVerification, VerifiableRecord, verifyRecord } from './record-verification';

/**
 * Everything an auditor needs of one action or decision, in one file: the record as the engine
 * shows it, every event of its history as stored (who, when recorded, when effective, what) with
 * its hashes and whether each still holds, the statutory rules with the events that satisfied
 * them (decisions), and the body's whole record checked.
 */
export interface EvidencePack {
  readonly kind: 'action' | 'decision';
  readonly id: string;
  readonly bodyId: string;
  readonly generatedAt: string;
  readonly record: unknown;
  readonly rules: readonly RuleCheck[] | null;
  readonly events: readonly ChainedEvent[];
  readonly eventsHold: boolean;
  readonly verification: RecordVerification;
}

export async function evidencePackOf(
  parts: VerifiableRecord & { readonly clock: () => Date },
  subject: {
    readonly kind: EvidencePack['kind'];
    readonly id: string;
    readonly bodyId: string;
    readonly streamId: string;
    readonly record: unknown;
    readonly rules?: readonly RuleCheck[];
  },
): Promise<EvidencePack> {
  // EventStoreDB keeps no chain of its own: the pack then has no events of it (the audit trail has them).
  const events = parts.chains ? await chainedStreamOf(parts.db, subject.streamId) : [];
  return {
    kind: subject.kind,
    id: subject.id,
    bodyId: subject.bodyId,
    generatedAt: parts.clock().toISOString(),
    record: subject.record,
    rules: subject.rules ?? null,
    events,
    eventsHold: events.every((event) => event.holds),
    verification: await verifyRecord(parts, subject.bodyId),
  };
}
