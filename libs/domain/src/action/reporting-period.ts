import { IsoDate } from '../shared/event';

/**
 * The financial quarter a date falls in, written as plans write quarters ("Q2 2026/27"), with
 * quarters counted from the body's first month of the year. A calendar year writes "Q2 2026/26",
 * which `parseDueDate` reads back.
 */
export function reportingQuarterOf(date: IsoDate, yearStartMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= yearStartMonth ? year : year - 1;
  const quarter = Math.floor(((month - yearStartMonth + 12) % 12) / 3) + 1;
  const endYear = yearStartMonth === 1 ? startYear : startYear + 1;
  return `Q${quarter} ${startYear}/${String(endYear % 100).padStart(2, '0')}`;
}

/** The last day of the quarter before the one `date` falls in: what a quarter's movement is measured from. */
export function previousQuarterEnd(date: IsoDate, yearStartMonth: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const monthsIntoQuarter = (month - yearStartMonth + 12) % 3;
  // Day 0 of the quarter's first month is the last day of the month before it.
  const end = new Date(Date.UTC(year, month - 1 - monthsIntoQuarter, 0));
  return end.toISOString().slice(0, 10);
}

/** The quarter ends from `from` to `to`, latest first; at least the last one by `to`. */
export function quarterEndsBetween(from: IsoDate, to: IsoDate, yearStartMonth: number): IsoDate[] {
  const dayAfter = new Date(`${to}T00:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  // The last quarter end on or before `to`: `to` itself when it ends its quarter.
  let end = previousQuarterEnd(dayAfter.toISOString().slice(0, 10), yearStartMonth);
  const ends = [end];
  for (
    end = previousQuarterEnd(end, yearStartMonth);
    end >= from;
    end = previousQuarterEnd(end, yearStartMonth)
  )
    ends.push(end);
  return ends;
}
