import { DEFAULT_STATUTORY_PERIODS } from '../decision/statutory-clock';
import { Decision, initialDecision } from '../decision/decision.state';
import { initialMeeting, Meeting } from '../meeting/meeting.state';
import { agendaStateOf, callInsClosing, meetingsAhead, minutesWaiting, noticesDue } from './secretary-desk';

const TODAY = '2026-06-01';
const meeting = (date: string, more: Partial<Meeting> = {}) => ({
  meeting: { ...initialMeeting(), stage: 'scheduled' as const, date, ...more },
});
const decision = (more: Partial<Decision>) => ({
  decision: { ...initialDecision(), stage: 'proposed' as const, ...more },
});

describe("the secretary's desk", () => {
  it('says an agenda is issued, a draft in time, or late once its issue-by day has passed', () => {
    const { bankHolidays } = DEFAULT_STATUTORY_PERIODS;
    // Five clear working days before Wednesday 10 June: issue by Tuesday 2 June.
    expect(agendaStateOf(meeting('2026-06-10').meeting, TODAY, bankHolidays)).toEqual({
      state: 'draft',
      issueBy: '2026-06-02',
    });
    expect(agendaStateOf(meeting('2026-06-05').meeting, TODAY, bankHolidays)).toEqual({
      state: 'late',
      issueBy: '2026-05-28',
    });
    expect(
      agendaStateOf(meeting('2026-06-05', { agendaIssuedOn: '2026-05-28' }).meeting, TODAY, bankHolidays)
        .state,
    ).toBe('issued');
  });

  it('lists the scheduled meetings of the next four weeks, soonest first', () => {
    const ahead = meetingsAhead(
      [
        meeting('2026-06-29'),
        meeting('2026-06-02'),
        meeting('2026-05-31'),
        meeting('2026-06-30'),
        meeting('2026-06-03', { stage: 'cancelled' }),
      ],
      TODAY,
    );
    expect(ahead.map((each) => each.meeting.date)).toEqual(['2026-06-02', '2026-06-29']);
  });

  it('lists key decisions whose notice must go out this week, or should have', () => {
    const due = noticesDue(
      [
        decision({ subject: 'in time', keyDecision: true, expectedOn: '2026-07-07' }), // publish by 2026-06-08
        decision({ subject: 'late', keyDecision: true, expectedOn: '2026-06-20' }),
        decision({ subject: 'later', keyDecision: true, expectedOn: '2026-07-20' }),
        decision({
          subject: 'published',
          keyDecision: true,
          expectedOn: '2026-06-20',
          noticePublishedOn: '2026-05-01',
        }),
        decision({ subject: 'not key', keyDecision: false, expectedOn: '2026-06-20' }),
      ],
      TODAY,
      DEFAULT_STATUTORY_PERIODS,
    );
    expect(due.map((each) => [each.decision.subject, each.publishBy, each.late])).toEqual([
      ['late', '2026-05-22', true],
      ['in time', '2026-06-08', false],
    ]);
  });

  it('lists decisions whose call-in window closes within the week', () => {
    const taken = (callInClosesOn: string) =>
      decision({ stage: 'taken', callIn: 'open', callInClosesOn, subject: callInClosesOn });
    const closing = callInsClosing([taken('2026-06-09'), taken('2026-06-04'), taken('2026-05-30')], TODAY);
    expect(closing.map((each) => each.decision.callInClosesOn)).toEqual(['2026-06-04']);
  });

  it('lists held meetings whose minutes wait for drafting, approval or publication', () => {
    const waiting = minutesWaiting([
      meeting('2026-05-01', { stage: 'held', minutes: 'none' }),
      meeting('2026-04-01', { stage: 'held', minutes: 'drafted' }),
      meeting('2026-03-01', { stage: 'held', minutes: 'approved' }),
      meeting('2026-02-01', { stage: 'held', minutes: 'published' }),
      meeting('2026-07-01'),
    ]);
    expect(waiting.map((each) => [each.meeting.date, each.waitingFor])).toEqual([
      ['2026-05-01', 'drafting'],
      ['2026-04-01', 'approval'],
      ['2026-03-01', 'publication'],
    ]);
  });
});
