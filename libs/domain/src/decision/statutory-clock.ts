import { IsoDate } from '../shared/event';
import { addDays, dayNumberOf, weekdayOf } from '../shared/iso-date';

/**
 * Statutory periods, counted the way the regulations count them. Periods are per-body
 * configuration; the defaults are England's (DOMAIN.md, legal notes).
 */
export interface StatutoryPeriods {
  /** Clear days a key decision's notice must be public before it is taken (reg 9: 28). */
  readonly keyDecisionNoticeClearDays: number;
  /** Clear days under the general exception (reg 10: 5). */
  readonly generalExceptionClearDays: number;
  /** Working days after publication in which scrutiny may call a decision in (constitution: often 5). */
  readonly callInWorkingDays: number;
  /** Days that are not working days besides Saturdays and Sundays. */
  readonly bankHolidays: readonly IsoDate[];
}

/** England and Wales bank holidays, 2025-2027 (gov.uk); bodies extend or replace the list. */
export const ENGLAND_BANK_HOLIDAYS: readonly IsoDate[] = [
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
];

export const DEFAULT_STATUTORY_PERIODS: StatutoryPeriods = {
  keyDecisionNoticeClearDays: 28,
  generalExceptionClearDays: 5,
  callInWorkingDays: 5,
  bankHolidays: ENGLAND_BANK_HOLIDAYS,
};

/** Clear days exclude the day the notice is published and the day of the decision. */
export function clearDaysBetween(publishedOn: IsoDate, decidedOn: IsoDate): number {
  return Math.max(0, dayNumberOf(decidedOn) - dayNumberOf(publishedOn) - 1);
}

/** The first day a decision may lawfully be taken after `clearDays` clear days of notice. */
export function earliestDateAfterClearDays(publishedOn: IsoDate, clearDays: number): IsoDate {
  return addDays(publishedOn, clearDays + 1);
}

export function isWorkingDay(date: IsoDate, bankHolidays: readonly IsoDate[]): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !bankHolidays.includes(date);
}

/** The last day of a window of `workingDays` working days starting the day after `from`. */
export function endOfWorkingDays(
  from: IsoDate,
  workingDays: number,
  bankHolidays: readonly IsoDate[],
): IsoDate {
  let day = from;
  for (let counted = 0; counted < workingDays;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, bankHolidays)) counted++;
  }
  return day;
}
