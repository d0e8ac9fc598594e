import { RuleCheck } from '#domain/decision/decision-compliance';
import { ChainedEvent, chainedStreamOf } from '#event-store/postgres/chained-stream';
import { EventStore } from '#event-store/port';
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
  readonly events: readonly PackEvent[];
  readonly eventsHold: boolean;
  readonly verification: RecordVerification;
}

/** An event of the pack: on EventStoreDB, which keeps no chain of its own, with no hashes (null). */
export type PackEvent =
  | ChainedEvent
  | (Omit<ChainedEvent, 'bodySeq' | 'contentHash' | 'previousHash' | 'chainHash' | 'holds'> & {
      readonly bodySeq: null;
      readonly contentHash: null;
      readonly previousHash: null;
      readonly chainHash: null;
      readonly holds: null;
    });

async function unchainedStreamOf(store: EventStore, streamId: string): Promise<PackEvent[]> {
  return (await store.readStream(streamId)).map((event) => {
    const stored = event.asStored ?? event;
    return {
      eventId: event.id,
      type: event.type,
      schemaVersion: stored.schemaVersion,
      revision: event.revision,
      data: stored.data,
      metadata: event.metadata,
      storedAt: event.storedAt.toISOString(),
      bodySeq: null,
      contentHash: null,
      previousHash: null,
      chainHash: null,
      holds: null,
    };
  });
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
  const events = parts.chains
    ? await chainedStreamOf(parts.db, subject.streamId)
    : await unchainedStreamOf(parts.store, subject.streamId);
  return {
    kind: subject.kind,
    id: subject.id,
    bodyId: subject.bodyId,
    generatedAt: parts.clock().toISOString(),
    record: subject.record,
    rules: subject.rules ?? null,
    events,
    eventsHold: events.every((event) => event.holds !== false),
    verification: await verifyRecord(parts, subject.bodyId),
  };
}
