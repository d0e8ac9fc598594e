import { createHash } from 'node:crypto';

// Fixed namespace for action ids (a random UUID chosen once; changing it would re-key every action).
const ACTION_NAMESPACE = Buffer.from('5b1f2c9e8a7d4f3b9c6e2d1a0f4b7c8e', 'hex');

/**
 * An action's id follows from its body, plan and ref (a name-based UUID, RFC 4122 v5), so a
 * second action with the same ref lands on the same stream and the event store's "no stream"
 * check refuses it: uniqueness without a second table or a race.
 */
export function actionIdFor(bodyId: string, plan: string, ref: string): string {
  const name = [bodyId, plan.trim().toLowerCase(), ref.trim().toUpperCase()].join('\u0000');
  const hash = createHash('sha1').update(ACTION_NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const actionStream = (actionId: string) => `action-${actionId}`;
export const bodyStream = (bodyId: string) => `body-${bodyId}`;
