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
