import { IsoDate } from '../shared/event';
import { latestNoticeDate } from './decision-compliance';
import { earliestDateAfterClearDays, StatutoryPeriods } from './statutory-clock';

/**
 * The statutory dates a secretary sees before proposing a decision: by when its notice must be
 * published, the earliest day it may lawfully be taken if the notice goes out today, and which
 * route that leaves (regs 9-11).
 */
export type ProposalDates =
  | { readonly route: 'not a key decision' }
  | {
      readonly route: 'notice';
      /** The last day a notice keeps the expected date lawful. */
      readonly publishNoticeBy: IsoDate;
      /** Published today, the first lawful day. */
      readonly earliestIfPublishedToday: IsoDate;
      readonly clearDays: number;
    }
  | {
      /** Too late for the notice period: defer, or use the general exception or special urgency. */
      readonly route: 'exception needed';
      readonly publishNoticeBy: IsoDate;
      readonly earliestIfPublishedToday: IsoDate;
      readonly clearDays: number;
      /** With a notice and the scrutiny chair informed today, the general exception's first day. */
      readonly earliestUnderGeneralException: IsoDate;
    };

export function proposalDatesOf(
  expectedOn: IsoDate,
  keyDecision: boolean,
  today: IsoDate,
  periods: StatutoryPeriods,
): ProposalDates {
  if (!keyDecision) return { route: 'not a key decision' };
  const clearDays = periods.keyDecisionNoticeClearDays;
  const publishNoticeBy = latestNoticeDate(expectedOn, clearDays);
  const earliestIfPublishedToday = earliestDateAfterClearDays(today, clearDays);
  if (today <= publishNoticeBy)
    return { route: 'notice', publishNoticeBy, earliestIfPublishedToday, clearDays };
  return {
    route: 'exception needed',
    publishNoticeBy,
    earliestIfPublishedToday,
    clearDays,
    earliestUnderGeneralException: earliestDateAfterClearDays(today, periods.generalExceptionClearDays),
  };
}
