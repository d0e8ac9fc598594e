// npm run bench:replay: BENCH_EVENTS (default 1,000,000) events of a realistic mix (actions with
// status changes and progress, decisions taken and published, board meetings with agendas) appended
// to PostgreSQL; then (a) the whole log read through the port in log order, the raw sequential
// read that bounds any replay; (b) every projection rebuilt from nothing; (c) one projection (the
// action register) caught up alone. Prints events/s of each and their ratios to (a); with
// BENCH_EACH=1, every projection caught up alone too, to show where a rebuild's time goes.
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
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { EventStore, LogPosition, NewEvent, START_OF_LOG } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { UpcastingEventStore } from '#event-store/upcasting-event-store';
import { upcastToCurrent } from '#domain/upcasters';
import { ALL_MIGRATIONS, ALL_PROJECTIONS } from '#projections';
import { actionRegisterProjection } from '#projections/action-register/action-register.projection';
import { Projection } from '#projections/projection';
import { Projector } from '#projections/projector';
import { benchSchema, machine, table } from './bench-support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WRITERS = 8;
const BODY = 'default';
const silent = { error: (_: object, message: string) => process.stderr.write(`${message}\n`) };

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

async function appendMix(store: EventStore): Promise<number> {
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
      while (appended < EVENTS) {
        const index = next++;
        // Per 16 records: 12 actions, 3 decisions, 1 meeting.
        const [stream, events] =
          index % 16 < 12 ? action(index) : index % 16 < 15 ? decision() : meeting(boardId, index);
        appended += events.length;
        await store.append(stream, events, 'no_stream');
      }
    }),
  );
  return appended;
}

async function readEverything(store: EventStore): Promise<{ count: number; last: LogPosition }> {
  let last = START_OF_LOG;
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after: last, maxCount: 1000 });
    if (events.length === 0) return { count, last };
    count += events.length;
    last = events[events.length - 1].position;
  }
}

async function project(db: SqlDatabase, store: EventStore, projections: Projection[], last: LogPosition) {
  const projector = new Projector(db, store, projections, silent, 20);
  const start = Date.now();
  await projector.start();
  const lagging = await projector.waitFor(last, 24 * 3600_000);
  const seconds = (Date.now() - start) / 1000;
  await projector.stop();
  if (lagging.length > 0) throw new Error(`projections did not finish: ${lagging.join(', ')}`);
  return seconds;
}

async function main(): Promise<void> {
  const target = await benchSchema();
  const db = target.open(10);
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    // Statuses are appended at schema v1, as an older engine stored them; reads upcast them as the engine's do.
    const store = new UpcastingEventStore(new PostgresEventStore(db), upcastToCurrent);
    let start = Date.now();
    const appended = await appendMix(store);
    const appendSeconds = (Date.now() - start) / 1000;
    process.stderr.write(`appended ${appended} events in ${appendSeconds.toFixed(1)} s\n`);

    start = Date.now();
    const { count, last } = await readEverything(store);
    const readSeconds = (Date.now() - start) / 1000;
    process.stderr.write(
      `read ${count} events in ${readSeconds.toFixed(1)} s; rebuilding every projection...\n`,
    );

    const rebuildSeconds = await project(db, store, [...ALL_PROJECTIONS], last);
    process.stderr.write(
      `rebuilt in ${rebuildSeconds.toFixed(1)} s; catching up the action register alone...\n`,
    );
    await db.transaction((tx) => actionRegisterProjection.reset(tx));
    await db.query(
      "UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = 'action_register'",
    );
    const singleSeconds = await project(db, store, [actionRegisterProjection], last);

    // Where a rebuild's time goes: each projection caught up alone (BENCH_EACH=1).
    const each: (string | number)[][] = [];
    if (process.env.BENCH_EACH === '1')
      for (const projection of ALL_PROJECTIONS) {
        await db.transaction((tx) => projection.reset(tx));
        await db.query(
          'UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = $1',
          [projection.name],
        );
        const seconds = await project(db, store, [projection], last);
        each.push([`  ${projection.name} alone`, seconds.toFixed(1), Math.round(count / seconds), '', '']);
      }
    const rate = (seconds: number) => Math.round(count / seconds);
    const raw = rate(readSeconds);
    process.stdout.write(
      `replay benchmark: ${count} events (actions, decisions, meetings) on PostgreSQL\n` +
        `machine: ${machine()}\n\n` +
        table([
          ['', 'seconds', 'events/s', 'of the raw read', 'goal'],
          ['raw sequential read (the limit)', readSeconds.toFixed(1), raw, '1.00', ''],
          [
            'rebuild of every projection',
            rebuildSeconds.toFixed(1),
            rate(rebuildSeconds),
            (rate(rebuildSeconds) / raw).toFixed(2),
            '≥ 0.5',
          ],
          [
            'catch-up of the action register',
            singleSeconds.toFixed(1),
            rate(singleSeconds),
            (rate(singleSeconds) / raw).toFixed(2),
            '≥ 0.8',
          ],
          ...each,
        ]) +
        '\n',
    );
  } finally {
    await target.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
