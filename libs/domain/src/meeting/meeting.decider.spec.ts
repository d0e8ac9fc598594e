import { factOf, scenario } from '../testing/decider-scenario';
import { meetingDecider, minuteNumbersOf } from './meeting.decider';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { countedVote } from './vote';
import { meetingHistory } from '../testing/meeting-history';

const meeting = scenario(meetingDecider);
const fact = factOf<MeetingEvent>();
const { board, addItem, holding, numbering, scheduled, added, held, numbered } = meetingHistory;

describe('a meeting', () => {
  it('numbers its items on from the board, in agenda order, skipping withdrawn items', () => {
    const state = meeting
      .given(
        scheduled(),
        added('a'),
        added('b'),
        added('c'),
        fact('AgendaItemsReordered', { order: ['c', 'a', 'b'] }),
        fact('AgendaItemWithdrawn', { itemId: 'a', reason: 'Report not ready.' }),
        held(),
      )
      .when(numbering(145))
      .thenState();
    expect(state.items.map((i) => [i.itemId, i.minuteNumber])).toEqual([
      ['c', 145],
      ['a', null],
      ['b', 146],
    ]);
    expect(minuteNumbersOf(state)).toEqual([145, 146]);
  });

  it('refuses a reorder that drops or invents an item, and agenda changes once held', () => {
    const agenda = [scheduled(), added('a'), added('b')];
    meeting
      .given(...agenda)
      .when({ type: 'ReorderAgenda', order: ['a'] })
      .thenRefuses('INVALID_ORDER', 'order');
    meeting
      .given(...agenda)
      .when({ type: 'ReorderAgenda', order: ['a', 'x'] })
      .thenRefuses('INVALID_ORDER');
    meeting.given(scheduled(), added('a'), held()).when(addItem('c')).thenRefuses('MEETING_HELD');
  });

  it('is confirmed before its agenda is issued or it is held, when planned provisionally', () => {
    const provisional = fact('MeetingScheduled', { ...scheduled().data, provisional: true }, 2);
    meeting
      .given(provisional, added('a'))
      .when({ type: 'IssueAgenda', issuedOn: '2015-07-01' })
      .thenRefuses('MEETING_PROVISIONAL');
    meeting.given(provisional, added('a')).when(holding).thenRefuses('MEETING_PROVISIONAL');
    const confirmed = meeting.given(provisional).when({ type: 'ConfirmMeeting', confirmedOn: '2015-06-01' });
    confirmed.then({ type: 'MeetingConfirmed', data: { confirmedOn: '2015-06-01' } });
    expect(confirmed.thenState().provisional).toBe(false);
    meeting
      .given(scheduled())
      .when({ type: 'ConfirmMeeting', confirmedOn: '2015-06-01' })
      .thenRefuses('MEETING_CONFIRMED');
  });

  it('cannot be held with an empty agenda, nor once cancelled', () => {
    meeting.given(scheduled()).when(holding).thenRefuses('AGENDA_EMPTY');
    meeting
      .given(scheduled(), added('a'), fact('MeetingCancelled', { reason: 'Not quorate.' }))
      .when(holding)
      .thenRefuses('MEETING_CANCELLED');
  });

  it('refuses someone both present and giving apologies', () => {
    meeting
      .given(scheduled())
      .when({
        type: 'RecordAttendance',
        chair: 'Mr. J. T. Orson',
        present: ['Cllr. Begy'],
        apologies: ['Cllr. Begy'],
        inAttendance: [],
      })
      .thenRefuses('PRESENT_AND_APOLOGISED', 'apologies');
  });

  it('records which of the names listed are people of the directory, and no others', () => {
    meeting
      .given(scheduled())
      .when({
        type: 'RecordAttendance',
        chair: 'Mr. J. T. Orson',
        present: ['Cllr. Begy'],
        apologies: [],
        inAttendance: ['Paul Stock'],
        people: { 'Cllr. Begy': 'person-begy', 'Someone Absent': 'person-x' },
      })
      .then({
        type: 'AttendanceRecorded',
        data: { present: ['Cllr. Begy'], people: { 'Cllr. Begy': 'person-begy' } },
      });
  });

  it('records who declared an interest, as a person of the directory or as written', () => {
    meeting
      .given(scheduled(), added('a'))
      .when({
        type: 'DeclareInterest',
        member: 'Cllr. Begy',
        memberPersonId: 'person-begy',
        itemId: 'a',
        nature: 'Personal',
      })
      .then({ type: 'InterestDeclared', data: { memberPersonId: 'person-begy' } });
    meeting
      .given(scheduled())
      .when({ type: 'DeclareInterest', member: 'Mrs H. Carter', itemId: null, nature: 'Personal' })
      .then({ type: 'InterestDeclared', data: { member: 'Mrs H. Carter', memberPersonId: null } });
  });
});

