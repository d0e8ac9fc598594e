import { randomUUID } from 'node:crypto';
import { DomainError } from '../shared/domain-error';
import { decideMeeting, evolveMeeting, initialMeeting, Meeting, minuteNumbersOf } from './meeting.decider';
import { MeetingCommand } from './meeting.commands';
import { countedVote } from './vote';

const schedule: MeetingCommand = {
  type: 'ScheduleMeeting',
  bodyId: 'leics-pcp',
  boardId: 'board-1',
  date: '2015-07-17',
  time: '12:30',
  place: 'County Hall, Glenfield',
  access: 'public',
};
const item = (itemId: string, title = `Item ${itemId}`): MeetingCommand => ({
  type: 'AddAgendaItem',
  itemId,
  title,
  reportAuthor: 'Police and Crime Commissioner',
  questions: [],
  responseForm: null,
  linkedActionIds: [],
  linkedDecisionIds: [],
  assuranceMatterId: null,
  exemption: null,
});
const holding: MeetingCommand = {
  type: 'HoldMeeting',
  heldOn: '2015-07-17',
  startTime: '12:30',
  endTime: '14:15',
};
const numbering = (firstMinuteNumber: number): MeetingCommand => ({
  type: 'NumberMinutes',
  firstMinuteNumber,
});
const board = { code: 'PCP', actionLogPlan: 'Police and Crime Panel action log' };

function given(...commands: MeetingCommand[]): Meeting {
  return commands.reduce(
    (state, command) =>
      decideMeeting(command, state).reduce((s, e) => evolveMeeting(s, { ...e, id: randomUUID() }), state),
    initialMeeting(),
  );
}

function refusal(command: MeetingCommand, state: Meeting): DomainError {
  try {
    decideMeeting(command, state);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a meeting', () => {
  it('numbers its items on from the board, in agenda order, skipping withdrawn items', () => {
    const held = given(
      schedule,
      item('a'),
      item('b'),
      item('c'),
      { type: 'ReorderAgenda', order: ['c', 'a', 'b'] },
      { type: 'WithdrawAgendaItem', itemId: 'a', reason: 'Report not ready.' },
      holding,
      numbering(145),
    );
    expect(held.items.map((i) => [i.itemId, i.minuteNumber])).toEqual([
      ['c', 145],
      ['a', null],
      ['b', 146],
    ]);
    expect(minuteNumbersOf(held)).toEqual([145, 146]);
  });

  it('refuses a reorder that drops or invents an item, and agenda changes once held', () => {
    const state = given(schedule, item('a'), item('b'));
    expect(refusal({ type: 'ReorderAgenda', order: ['a'] }, state).field).toBe('order');
    expect(refusal({ type: 'ReorderAgenda', order: ['a', 'x'] }, state).code).toBe('INVALID_ORDER');
    expect(refusal(item('c'), given(schedule, item('a'), holding)).code).toBe('MEETING_HELD');
  });

  it('cannot be held with an empty agenda, nor once cancelled', () => {
    expect(refusal(holding, given(schedule)).code).toBe('AGENDA_EMPTY');
    expect(
      refusal(holding, given(schedule, item('a'), { type: 'CancelMeeting', reason: 'Not quorate.' })).code,
    ).toBe('MEETING_CANCELLED');
  });

  it('refuses someone both present and giving apologies', () => {
    const attendance: MeetingCommand = {
      type: 'RecordAttendance',
      chair: 'Mr. J. T. Orson',
      present: ['Cllr. Begy'],
      apologies: ['Cllr. Begy'],
      inAttendance: [],
    };
    expect(refusal(attendance, given(schedule))).toMatchObject({
      code: 'PRESENT_AND_APOLOGISED',
      field: 'apologies',
    });
  });
});

describe('numbering minutes', () => {
  it('numbers once; the same first number again writes nothing', () => {
    const numbered = given(schedule, item('a'), holding, numbering(145));
    expect(decideMeeting(numbering(145), numbered)).toEqual([]);
    expect(refusal(numbering(150), numbered).code).toBe('MINUTES_NUMBERED');
    expect(refusal(numbering(145), given(schedule, item('a'))).code).toBe('MEETING_NOT_HELD');
  });
});

