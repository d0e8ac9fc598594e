import { randomUUID } from 'node:crypto';
import { nameBasedUuid } from './name-based-uuid';

// Fixed namespace for decision ids derived from an idempotency key (chosen once; never change it).
const DECISION_NAMESPACE = Buffer.from('c3a8e0d2f61b4c7a9e5d8b2f1a6c4e90', 'hex');

/**
 * A new decision's id. With an idempotency key it follows from (body, actor, key), so a retried
 * proposal lands on the stream the first attempt wrote and writes nothing new.
 */
export function newDecisionId(bodyId: string, actor: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return randomUUID();
  return nameBasedUuid(DECISION_NAMESPACE, [bodyId, actor, idempotencyKey].join('\u0000'));
}

export const decisionStream = (decisionId: string) => `decision-${decisionId}`;
/** One stream per body holds its decision numbers (no hyphen before the body: the prefix names the entity). */
export const decisionNumbersStream = (bodyId: string) => `decisionnumbers-${bodyId}`;