describe('numbering minutes', () => {
  it('numbers once; the same first number again writes nothing', () => {
    const history = [scheduled(), added('a'), held(), numbered({ a: 145 })];
    meeting
      .given(...history)
      .when(numbering(145))
      .thenNothing();
    meeting
      .given(...history)
      .when(numbering(150))
      .thenRefuses('MINUTES_NUMBERED');
    meeting.given(scheduled(), added('a')).when(numbering(145)).thenRefuses('MEETING_NOT_HELD');
  });
});

describe('recording an outcome', () => {
  const heldAndNumbered = [
    scheduled(),
    added('mtfs', 'Medium Term Financial Strategy - Update.'),
    held(),
    numbered({ mtfs: 145 }),
  ];
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
  const outcomeRecorded = fact('ItemOutcomeRecorded', {
    itemId: 'mtfs',
    minuteNumber: 145,
    narrative: [],
    discussion: [],
    outcome: { kind: 'noted', text: 'Noted.' },
  });

  it('letters the parts and raises the action with a ref from the board and minute', () => {
    meeting
      .given(...heldAndNumbered)
      .when(resolved)
      .then(
        {
          type: 'ItemOutcomeRecorded',
          data: {
            minuteNumber: 145,
            outcome: { kind: 'resolved', parts: [{ letter: 'a' }, { letter: 'b' }], vote: null },
          },
        },
        {
          type: 'BoardActionRaised',
          data: { ref: 'PCP-2015-07/145', part: 'b', dueOn: null, dueAtNextMeeting: true },
        },
      );
  });

  it('is refused a second time: a retried outcome raises no second action', () => {
    meeting
      .given(...heldAndNumbered, outcomeRecorded)
      .when(resolved)
      .thenRefuses('OUTCOME_RECORDED');
  });

  it('refuses an action naming a part the resolution does not have, and one with no due date', () => {
    meeting
      .given(...heldAndNumbered)
      .when({ ...resolved, actions: [{ ...resolved.actions[0], part: 'c' }] } as MeetingCommand)
      .thenRefuses(expect.any(String), 'actions[0].part');
    meeting
      .given(...heldAndNumbered)
      .when({ ...resolved, actions: [{ title: 'x', owner: 'y' }] } as MeetingCommand)
      .thenRefuses(expect.any(String), 'actions[0].dueOn');
  });

  it('must wait for the meeting, and the minutes wait for every outcome', () => {
    meeting.given(scheduled(), added('mtfs')).when(resolved).thenRefuses('MEETING_NOT_HELD');
    meeting.given(scheduled(), added('mtfs'), held()).when(resolved).thenRefuses('MINUTES_NOT_NUMBERED');
    const error = meeting
      .given(
        scheduled(),
        added('mtfs'),
        added('date'),
        held(),
        numbered({ mtfs: 145, date: 146 }),
        outcomeRecorded,
      )
      .when({ type: 'DraftMinutes', draftedOn: '2015-07-20' })
      .thenRefuses(expect.any(String));
    expect(error.message).toMatch(/minute 146/);
  });
});

describe('approving minutes', () => {
  const drafted = meetingHistory.draftedJune();
  const approve = (date: string, minuteNumber: number, minuteNumbers = [145, 146, 147]): MeetingCommand => ({
    type: 'ApproveMinutes',
    approvingMeeting: { meetingId: 'july', boardId: 'board-1', date, minuteNumbers },
    minuteNumber,
    approvedOn: date,
  });

  it('happens at a later meeting of the board, under one of its minutes', () => {
    meeting
      .given(...drafted)
      .when(approve('2015-07-17', 146))
      .then({ type: 'MinutesApproved', data: { approvedAtMeetingId: 'july', minuteNumber: 146 } });
    meeting
      .given(...drafted)
      .when(approve('2015-06-25', 146))
      .thenRefuses('NOT_A_LATER_MEETING');
    meeting
      .given(...drafted)
      .when(approve('2015-07-17', 150))
      .thenRefuses('NOT_A_MINUTE_OF_THAT_MEETING', 'minuteNumber');
  });

  it('comes before publication', () => {
    meeting
      .given(...drafted)
      .when({ type: 'PublishMinutes', publishedOn: '2015-07-01' })
      .thenRefuses('MINUTES_NOT_APPROVED');
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
