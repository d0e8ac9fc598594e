import { randomUUID } from 'node:crypto';
import { nameBasedUuid } from './name-based-uuid';

// Fixed namespace for ids derived from an idempotency key (chosen once; never change it).
const RECORD_NAMESPACE = Buffer.from('c3a8e0d2f61b4c7a9e5d8b2f1a6c4e90', 'hex');

/**
 * A new record's id (decision, board, meeting). With an idempotency key it follows from
 * (kind, body, actor, key), so a retried request lands on the stream the first attempt wrote.
 */
export function newRecordId(kind: string, bodyId: string, actor: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return randomUUID();
  return nameBasedUuid(RECORD_NAMESPACE, [kind, bodyId, actor, idempotencyKey].join('\u0000'));
}

/** The id of a record another event caused (a decision a board requested): the same each time. */
export function causedRecordId(kind: string, causationEventId: string): string {
  return nameBasedUuid(RECORD_NAMESPACE, [kind, 'caused-by', causationEventId].join('\u0000'));
}

export const decisionStream = (decisionId: string) => `decision-${decisionId}`;
export const boardStream = (boardId: string) => `board-${boardId}`;
export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;
/** Sequences: no hyphen before the key, so the prefix names the entity. */
export const decisionNumbersStream = (bodyId: string) => `decisionnumbers-${bodyId}`;
export const minuteNumbersStream = (boardId: string) => `minutenumbers-${boardId}`;
/** Each reminder that went out or failed for good is recorded once, on a stream of its own. */
export const reminderStream = (reminderId: string) => `reminder-${reminderId}`;
export const personStream = (personId: string) => `person-${personId}`;
/** A person's roles in one body: the id follows from the two (see appointmentId). */
export const appointmentStream = (appointmentId: string) => `appointment-${appointmentId}`;

/** The one appointment of a person in a body. */
export function appointmentId(bodyId: string, personId: string): string {
  return nameBasedUuid(RECORD_NAMESPACE, ['appointment', bodyId, personId].join('\u0000'));
}

/**
 * The prefixes of every stream the engine writes (action-, body-, ... above and in action-ids):
 * a log shared with other applications (EventStoreDB's $all) is read for these alone.
 */
export const ENGINE_STREAM_PREFIXES: readonly string[] = [
  'action-',
  'body-',
  'decision-',
  'board-',
  'meeting-',
  'decisionnumbers-',
  'minutenumbers-',
  'reminder-',
  'person-',
  'appointment-',
];
