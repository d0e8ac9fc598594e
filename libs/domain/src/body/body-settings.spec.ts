import { DomainError } from '../shared/domain-error';
import { applySettingsChange, BodySettingsChange, DEFAULT_BODY_SETTINGS } from './body-settings';

/** A change as it might arrive from anywhere, not only through the API's validation. */
const change = (value: unknown) => value as BodySettingsChange;

function refusal(value: unknown): DomainError {
  try {
    applySettingsChange(DEFAULT_BODY_SETTINGS, change(value));
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the change was accepted');
}

describe('body settings refuse what would make a later event unprojectable', () => {
  it.each([
    ['a null secretary', { reminders: { secretary: null } }, 'reminders.secretary'],
    ['a blank secretary', { reminders: { secretary: '  ' } }, 'reminders.secretary'],
    ['null reminder days', { reminders: { daysBeforeDue: null } }, 'reminders.daysBeforeDue'],
    ['null escalation days', { reminders: { escalateDaysAfter: null } }, 'reminders.escalateDaysAfter'],
    ['null notice days', { reminders: { noticeDaysBefore: null } }, 'reminders.noticeDaysBefore'],
    [
      'a null agenda period',
      { reminders: { agendaIssueDaysBefore: null } },
      'reminders.agendaIssueDaysBefore',
    ],
    ['a null on-due-day flag', { reminders: { onDueDay: null } }, 'reminders.onDueDay'],
    ['a null status label', { statusDisplay: { RED: { label: null } } }, 'statusDisplay.RED.label'],
    ['a list for a status display', { statusDisplay: { RED: ['Red'] } }, 'statusDisplay.RED'],
    ['null bank holidays', { statutoryPeriods: { bankHolidays: null } }, 'statutoryPeriods.bankHolidays'],
  ])('refuses %s, naming the field', (_, value, field) => {
    const error = refusal(value);
    expect(error.kind).toBe('invalid');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a contact named %s', (name) => {
    const contact = { email: null, webhookUrl: null, manager: null, dailyDigest: false };
    expect(refusal({ reminders: { contacts: { [name]: contact } } }).code).toBe('RESERVED_NAME');
  });

  it('refuses a manager called constructor, which is no contact though every object has it', () => {
    const contacts = { CR: { email: null, webhookUrl: null, manager: 'constructor', dailyDigest: false } };
    expect(refusal({ reminders: { contacts } }).code).toBe('RESERVED_NAME');
  });

  it('keeps what was not named in the change', () => {
    const next = applySettingsChange(DEFAULT_BODY_SETTINGS, { reminders: { sendHour: 9 } });
    expect(next.reminders).toMatchObject({ sendHour: 9, secretary: 'Secretary', onDueDay: true });
    expect(next.statusDisplay).toEqual(DEFAULT_BODY_SETTINGS.statusDisplay);
  });
});
