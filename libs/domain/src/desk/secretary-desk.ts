import { callInAsOf } from '../decision/decision-status';
import { latestNoticeDate } from '../decision/decision-compliance';
import { DecisionDocument } from '../decision/decision.document';
import { StatutoryPeriods } from '../decision/statutory-clock';
import { agendaIssueBy } from '../meeting/agenda-clock';
import { MeetingDocument } from '../meeting/meeting.document';
import { IsoDate } from '../shared/event';
import { addDays } from '../shared/iso-date';

/** How far ahead the desk looks: meetings in four weeks, notices and call-ins in one. */
export const DESK_MEETINGS_DAYS = 28;
export const DESK_NOTICE_DAYS = 7;
export const DESK_CALL_IN_DAYS = 7;

export type AgendaState = 'issued' | 'draft' | 'late';

/**
 * A meeting's agenda on `today`: issued, a draft still in time, or late (its issue-by day, five
 * clear working days before the meeting, has passed).
 */
export function agendaStateOf(
  meeting: MeetingDocument,
  today: IsoDate,
  bankHolidays: readonly IsoDate[],
): { state: AgendaState; issueBy: IsoDate } {
  const issueBy = agendaIssueBy(meeting.date, bankHolidays);
  if (meeting.agendaIssuedOn) return { state: 'issued', issueBy };
  return { state: today > issueBy ? 'late' : 'draft', issueBy };
}

/** Scheduled meetings from today to four weeks on, soonest first. */
export function meetingsAhead<M extends { meeting: MeetingDocument }>(
  meetings: readonly M[],
  today: IsoDate,
): M[] {
  const until = addDays(today, DESK_MEETINGS_DAYS);
  return meetings
    .filter(({ meeting }) => meeting.stage === 'scheduled' && meeting.date >= today && meeting.date <= until)
    .sort((a, b) => a.meeting.date.localeCompare(b.meeting.date));
}

/**
 * Key decisions still without a published notice whose last lawful day to publish it (28 clear
 * days before the decision, or the body's period) falls within the week, or has passed.
 */
export function noticesDue<D extends { decision: DecisionDocument }>(
  decisions: readonly D[],
  today: IsoDate,
  periods: StatutoryPeriods,
): (D & { publishBy: IsoDate; late: boolean })[] {
  const until = addDays(today, DESK_NOTICE_DAYS);
  return decisions
    .filter(
      ({ decision }) => decision.stage === 'proposed' && decision.keyDecision && !decision.noticePublishedOn,
    )
    .flatMap((each) => {
      if (!each.decision.expectedOn) return [];
      const publishBy = latestNoticeDate(each.decision.expectedOn, periods.keyDecisionNoticeClearDays);
      return publishBy <= until ? [{ ...each, publishBy, late: publishBy < today }] : [];
    })
    .sort((a, b) => a.publishBy.localeCompare(b.publishBy));
}

/** Taken decisions whose call-in window is open and closes within the week. */
export function callInsClosing<D extends { decision: DecisionDocument }>(
  decisions: readonly D[],
  today: IsoDate,
): D[] {
  const until = addDays(today, DESK_CALL_IN_DAYS);
  return decisions
    .filter(
      ({ decision }) =>
        callInAsOf(decision, today) === 'open' &&
        decision.callInClosesOn !== null &&
        decision.callInClosesOn <= until,
    )
    .sort((a, b) => (a.decision.callInClosesOn ?? '').localeCompare(b.decision.callInClosesOn ?? ''));
}

/** Held meetings whose minutes wait: for drafting, approval at a later meeting, or publication. */
export function minutesWaiting<M extends { meeting: MeetingDocument }>(
  meetings: readonly M[],
): (M & { waitingFor: 'drafting' | 'approval' | 'publication' })[] {
  return meetings.flatMap((each) => {
    if (each.meeting.stage !== 'held') return [];
    const waitingFor =
      each.meeting.minutes === 'none'
        ? ('drafting' as const)
        : each.meeting.minutes === 'drafted'
          ? ('approval' as const)
          : each.meeting.minutes === 'approved'
            ? ('publication' as const)
            : null;
    return waitingFor ? [{ ...each, waitingFor }] : [];
  });
}
