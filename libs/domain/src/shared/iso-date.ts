import { DomainError, quoted } from './domain-error';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when text is a real calendar date written YYYY-MM-DD (no 2018-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  return isRealDate(y, m, d);
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function requireIsoDate(text: string, field: string): string {
  if (!isIsoDate(text)) {
    throw new DomainError(
      'INVALID_DATE',
      `${field} ${quoted(text)} is not a date; use YYYY-MM-DD`,
      'invalid',
      field,
    );
  }
  return text;
}

/** The UTC date of an instant: for date arithmetic only (a body's "today" is `localDateOf`). */
function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Whole days from 1970-01-01: date arithmetic without time zones. */
export const dayNumberOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * The date of a day number, by arithmetic (H. Hinnant's civil-from-days): planning reminders and
 * statutory clocks adds days to dates millions of times in a rebuild, and a Date and its ISO
 * string for each cost several times more. Outside the years 0000-9999, Date says it.
 */
export function isoDateOfDayNumber(day: number): string {
  if (!Number.isInteger(day)) return isoDateOf(new Date(day * DAY_MS));
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153); // months from March
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return isoDateOf(new Date(day * DAY_MS));
  const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/** The day of the week of a date: 0 Sunday to 6 Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The date `days` days later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return isoDateOfDayNumber(dayNumberOf(date) + days);
}

/**
 * The date `months` months later, as `Date.setUTCMonth` counts: a day the month lacks runs over
 * into the next (31 January + 1 month = 3 March).
 */
export function addMonths(date: string, months: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCMonth(day.getUTCMonth() + months);
  return isoDateOf(day);
}
