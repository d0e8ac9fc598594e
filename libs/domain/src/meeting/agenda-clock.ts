import { isWorkingDay } from '../decision/statutory-clock';
import { IsoDate } from '../shared/event';
import { addDays } from '../shared/iso-date';

/**
 * Section 100B(3) of the Local Government Act 1972: a meeting's agenda and reports are open to
 * inspection at least five clear days before it. Clear days leave out the day the agenda is
 * published and the day of the meeting, and (as councils' access to information rules count
 * them) weekends and bank holidays.
 */
export const AGENDA_CLEAR_DAYS = 5;

/** The last day the agenda can be published and still give five clear working days. */
export function agendaIssueBy(meetingOn: IsoDate, bankHolidays: readonly IsoDate[]): IsoDate {
  let day = meetingOn;
  for (let counted = 0; counted < AGENDA_CLEAR_DAYS;) {
    day = addDays(day, -1);
    if (isWorkingDay(day, bankHolidays)) counted++;
  }
  return addDays(day, -1);
}
