import { hash } from 'node:crypto';
import { NewEvent } from '../port';
import { canonicalJson } from './canonical-json';

/**
 * The store's own tamper evidence. Every event row carries the hash of its content and its link in
 * its body's chain: the link hashes the previous link, the event's number in the body's chain, its
 * stream revision and its content hash, so an edit, a deletion, an insertion or a swap anywhere
 * breaks every later link. The engine computes the content hash over its canonical JSON (never the
 * text jsonb hands back); the database computes the link as it numbers the event, under the body's
 * chain lock (`event_link` in the migration does the same sum as `linkHash`).
 */
export const CHAIN_START = '0'.repeat(64);

/** What an event's content hash covers: everything about it but where it landed in the log. */
export type ChainedContent = Pick<NewEvent, 'id' | 'type' | 'schemaVersion' | 'data' | 'metadata'> & {
  readonly streamId: string;
};

export function contentHashOf({ id, streamId, type, schemaVersion, data, metadata }: ChainedContent): string {
  const content = canonicalJson({ eventId: id, streamId, type, schemaVersion, data, metadata });
  return hash('sha256', content, 'hex');
}

export function linkHash(previous: string, seq: number, revision: number, contentHash: string): string {
  return hash('sha256', `${previous}\n${seq}\n${revision}\n${contentHash}`, 'hex');
}

/** The body an event is chained in: its metadata's, or the deployment's own chain when it names none. */
export const chainBodyOf = (event: Pick<NewEvent, 'metadata'>): string =>
  (event.metadata as { bodyId?: string }).bodyId ?? '';
