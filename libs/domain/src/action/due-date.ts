import { DomainError, quoted } from '../shared/domain-error';
import { IsoDate } from '../shared/event';
import { daysInMonth, formatIsoDate, isRealDate } from '../shared/iso-date';

/** How exact a due date is: plans write "Mar-18" or "Q4 2017/18" as often as a day. */
export type DueDatePrecision = 'day' | 'month' | 'quarter' | 'none';

/** A due date as written in the plan, with the date it falls due on (the last day of its period). */
export interface DueDate {
  readonly written: string;
  readonly date: IsoDate | null;
  readonly precision: DueDatePrecision;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DAY = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/;
const MONTH_YEAR = new RegExp(`^${MONTH_NAME}[\\s-]+'?(\\d{2}|\\d{4})$`, 'i');
const MONTH_YEAR_WITHIN = new RegExp(`\\b${MONTH_NAME}[\\s-]+'?(\\d{2}|\\d{4})\\b`, 'i');
const QUARTER = /^Q([1-4])\s+(\d{4})\/(\d{2}|\d{4})$/i;
const NO_DATE = /^(tbc|tba|on[\s-]?going)$/i;

export const DUE_DATE_FORMS =
  'YYYY-MM-DD, DD/MM/YYYY, DD.MM.YY (e.g. 10.10.17), Mon-YY (e.g. Mar-18), Q1-Q4 YYYY/YY (e.g. Q4 2017/18), ' +
  'text naming a month (e.g. New plan for Oct 17), TBC, Ongoing or On going, or blank for none';

/**
 * Reads a due date as plans write it. Quarters are financial-year quarters counted from
 * `yearStartMonth` (April in England: Q4 2017/18 is January to March 2018).
 */
export function parseDueDate(written: string, yearStartMonth = 4): DueDate {
  const text = written.trim();
  // Plans leave the cell blank as often as they write TBC: no date, kept as written.
  if (text === '' || NO_DATE.test(text)) return { written: text, date: null, precision: 'none' };

  const exact = parseExact(text, yearStartMonth);
  if (exact === 'not-a-date') throw invalid(written);
  if (exact) return { written: text, ...exact };

  // Free text such as "New plan for Oct 17": keep the words, fall due at the month it names.
  const within = MONTH_YEAR_WITHIN.exec(text);
  if (within) return { written: text, ...monthEnd(within[1], within[2]) };
  throw invalid(written);
}

type Parsed = Omit<DueDate, 'written'>;

function parseExact(text: string, yearStartMonth: number): Parsed | 'not-a-date' | null {
  let match = ISO.exec(text);
  if (match) return day(Number(match[1]), Number(match[2]), Number(match[3]));
  match = UK_DAY.exec(text);
  if (match) return day(fullYear(match[3]), Number(match[2]), Number(match[1]));
  match = MONTH_YEAR.exec(text);
  if (match) return monthEnd(match[1], match[2]);
  match = QUARTER.exec(text);
  if (match) return quarterEnd(Number(match[1]), Number(match[2]), match[3], yearStartMonth);
  return null;
}

function day(year: number, month: number, dayOfMonth: number): Parsed | 'not-a-date' {
  if (!isRealDate(year, month, dayOfMonth)) return 'not-a-date';
  return { date: formatIsoDate(year, month, dayOfMonth), precision: 'day' };
}

function monthEnd(monthName: string, yearText: string): Parsed {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  const year = fullYear(yearText);
  return { date: formatIsoDate(year, month, daysInMonth(year, month)), precision: 'month' };
}

function quarterEnd(
  quarter: number,
  startYear: number,
  endYearText: string,
  yearStartMonth: number,
): Parsed | 'not-a-date' {
  let endYear = fullYear(endYearText, startYear);
  if (endYear < startYear) endYear += 100; // 1999/00
  if (endYear !== startYear + 1 && !(yearStartMonth === 1 && endYear === startYear)) return 'not-a-date';
  const lastMonthOffset = (yearStartMonth - 1 + quarter * 3 - 1) % 12; // 0-based month of the quarter's end
  const month = lastMonthOffset + 1;
  const year = month >= yearStartMonth ? startYear : startYear + 1;
  return { date: formatIsoDate(year, month, daysInMonth(year, month)), precision: 'quarter' };
}

function fullYear(text: string, near = 2000): number {
  if (text.length === 4) return Number(text);
  const century = Math.floor(near / 100) * 100;
  return century + Number(text);
}

function invalid(written: string): DomainError {
  return new DomainError(
    'INVALID_DUE_DATE',
    `dueDate ${quoted(written)} is not a date; use ${DUE_DATE_FORMS}`,
    'invalid',
    'dueDate',
  );
}
