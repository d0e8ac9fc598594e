import { hash } from 'node:crypto';
import { RecordedEvent } from '#event-store/port';
import { canonicalJson } from '#event-store/chain/canonical-json';

/**
 * The next link of a body's audit chain: any edit to an earlier event breaks every later link.
 * It hashes the event as stored, not as an upcaster reads it, so a new schema never reads as tampering.
 */
export function chainHash(previousHash: string, event: RecordedEvent): string {
  const { id, streamId, revision, type, metadata } = event;
  const { schemaVersion, data } = event.asStored ?? event;
  const link = canonicalJson({ eventId: id, streamId, revision, type, schemaVersion, data, metadata });
  // In one call: a Hash object per event took nearly twice as long (200,000 links: 323-366 ms, not 188-202).
  return hash('sha256', `${previousHash}\n${link}`, 'hex');
}

export const CHAIN_START = '0'.repeat(64);
