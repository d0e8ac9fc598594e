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
import { findBoard } from '#projections/boards/boards.queries';
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
