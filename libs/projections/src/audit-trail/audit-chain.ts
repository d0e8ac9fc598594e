import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface ChainedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

/** The next link of a body's audit chain: any edit to an earlier event breaks every later link. */
export function chainHash(previousHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(event)).digest('hex');
}

export const CHAIN_START = '0'.repeat(64);
