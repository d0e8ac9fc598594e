import { DomainError } from './domain-error';

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
      `${field} "${text}" is not a date; use YYYY-MM-DD`,
      'invalid',
      field,
    );
  }
  return text;
}

/** The calendar date of an instant, in UTC. */
export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
