import { DomainError } from '../shared/domain-error';
import { PROTOTYPE_KEYS } from '../shared/prototype-keys';

/** Someone reminders go to, by the name records use for them (a lead officer's initials, "Secretary"). */
export interface Contact {
  readonly email: string | null;
  readonly webhookUrl: string | null;
  /** Whom overdue items of theirs escalate to (another contact's name). */
  readonly manager: string | null;
  /** Wants a daily digest of what is due this week and overdue. */
  readonly dailyDigest: boolean;
}

/** When and to whom a body's reminders go. */
export interface ReminderSettings {
  /** Days before an action's due date its lead is reminded. */
  readonly daysBeforeDue: readonly number[];
  readonly onDueDay: boolean;
  /** Days after the due date an open action escalates to the lead's manager (or the secretary). */
  readonly escalateDaysAfter: readonly number[];
  /** Days before the last lawful notice date of a key decision the secretary is reminded. */
  readonly noticeDaysBefore: readonly number[];
  readonly agendaIssueDaysBefore: number;
  readonly writtenAnswersDaysBefore: number;
  /** The hour, on the body's clock (its time zone), reminders go out on their day. */
  readonly sendHour: number;
  /** The contact who is the board secretary. */
  readonly secretary: string;
  readonly contacts: Readonly<Record<string, Contact>>;
}

/** Reminder settings with the time zone whose clock their send hour is read on. */
export interface ReminderSchedule extends ReminderSettings {
  readonly timeZone: string;
}

export const reminderScheduleOf = (settings: {
  readonly reminders: ReminderSettings;
  readonly timeZone: string;
}): ReminderSchedule => ({ ...settings.reminders, timeZone: settings.timeZone });

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  daysBeforeDue: [14, 7, 1],
  onDueDay: true,
  escalateDaysAfter: [1, 7],
  noticeDaysBefore: [7, 0],
  agendaIssueDaysBefore: 7,
  writtenAnswersDaysBefore: 3,
  sendHour: 8,
  secretary: 'Secretary',
  contacts: {},
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The contact of that name in the directory, never an inherited property of it. */
export function contactNamed(settings: ReminderSettings, name: string): Contact | undefined {
  return Object.hasOwn(settings.contacts, name) ? settings.contacts[name] : undefined;
}

function days(values: readonly number[], field: string): number[] {
  if (!Array.isArray(values))
    throw new DomainError('INVALID_DAYS', `${field} must be a list of whole days`, 'invalid', field);
  values.forEach((value, i) => {
    if (!Number.isInteger(value) || value < 0 || value > 365)
      throw new DomainError(
        'INVALID_DAYS',
        `${field}[${i}] must be a whole number of days from 0 to 365`,
        'invalid',
        `${field}[${i}]`,
      );
  });
  return [...new Set(values)].sort((a, b) => b - a);
}

/** Checks a body's reminder settings, naming the field that is wrong. */
export function validReminderSettings(settings: ReminderSettings, field = 'reminders'): ReminderSettings {
  if (!Number.isInteger(settings.sendHour) || settings.sendHour < 0 || settings.sendHour > 23)
    throw new DomainError('INVALID_HOUR', `${field}.sendHour must be 0-23`, 'invalid', `${field}.sendHour`);
  if (typeof settings.secretary !== 'string' || settings.secretary.trim() === '')
    throw new DomainError(
      'REQUIRED',
      `${field}.secretary must name the contact who is the board secretary`,
      'invalid',
      `${field}.secretary`,
    );
  if (typeof settings.onDueDay !== 'boolean')
    throw new DomainError(
      'INVALID_FLAG',
      `${field}.onDueDay must be true or false`,
      'invalid',
      `${field}.onDueDay`,
    );
  for (const count of ['agendaIssueDaysBefore', 'writtenAnswersDaysBefore'] as const) {
    const value = settings[count];
    if (!Number.isInteger(value) || value < 0 || value > 60)
      throw new DomainError(
        'INVALID_DAYS',
        `${field}.${count} must be a whole number of days from 0 to 60`,
        'invalid',
        `${field}.${count}`,
      );
  }
  for (const [name, contact] of Object.entries(settings.contacts)) {
    if (PROTOTYPE_KEYS.has(name) || (contact.manager !== null && PROTOTYPE_KEYS.has(contact.manager)))
      throw new DomainError(
        'RESERVED_NAME',
        `${field}.contacts: "${PROTOTYPE_KEYS.has(name) ? name : contact.manager}" cannot be a contact's name`,
        'invalid',
        `${field}.contacts.${name}`,
      );
    if (contact.email !== null && !EMAIL.test(contact.email))
      throw new DomainError(
        'INVALID_EMAIL',
        `${field}.contacts.${name}.email is not an email address`,
        'invalid',
        `${field}.contacts.${name}.email`,
      );
    if (contact.webhookUrl !== null && !/^https?:\/\//.test(contact.webhookUrl))
      throw new DomainError(
        'INVALID_URL',
        `${field}.contacts.${name}.webhookUrl must be an http(s) URL`,
        'invalid',
        `${field}.contacts.${name}.webhookUrl`,
      );
    if (contact.manager !== null && !Object.hasOwn(settings.contacts, contact.manager))
      throw new DomainError(
        'UNKNOWN_CONTACT',
        `${field}.contacts.${name}.manager "${contact.manager}" is not a contact`,
        'invalid',
        `${field}.contacts.${name}.manager`,
      );
  }
  return {
    ...settings,
    daysBeforeDue: days(settings.daysBeforeDue, `${field}.daysBeforeDue`),
    escalateDaysAfter: days(settings.escalateDaysAfter, `${field}.escalateDaysAfter`),
    noticeDaysBefore: days(settings.noticeDaysBefore, `${field}.noticeDaysBefore`),
  };
}
