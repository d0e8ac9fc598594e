import { IsoDate } from '../shared/event';
import { MeetingDocument, MinutesStage } from './meeting.document';

/**
 * The meeting as it stood at the end of `day`: a meeting still to come had no attendance,
 * declarations, outcomes or minutes yet, and the agenda, minutes and corrections count from their
 * own dates, whenever they were recorded. Scheduling, moves and cancellation carry no date of
 * their own: ask what was known at an instant for those.
 */
export function meetingOnDay(meeting: MeetingDocument, day: IsoDate): MeetingDocument {
  const by = (on: IsoDate | null | undefined) => on !== null && on !== undefined && on <= day;
  const agendaIssuedOn = by(meeting.agendaIssuedOn) ? meeting.agendaIssuedOn : null;
  if (!by(meeting.date))
    return {
      ...meeting,
      stage: meeting.stage === 'held' ? 'scheduled' : meeting.stage,
      agendaIssuedOn,
      items: meeting.items.map((item) => ({
        ...item,
        minuteNumber: null,
        outcome: null,
        actions: [],
        decisions: [],
      })),
      attendance: null,
      declarations: [],
      held: null,
      minutes: 'none',
      minutesDraftedOn: null,
      approval: null,
      minutesPublishedOn: null,
      corrections: [],
    };
  const minutesDraftedOn = by(meeting.minutesDraftedOn) ? meeting.minutesDraftedOn : null;
  const approval = by(meeting.approval?.approvedOn) ? meeting.approval : null;
  const minutesPublishedOn = approval && by(meeting.minutesPublishedOn) ? meeting.minutesPublishedOn : null;
  const minutes: MinutesStage = minutesPublishedOn
    ? 'published'
    : approval
      ? 'approved'
      : minutesDraftedOn || (meeting.minutes !== 'none' && meeting.minutesDraftedOn === null)
        ? 'drafted'
        : 'none';
  return {
    ...meeting,
    agendaIssuedOn,
    minutes: meeting.minutes === 'none' ? 'none' : minutes,
    minutesDraftedOn,
    approval,
    minutesPublishedOn,
    corrections: meeting.corrections.filter((correction) => by(correction.correctedOn)),
  };
}
