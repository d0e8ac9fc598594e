import { factOf, scenario } from '../testing/decider-scenario';
import { meetingHistory } from '../testing/meeting-history';
import { meetingDecider } from './meeting.decider';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';

const meeting = scenario(meetingDecider);
const fact = factOf<MeetingEvent>();
const { scheduled, added, held, numbered } = meetingHistory;

describe('amending a draft minute, and withdrawing a declaration', () => {
  const noted = fact('ItemOutcomeRecorded', {
    itemId: 'a',
    minuteNumber: 140,
    narrative: ['The Panel considered a report.'],
    discussion: [],
    outcome: { kind: 'noted', text: 'Noted.' },
  });
  const recorded = [scheduled(), added('a'), held(), numbered({ a: 140 }), noted];
  const amend = (kind: 'resolved' | 'deferred' | 'action raised' = 'resolved'): MeetingCommand => ({
    type: 'AmendOutcome',
    itemId: 'a',
    narrative: ['The Panel considered a report of the Commissioner.'],
    discussion: [],
    outcome:
      kind === 'resolved'
        ? { kind, parts: ['That the report be noted.'] }
        : kind === 'deferred'
          ? { kind, toMeetingId: null, reason: 'Late.' }
          : { kind },
    reason: 'The Chairman asked that the minute name the report.',
  });

  it('is a new event naming what the minute read before, and the minute reads as amended', () => {
    const when = meeting.given(...recorded).when(amend());
    when.then({
      type: 'ItemOutcomeAmended',
      data: {
        minuteNumber: 140,
        outcome: { kind: 'resolved', parts: [{ letter: null, text: 'That the report be noted.' }] },
        amends: { narrative: ['The Panel considered a report.'], outcome: { kind: 'noted', text: 'Noted.' } },
        reason: 'The Chairman asked that the minute name the report.',
      },
    });
    expect(when.thenState().items[0].outcome).toEqual({
      itemId: 'a',
      minuteNumber: 140,
      narrative: ['The Panel considered a report of the Commissioner.'],
      discussion: [],
      outcome: { kind: 'resolved', parts: [{ letter: null, text: 'That the report be noted.' }], vote: null },
    });
  });

  it('is allowed once drafted, never once approved, and only for an item with an outcome', () => {
    const drafted = fact('MinutesDrafted', { draftedOn: '2015-07-20' });
    meeting
      .given(...recorded, drafted)
      .when(amend())
      .then({ type: 'ItemOutcomeAmended' });
    meeting
      .given(
        ...recorded,
        drafted,
        fact('MinutesApproved', { approvedAtMeetingId: 'sept', minuteNumber: 150, approvedOn: '2015-09-16' }),
      )
      .when(amend())
      .thenRefuses('MINUTES_APPROVED');
    meeting
      .given(scheduled(), added('a'), held(), numbered({ a: 140 }))
      .when(amend())
      .thenRefuses('NO_OUTCOME');
    meeting
      .given(...recorded)
      .when({ ...amend(), reason: ' ' } as MeetingCommand)
      .thenRefuses(expect.any(String), 'reason');
  });

  it('raises nothing, so it cannot claim an action that was never raised', () => {
    meeting
      .given(...recorded)
      .when(amend('action raised'))
      .thenRefuses('NOTHING_RAISED', 'outcome.kind');
    const raised = fact('BoardActionRaised', {
      itemId: 'a',
      minuteNumber: 140,
      part: null,
      ref: 'PCP-2015-07/140',
      plan: 'log',
      title: 'Update',
      owner: 'CFO',
      dueOn: null,
      dueAtNextMeeting: true,
    });
    meeting
      .given(...recorded, raised)
      .when(amend('deferred'))
      .thenRefuses('DEFERRED_WITH_ACTIONS');
  });

  it('withdraws a declaration by its place, once, and keeps it in the record as withdrawn', () => {
    const declared = fact('InterestDeclared', {
      member: 'Cllr. Begy',
      memberPersonId: null,
      itemId: null,
      nature: 'a personal interest',
    });
    const withdraw: MeetingCommand = {
      type: 'WithdrawDeclaration',
      declaration: 0,
      reason: 'Recorded in error.',
    };
    const when = meeting.given(scheduled(), added('a'), declared).when(withdraw);
    when.then({ type: 'InterestDeclarationWithdrawn', data: { declaration: 0, member: 'Cllr. Begy' } });
    expect(when.thenState().declarations[0].withdrawn).toEqual({ reason: 'Recorded in error.' });
    meeting
      .given(
        scheduled(),
        added('a'),
        declared,
        fact('InterestDeclarationWithdrawn', { declaration: 0, member: 'Cllr. Begy', reason: 'x' }),
      )
      .when(withdraw)
      .thenRefuses('DECLARATION_WITHDRAWN');
    meeting
      .given(scheduled(), added('a'), declared)
      .when({ ...withdraw, declaration: 1 })
      .thenRefuses('DECLARATION_NOT_FOUND', 'declaration');
  });
});
