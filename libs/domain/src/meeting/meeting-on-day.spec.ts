import { randomUUID } from 'node:crypto';
import { StoredDomainEvent } from '../shared/event';
import { factOf } from '../testing/decider-scenario';
import { meetingHistory } from '../testing/meeting-history';
import { evolveMeeting } from './meeting.decider';
import { MeetingEvent } from './meeting.events';
import { initialMeeting } from './meeting.state';
import { meetingOnDay } from './meeting-on-day';

const fact = factOf<MeetingEvent>();
const folded = (...events: MeetingEvent[]) =>
  events
    .map((event) => ({ ...event, id: randomUUID() }) as StoredDomainEvent<MeetingEvent>)
    .reduce(evolveMeeting, initialMeeting());

describe('a meeting as it stood at the end of a day', () => {
  const approved = folded(
    ...meetingHistory.draftedJune(),
    fact('MinutesApproved', { approvedAtMeetingId: 'july', minuteNumber: 150, approvedOn: '2015-07-17' }),
  );

  it('had not met before its date: no outcome, no minute numbers, no minutes', () => {
    const before = meetingOnDay(approved, '2015-06-24');
    expect(before).toMatchObject({ stage: 'scheduled', held: null, minutes: 'none', approval: null });
    expect(before.items[0]).toMatchObject({ minuteNumber: null, outcome: null });
  });

  it('had met, with its minutes drafted, before the meeting that approved them', () => {
    const between = meetingOnDay(approved, '2015-07-01');
    expect(between).toMatchObject({
      stage: 'held',
      minutes: 'drafted',
      minutesDraftedOn: '2015-06-30',
      approval: null,
    });
    expect(between.items[0].minuteNumber).toBe(140);
    expect(meetingOnDay(approved, '2015-06-26').minutes).toBe('none');
  });

  it('is the meeting itself once every date has come', () => {
    expect(meetingOnDay(approved, '2015-07-17')).toEqual(approved);
  });
});