describe('recording an outcome', () => {
  const held = () =>
    given(schedule, item('mtfs', 'Medium Term Financial Strategy - Update.'), holding, numbering(145));
  const resolved: MeetingCommand = {
    type: 'RecordOutcome',
    itemId: 'mtfs',
    narrative: ['The Panel considered a report of the Police and Crime Commissioner.'],
    discussion: ['Assumptions for Council Tax were based on an increase of 1.99%.'],
    outcome: {
      kind: 'resolved',
      parts: [
        'That the report be noted;',
        "That a further update on the MTFS position be reported to the Panel's meeting in September.",
      ],
    },
    actions: [
      {
        part: 'b',
        title: 'Further update on the MTFS position',
        owner: 'Chief Finance Officer (OPCC)',
        dueAtNextMeeting: true,
      },
    ],
    decisions: [],
    board,
  };

  it('letters the parts and raises the action with a ref from the board and minute', () => {
    const events = decideMeeting(resolved, held());
    expect(events.map((e) => e.type)).toEqual(['ItemOutcomeRecorded', 'BoardActionRaised']);
    expect(events[0].data).toMatchObject({
      minuteNumber: 145,
      outcome: { kind: 'resolved', parts: [{ letter: 'a' }, { letter: 'b' }], vote: null },
    });
    expect(events[1].data).toMatchObject({
      ref: 'PCP-2015-07/145',
      part: 'b',
      dueOn: null,
      dueAtNextMeeting: true,
    });
  });

  it('is refused a second time: a retried outcome raises no second action', () => {
    const state = given(schedule, item('mtfs'), holding, numbering(145), resolved);
    expect(refusal(resolved, state).code).toBe('OUTCOME_RECORDED');
  });

  it('refuses an action naming a part the resolution does not have, and one with no due date', () => {
    const state = held();
    expect(
      refusal({ ...resolved, actions: [{ ...resolved.actions[0], part: 'c' }] } as MeetingCommand, state)
        .field,
    ).toBe('actions[0].part');
    expect(
      refusal({ ...resolved, actions: [{ title: 'x', owner: 'y' }] } as MeetingCommand, state).field,
    ).toBe('actions[0].dueOn');
  });

  it('must wait for the meeting, and the minutes wait for every outcome', () => {
    expect(refusal(resolved, given(schedule, item('mtfs'))).code).toBe('MEETING_NOT_HELD');
    expect(refusal(resolved, given(schedule, item('mtfs'), holding)).code).toBe('MINUTES_NOT_NUMBERED');
    const twoItems = given(schedule, item('mtfs'), item('date'), holding, numbering(145), resolved);
    expect(refusal({ type: 'DraftMinutes', draftedOn: '2015-07-20' }, twoItems).message).toMatch(
      /minute 146/,
    );
  });
});

describe('approving minutes', () => {
  const drafted = () =>
    given(
      { ...schedule, date: '2015-06-25' } as MeetingCommand,
      item('a'),
      { ...holding, heldOn: '2015-06-25' } as MeetingCommand,
      numbering(140),
      {
        type: 'RecordOutcome',
        itemId: 'a',
        narrative: [],
        discussion: [],
        outcome: { kind: 'noted', text: 'Noted.' },
        actions: [],
        decisions: [],
        board,
      },
      { type: 'DraftMinutes', draftedOn: '2015-06-30' },
    );
  const approve = (date: string, minuteNumber: number, minuteNumbers = [145, 146, 147]): MeetingCommand => ({
    type: 'ApproveMinutes',
    approvingMeeting: { meetingId: 'july', boardId: 'board-1', date, minuteNumbers },
    minuteNumber,
    approvedOn: date,
  });

  it('happens at a later meeting of the board, under one of its minutes', () => {
    expect(decideMeeting(approve('2015-07-17', 146), drafted())[0]).toMatchObject({
      type: 'MinutesApproved',
      data: { approvedAtMeetingId: 'july', minuteNumber: 146 },
    });
    expect(refusal(approve('2015-06-25', 146), drafted()).code).toBe('NOT_A_LATER_MEETING');
    expect(refusal(approve('2015-07-17', 150), drafted())).toMatchObject({
      code: 'NOT_A_MINUTE_OF_THAT_MEETING',
      field: 'minuteNumber',
    });
  });

  it('comes before publication', () => {
    expect(refusal({ type: 'PublishMinutes', publishedOn: '2015-07-01' }, drafted()).code).toBe(
      'MINUTES_NOT_APPROVED',
    );
  });
});

describe('a vote', () => {
  it('is carried by a majority, or on a tie by the chair’s casting vote', () => {
    expect(countedVote({ for: 6, against: 4, abstained: 1 }).carried).toBe(true);
    expect(countedVote({ for: 5, against: 5, abstained: 0 }).carried).toBe(false);
    expect(
      countedVote({ for: 5, against: 5, abstained: 0, castingVote: { by: 'Chair', vote: 'for' } }).carried,
    ).toBe(true);
  });

  it('refuses a casting vote without a tie, and named votes that do not add up', () => {
    expect(() =>
      countedVote({ for: 6, against: 5, abstained: 0, castingVote: { by: 'Chair', vote: 'for' } }),
    ).toThrow(/casting vote only on a tie/);
    expect(() =>
      countedVote({
        for: 2,
        against: 0,
        abstained: 0,
        named: [
          { member: 'A', vote: 'for' },
          { member: 'B', vote: 'against' },
        ],
      }),
    ).toThrow(/vote.for is 2 but 1 named votes are for/);
  });
});
