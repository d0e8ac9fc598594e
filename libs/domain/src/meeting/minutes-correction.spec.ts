import { factOf, scenario } from '../testing/decider-scenario';
import { meetingHistory } from '../testing/meeting-history';
import { meetingDecider } from './meeting.decider';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';

const meeting = scenario(meetingDecider);
const fact = factOf<MeetingEvent>();

describe('correcting approved minutes by a resolution of a later meeting', () => {
  const drafted = meetingHistory.draftedJune('The budget of £2.1m was noted.');
  const approved = [
    ...drafted,
    fact('MinutesApproved', { approvedAtMeetingId: 'july', minuteNumber: 146, approvedOn: '2015-07-17' }),
  ];
  const correct = (
    date: string,
    minuteNumber: number,
    correction = 'Minute 140: for "£2.1m" read "£2.4m".',
  ): MeetingCommand => ({
    type: 'CorrectApprovedMinutes',
    correctingMeeting: { meetingId: 'september', boardId: 'board-1', date, minuteNumbers: [150, 151] },
    minuteNumber,
    correction,
    correctedOn: date,
  });

  it('links the later resolution to the minutes it corrects, which stay as approved', () => {
    meeting
      .given(...approved)
      .when(correct('2015-09-18', 151))
      .then({
        type: 'ApprovedMinutesCorrected',
        data: {
          correctedAt: { meetingId: 'september', date: '2015-09-18' },
          minuteNumber: 151,
          correction: 'Minute 140: for "£2.1m" read "£2.4m".',
        },
      });
  });

  it('is for approved minutes only: a draft minute is amended instead', () => {
    meeting
      .given(...drafted)
      .when(correct('2015-09-18', 151))
      .thenRefuses('MINUTES_NOT_APPROVED');
  });

  it('is resolved at a meeting of the board no earlier than the approval, under one of its minutes, and says something', () => {
    meeting
      .given(...approved)
      .when(correct('2015-07-01', 151))
      .thenRefuses('NOT_A_LATER_MEETING');
    meeting
      .given(...approved)
      .when(correct('2015-09-18', 146))
      .thenRefuses('NOT_A_MINUTE_OF_THAT_MEETING', 'minuteNumber');
    meeting
      .given(...approved)
      .when(correct('2015-09-18', 151, '  '))
      .thenRefuses('REQUIRED', 'correction');
  });
});
