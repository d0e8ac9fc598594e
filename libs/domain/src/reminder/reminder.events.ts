import { allTypesOf } from '../shared/event-types';
import { DomainEvent, IsoDate } from '../shared/event';

export type ReminderChannel = 'email' | 'webhook' | 'log';

/** What a reminder was about and to whom: enough to prove the owner was chased. */
export interface ReminderFacts {
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly subjectLabel: string;
  readonly recipient: string;
  readonly targetDate: IsoDate;
  readonly fireAt: string;
  readonly message: string;
  readonly channel: ReminderChannel;
  readonly address: string;
}

/** One per reminder (its own stream, appended only if absent): a reminder is recorded sent once. */
export type ReminderSent = DomainEvent<'ReminderSent', 1, ReminderFacts & { attempts: number }>;
/** Every attempt failed; the reminder is listed among the failed ones. */
export type ReminderFailed = DomainEvent<
  'ReminderFailed',
  1,
  ReminderFacts & { attempts: number; error: string }
>;
export type ReminderEvent = ReminderSent | ReminderFailed;

export const REMINDER_EVENT_TYPES = allTypesOf<ReminderEvent['type']>()(['ReminderSent', 'ReminderFailed']);
