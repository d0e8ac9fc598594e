import { DomainError } from '../shared/domain-error';
import { requireIsoDate } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { MeetingCommand } from './meeting.commands';
import { ApprovedMinutesCorrected } from './meeting.events';
import { Meeting } from './meeting.state';

/**
 * Approved minutes stand as approved; a correction is a resolution of a later meeting of the same
 * board (by its minute number), linked to them. Draft minutes are amended instead.
 */
export function correctApprovedMinutes(
  command: Extract<MeetingCommand, { type: 'CorrectApprovedMinutes' }>,
  state: Meeting,
): ApprovedMinutesCorrected[] {
  if (state.minutes !== 'approved' && state.minutes !== 'published')
    throw new DomainError(
      'MINUTES_NOT_APPROVED',
      'Only approved minutes are corrected by a later meeting; amend a draft minute instead.',
      'conflict',
    );
  const at = command.correctingMeeting;
  if (
    at.boardId !== state.boardId ||
    at.date <= state.date ||
    at.date < (state.approval?.approvedOn ?? state.date)
  )
    throw new DomainError(
      'NOT_A_LATER_MEETING',
      'A correction is resolved at a meeting of the same board on or after the one that approved the minutes.',
      'invalid',
      'correctedAtMeetingId',
    );
  if (!at.minuteNumbers.includes(command.minuteNumber))
    throw new DomainError(
      'NOT_A_MINUTE_OF_THAT_MEETING',
      `minute ${command.minuteNumber} is not a minute of the meeting of ${at.date}`,
      'invalid',
      'minuteNumber',
    );
  return [
    {
      type: 'ApprovedMinutesCorrected',
      schemaVersion: 1,
      data: {
        correctedAt: { meetingId: at.meetingId, date: at.date },
        minuteNumber: command.minuteNumber,
        correction: requiredText(command.correction, 'correction'),
        correctedOn: requireIsoDate(command.correctedOn, 'correctedOn'),
      },
    },
  ];
}
