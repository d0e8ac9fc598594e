// The log a body builds over years, for benchmarks: actions with quarterly statuses and progress,
// decisions taken and published, meetings of a board with agendas, appended by several writers.
import { randomUUID } from 'node:crypto';
import { BoardCommand } from '#domain/board/board.commands';
import { boardDecider } from '#domain/board/board.decider';
import { decisionDecider } from '#domain/decision/decision.decider';
import { DecisionCommand } from '#domain/decision/decision.commands';
import { DEFAULT_STATUTORY_PERIODS } from '#domain/decision/statutory-clock';
import { meetingDecider } from '#domain/meeting/meeting.decider';
import { MeetingCommand } from '#domain/meeting/meeting.commands';
import { Decider, DomainEvent } from '#domain/shared/event';
import { actionStream } from '#domain/action/action-ids';
import { boardStream, decisionStream, meetingStream } from '#domain/shared/record-ids';
import { EventStore, NewEvent } from '#event-store/port';

const WRITERS = 8;
const BODY = 'default';

/** What a person would have recorded, produced by the deciders so every projection accepts it. */
function eventsOf<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, commands: C[]): NewEvent[] {
  let state = decider.initialState();
  const events: NewEvent[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      const id = randomUUID();
      state = decider.evolve(state, { ...event, id });
      events.push({
        id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: {
          actor: 'bench',
          actorRole: 'secretary',
          bodyId: BODY,
          recordedAt: new Date().toISOString(),
        },
      });
    }
  }
  return events;
}

/** One action: created, four quarterly statuses, two progress notes (7 events). */
function action(index: number): [string, NewEvent[]] {
  const metadata = {
    actor: 'bench',
    actorRole: 'secretary',
    bodyId: BODY,
    recordedAt: new Date().toISOString(),
  };
  const event = (type: string, data: object): NewEvent => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata,
  });
  return [
    actionStream(randomUUID()),
    [
      event('ActionCreated', {
        bodyId: BODY,
        ref: `R${index}`,
        plan: `Plan ${Math.floor(index / 1000)}`,
        theme: `Theme ${index % 7}`,
        title: `Action ${index}`,
        leadOfficers: ['CR'],
        deliverable: null,
        objective: null,
        dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
        createdOn: '2017-04-01',
      }),
      ...['2017-06-30', '2017-09-30', '2017-12-31', '2018-03-31'].map((effectiveOn, q) =>
        event('ActionStatusSet', {
          status: ['GREEN', 'AMBER', 'RED'][(index + q) % 3],
          commentary: 'Update',
          effectiveOn,
        }),
      ),
      event('ActionProgressRecorded', { note: 'Met the supplier.', reportedOn: '2017-10-10' }),
      event('ActionProgressRecorded', { note: 'Business case drafted.', reportedOn: '2017-11-14' }),
    ],
  ];
}

/** One decision: proposed, taken, record published with its call-in window (4 events). */
function decision(): [string, NewEvent[]] {
  const commands: DecisionCommand[] = [
    {
      type: 'ProposeDecision',
      bodyId: BODY,
      subject: 'Contract award',
      decisionMaker: 'Police and Crime Commissioner',
      expectedOn: '2026-05-01',
      keyDecision: false,
      significantPublicInterest: false,
      documents: [],
    },
    {
      type: 'TakeDecision',
      periods: DEFAULT_STATUTORY_PERIODS,
      decisionText: 'Awarded.',
      reasons: 'Best value.',
      alternativesRejected: [],
      conflictsOfInterest: [],
      dispensations: [],
      takenOn: '2026-05-01',
      decidedBy: 'PCC',
    },
    {
      type: 'PublishRecord',
      publishedOn: '2026-05-02',
      periods: DEFAULT_STATUTORY_PERIODS,
      subjectToCallIn: true,
    },
  ];
  return [decisionStream(randomUUID()), eventsOf(decisionDecider, commands)];
}

/** One meeting of an existing board: scheduled, three agenda items, held (5 events). */
function meeting(boardId: string, index: number): [string, NewEvent[]] {
  const item = (title: string): MeetingCommand => ({
    type: 'AddAgendaItem',
    itemId: randomUUID(),
    title,
    reportAuthor: null,
    questions: [],
    responseForm: null,
    linkedActionIds: [],
    linkedDecisionIds: [],
    assuranceMatterId: null,
    exemption: null,
  });
  const date = `20${10 + (index % 15)}-0${1 + (index % 9)}-1${index % 10}`;
  const commands: MeetingCommand[] = [
    { type: 'ScheduleMeeting', bodyId: BODY, boardId, date, time: '10:00', place: 'HQ', access: 'public' },
    item('Minutes.'),
    item('Declarations of Interest.'),
    item('Finance report.'),
    { type: 'HoldMeeting', heldOn: date, startTime: null, endTime: null },
  ];
  return [meetingStream(randomUUID()), eventsOf(meetingDecider, commands)];
}

/** Appends about `events` events of the mix to the body `default`; answers how many. */
export async function appendMix(store: EventStore, events: number): Promise<number> {
  const boardId = randomUUID();
  const board: BoardCommand = {
    type: 'EstablishBoard',
    bodyId: BODY,
    name: 'Strategic Assurance Board',
    code: 'SAB',
    members: [],
    cadence: null,
    firstMinuteNumber: 1,
  };
  await store.append(boardStream(boardId), eventsOf(boardDecider, [board]), 'no_stream');
  let appended = 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (appended < events) {
        const index = next++;
        // Per 16 records: 12 actions, 3 decisions, 1 meeting.
        const [stream, batch] =
          index % 16 < 12 ? action(index) : index % 16 < 15 ? decision() : meeting(boardId, index);
        appended += batch.length;
        await store.append(stream, batch, 'no_stream');
      }
    }),
  );
  return appended;
}
