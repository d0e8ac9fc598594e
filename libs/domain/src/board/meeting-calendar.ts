import { IsoDate } from '../shared/event';
import { addDays, daysInMonth, formatIsoDate, weekdayOf } from '../shared/iso-date';
import { Cadence } from './board.events';

/** A planned meeting date, and whether the board already meets that day. */
export interface PlannedDate {
  readonly date: IsoDate;
  readonly alreadyScheduled: boolean;
}

/**
 * A year of meeting dates from the first, by the board's cadence. Boards that meet monthly or
 * every few months keep to a weekday of the month ("the third Thursday"), as their calendars are
 * written; the fifth of a weekday becomes the last. Weekly cadences step by whole weeks.
 */
export function yearOfMeetings(
  first: IsoDate,
  cadence: Cadence,
  scheduled: readonly IsoDate[],
): PlannedDate[] {
  const endBefore = yearOn(first);
  const dates: IsoDate[] = [];
  for (let k = 0; ; k++) {
    const date =
      cadence.unit === 'weeks'
        ? addDays(first, 7 * cadence.every * k)
        : sameWeekdayOfMonth(first, cadence.every * k);
    // Twelve months of a monthly cadence, or the weeks before the same day a year on.
    if (cadence.unit === 'months' ? cadence.every * k >= 12 : date >= endBefore) break;
    dates.push(date);
  }
  const taken = new Set(scheduled);
  return dates.map((date) => ({ date, alreadyScheduled: taken.has(date) }));
}

/** The same day a year on (28 February for 29 February). */
function yearOn(date: IsoDate): IsoDate {
  const [year, month, day] = date.split('-').map(Number);
  return formatIsoDate(year + 1, month, Math.min(day, daysInMonth(year + 1, month)));
}

/** The same weekday, in the same week of the month, `months` months on. */
function sameWeekdayOfMonth(first: IsoDate, months: number): IsoDate {
  const [year, month, day] = first.split('-').map(Number);
  const week = Math.ceil(day / 7);
  const weekday = weekdayOf(first);
  const index = month - 1 + months;
  const [y, m] = [year + Math.floor(index / 12), (index % 12) + 1];
  const firstWeekday = weekdayOf(formatIsoDate(y, m, 1));
  const firstOfThem = 1 + ((weekday - firstWeekday + 7) % 7);
  const nth = firstOfThem + 7 * (week - 1);
  return formatIsoDate(y, m, nth <= daysInMonth(y, m) ? nth : nth - 7);
}
