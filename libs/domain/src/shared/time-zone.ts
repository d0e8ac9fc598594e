import { DateTime, IANAZone } from 'luxon';
import { DomainError, quoted } from './domain-error';

/** UK public bodies keep the UK's calendar: GMT in winter, BST in summer. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/** True for a time zone the platform's time-zone data knows by its IANA name (Europe/London). */
export function isTimeZone(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 64 && IANAZone.isValidZone(name);
}

export function requireTimeZone(name: unknown, field: string): string {
  if (!isTimeZone(name))
    throw new DomainError(
      'INVALID_TIME_ZONE',
      `${field} ${quoted(name)} is not a time zone; use an IANA name such as Europe/London`,
      'invalid',
      field,
    );
  return name;
}

/** A bound on what is remembered, not a policy: a rebuild revisits few quarters and dates. */
const REMEMBERED = 100_000;

const inZone = (instant: Date | string, timeZone: string): DateTime =>
  DateTime.fromMillis(typeof instant === 'string' ? Date.parse(instant) : instant.getTime(), {
    zone: timeZone,
  });

/** Zones are offset from UTC by whole quarter hours, so a day never begins inside a quarter. */
const QUARTER_HOUR = 900_000;
const dates = new Map<string, Map<number, string>>();

/** The calendar date in the zone at an instant: what "today" means to the body's people. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  let ofZone = dates.get(timeZone);
  if (!ofZone) dates.set(timeZone, (ofZone = new Map()));
  const quarter = Math.floor(at / QUARTER_HOUR);
  let date = ofZone.get(quarter);
  if (date === undefined) {
    date = DateTime.fromMillis(quarter * QUARTER_HOUR, { zone: timeZone }).toISODate() as string;
    if (ofZone.size >= REMEMBERED) ofZone.clear();
    ofZone.set(quarter, date);
  }
  return date;
}

/** The wall-clock time with the zone's name for it, as people there read it: `2027-06-02 00:30 BST`. */
export function localTimeLabelOf(instant: Date | string, timeZone: string): string {
  return inZone(instant, timeZone).setLocale('en-GB').toFormat('yyyy-MM-dd HH:mm ZZZZ');
}

/** Rebuilds plan the same few dates many times over: each is converted once. */
const instants = new Map<string, string>();

/**
 * The instant at which the zone's clocks read `hour`:00 on `date`. On the day clocks go forward,
 * an hour that does not exist is read with the offset before the change (01:00 in London on the
 * last Sunday of March is 02:00 BST); on the day they go back, an hour that happens twice is its
 * second occurrence (01:00 GMT), as luxon reads it. Tested across both changes.
 */
export function instantAt(date: string, hour: number, timeZone: string): string {
  const key = `${date}|${hour}|${timeZone}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    const [year, month, day] = date.split('-').map(Number);
    instant = DateTime.fromObject({ year, month, day, hour }, { zone: timeZone }).toUTC().toISO() as string;
    if (instants.size >= REMEMBERED) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

/** The last instant of `date` on the zone's clocks: "as it stood when the day was over". */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return DateTime.fromObject({ year, month, day }, { zone: timeZone }).endOf('day').toJSDate();
}
