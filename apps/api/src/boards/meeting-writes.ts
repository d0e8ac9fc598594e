import { bodyCalendar, datedToday } from '#application/changes/body-today';
import { completeMeetingChange, MeetingChange } from '#application/changes/meeting-changes';
import { CommandGateway } from '#application/command-gateway';
import { numberMinutes } from '#application/numbering';
import { MEETING } from '#domain/meeting/meeting.aggregate';
import { MeetingCommand } from '#domain/meeting/meeting.commands';
import { DomainError } from '#domain/shared/domain-error';
import { newRecordId } from '#domain/shared/record-ids';
import { Engine } from '#engine/engine';
import { comparePositions, LogPosition } from '#event-store/port';
import { findBoard, meetingsOf } from '#projections/boards/boards.queries';
import { yearOfMeetings } from '#domain/board/meeting-calendar';
import { bodyIdsOf } from '../auth/readable-bodies';
import { contextOf, RequestContext } from '../http/command-context';

export interface RecordWritten {
  id: string;
  version: number;
}

export type NewMeeting = Omit<
  Extract<MeetingCommand, { type: 'ScheduleMeeting' }>,
  'type' | 'bodyId' | 'boardId'
>;

/** The board, if the actor's bodies hold it: another body's board does not exist for them. */
export async function visibleBoard(engine: Engine, boardId: string, request: RequestContext) {
  const board = await findBoard(engine.db, boardId, await bodyIdsOf(engine.db, request.actor.bodies));
  if (!board) throw new DomainError('BOARD_NOT_FOUND', `board ${boardId} not found`, 'not_found');
  return board;
}

/** Schedules a meeting of a board (the API's and the web pages' one way to). */
export async function scheduleMeeting(
  engine: Engine,
  gateway: CommandGateway,
  boardId: string,
  input: NewMeeting,
  request: RequestContext,
): Promise<RecordWritten> {
  const board = await visibleBoard(engine, boardId, request);
  const written = await gateway.execute(MEETING, {
    id: newRecordId('meeting', board.bodyId, request.actor.user, request.idempotencyKey),
    context: contextOf(request, 'ScheduleMeeting', engine),
    command: { type: 'ScheduleMeeting', bodyId: board.bodyId, boardId, ...input },
  });
  return { id: written.id, version: written.version };
}

/** A year planned from the board's cadence: where and when its meetings are usually held. */
export interface YearOfMeetings {
  readonly from: string;
  readonly time: string | null;
  readonly place: string;
  readonly access: 'public' | 'private';
}

/** The dates a year of the board's meetings would take, those it already meets on marked. */
export async function plannedDates(engine: Engine, boardId: string, from: string, request: RequestContext) {
  const board = await visibleBoard(engine, boardId, request);
  const cadence = board.board.cadence;
  if (!cadence)
    throw new DomainError(
      'NO_CADENCE',
      `the board "${board.board.name}" has no cadence: set how often it meets first`,
      'conflict',
      'cadence',
    );
  const scheduled = (await meetingsOf(engine.db, boardId, {}))
    .filter((each) => each.meeting.stage === 'scheduled')
    .map((each) => each.meeting.date);
  return yearOfMeetings(from, cadence, scheduled);
}

/**
 * Schedules a year of meetings from the board's cadence, each provisional until confirmed, leaving
 * out the days the board already meets (running it twice schedules nothing twice).
 */
export async function planYearOfMeetings(
  engine: Engine,
  gateway: CommandGateway,
  boardId: string,
  plan: YearOfMeetings,
  request: RequestContext,
): Promise<{ scheduled: { id: string; date: string }[]; skipped: string[] }> {
  const dates = await plannedDates(engine, boardId, plan.from, request);
  const scheduled: { id: string; date: string }[] = [];
  for (const { date } of dates.filter((each) => !each.alreadyScheduled)) {
    // One retry key per meeting: a retried plan schedules each date once.
    const key = request.idempotencyKey && `${request.idempotencyKey}:${date}`;
    const { time, place, access } = plan;
    const written = await scheduleMeeting(
      engine,
      gateway,
      boardId,
      { date, time, place, access, provisional: true },
      { ...request, idempotencyKey: key },
    );
    scheduled.push({ id: written.id, date });
  }
  return { scheduled, skipped: dates.filter((each) => each.alreadyScheduled).map((each) => each.date) };
}

/**
 * Changes a meeting of a board: the request's change completed with what the engine knows, then
 * what follows from it done at once (holding numbers the minutes; an outcome raises its actions and
 * decisions), so the answer shows them.
 */
export async function changeMeeting(
  engine: Engine,
  gateway: CommandGateway,
  target: { boardId: string; meetingId: string; change: MeetingChange; expectedVersion: number },
  request: RequestContext,
): Promise<RecordWritten> {
  const { boardId, meetingId, change, expectedVersion } = target;
  const board = await visibleBoard(engine, boardId, request);
  const context = contextOf(request, change.type, engine);
  // Holding numbers the minutes, and an outcome raises records: those steps wait for the read models.
  const followedUp = change.type === 'HoldMeeting' || change.type === 'RecordOutcome';
  const written = await gateway.execute(MEETING, {
    id: meetingId,
    context,
    expectedVersion,
    awaitReadModels: !followedUp,
    command: async (meeting) => {
      // A meeting of another board answers as one that does not exist.
      if (meeting.stage !== 'none' && meeting.boardId !== boardId)
        throw new DomainError('NOT_FOUND', 'No such record.', 'not_found');
      const calendar = bodyCalendar(engine.db, board.bodyId, context.recordedAt);
      return completeMeetingChange(engine.db, await datedToday(change, calendar), {
        meetingId,
        meeting,
        board: board.board,
        bodyId: board.bodyId,
      });
    },
  });
  if (change.type === 'HoldMeeting') {
    // Numbered at once, so the answer shows the minutes' numbers (the numbering process would too).
    const numbered = await numberMinutes(
      engine,
      meetingId,
      written.state,
      board.board.firstMinuteNumber,
      context,
    );
    await gateway.readModelsReach(numbered.position);
    return { id: meetingId, version: numbered.version };
  }
  let reached: LogPosition | null = written.position;
  if (change.type === 'RecordOutcome' && reached) {
    // Outcomes drive other records: do it now so the caller sees them; the background process
    // does the same from the log after a crash, finding them done.
    const events = await engine.store.readStream(MEETING.streamOf(meetingId), {
      fromRevision: expectedVersion,
    });
    for (const event of events) {
      const position = await engine.boardOutcomes.handle(event);
      if (position && comparePositions(position, reached) > 0) reached = position;
    }
  }
  if (followedUp) await gateway.readModelsReach(reached);
  return { id: meetingId, version: written.version };
}
