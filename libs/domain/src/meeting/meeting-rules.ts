import { DomainError, quoted } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import type { Meeting } from './meeting.state';
import type { MeetingItem } from './meeting.document';

export const conflict = (code: string, message: string, field?: string) =>
  new DomainError(code, message, 'conflict', field);
export const texts = (values: readonly string[], field: string) =>
  values.map((v, i) => requiredText(v, `${field}[${i}]`));
const TIME = /^([01]\d|2[0-3])[:.][0-5]\d$/;

export function timeOf(time: string | null, field: string): string | null {
  if (time === null) return null;
  if (!TIME.test(time))
    throw new DomainError(
      'INVALID_TIME',
      `${field} ${quoted(time)} is not a time; use HH:MM`,
      'invalid',
      field,
    );
  return time.replace('.', ':');
}

/** The agenda item, or 404 naming it. */
export function itemOf(state: Meeting, itemId: string): MeetingItem {
  const item = state.items.find((i) => i.itemId === itemId);
  if (!item)
    throw new DomainError(
      'ITEM_NOT_FOUND',
      `No agenda item ${itemId} on this meeting.`,
      'not_found',
      'itemId',
    );
  return item;
}
