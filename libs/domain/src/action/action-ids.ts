import { nameBasedUuid } from '../shared/name-based-uuid';

// Fixed namespace for action ids (a random UUID chosen once; changing it would re-key every action).
const ACTION_NAMESPACE = Buffer.from('5b1f2c9e8a7d4f3b9c6e2d1a0f4b7c8e', 'hex');

/**
 * An action's id follows from its body, plan and ref (a name-based UUID, RFC 4122 v5), so a
 * second action with the same ref lands on the same stream and the event store's "no stream"
 * check refuses it: uniqueness without a second table or a race.
 */
export function actionIdFor(bodyId: string, plan: string, ref: string): string {
  return nameBasedUuid(
    ACTION_NAMESPACE,
    [bodyId, plan.trim().toLowerCase(), ref.trim().toUpperCase()].join('\u0000'),
  );
}

export const actionStream = (actionId: string) => `action-${actionId}`;
export const bodyStream = (bodyId: string) => `body-${bodyId}`;
