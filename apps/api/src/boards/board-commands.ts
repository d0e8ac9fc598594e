import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { completeMeetingChange, MeetingChange } from '#application/changes/meeting-changes';
import { bodyCalendar, datedToday } from '#application/changes/body-today';
import { CommandGateway } from '#application/command-gateway';
import { namesFromDirectory } from '#application/directory-names';
import { numberMinutes } from '#application/numbering';
import { BoardMemberInput } from '#domain/board/board.commands';
import { BOARD } from '#domain/board/board.aggregate';
import { BoardCommand } from '#domain/board/board.commands';
import { MEETING } from '#domain/meeting/meeting.aggregate';
import { MeetingCommand } from '#domain/meeting/meeting.commands';
import { newRecordId } from '#domain/shared/record-ids';
import { DomainError } from '#domain/shared/domain-error';
import { comparePositions, LogPosition } from '#event-store/port';
import { findBody } from '#projections/bodies/bodies.queries';
import { findBoard } from '#projections/boards/boards.queries';
import { contextOf, RequestContext } from '../http/command-context';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { EstablishBoardDto } from './board.dto';

export interface RecordWritten {
  id: string;
  version: number;
}

export class EstablishBoard {
  constructor(
    readonly bodyId: string,
    readonly input: EstablishBoardDto,
    readonly request: RequestContext,
  ) {}
}

export class ChangeBoard {
  constructor(
    readonly boardId: string,
    readonly change: Exclude<BoardCommand, { type: 'EstablishBoard' }>,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

export class ScheduleMeeting {
  constructor(
    readonly boardId: string,
    readonly input: Omit<Extract<MeetingCommand, { type: 'ScheduleMeeting' }>, 'type' | 'bodyId' | 'boardId'>,
    readonly request: RequestContext,
  ) {}
}

export class ChangeMeeting {
  constructor(
    readonly boardId: string,
    readonly meetingId: string,
    readonly change: MeetingChange,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

/** Members as the board's record keeps them: people of the body's directory by name and id. */
async function membersFromDirectory(
  engine: Engine,
  bodyId: string,
  members: readonly BoardMemberInput[],
): Promise<BoardMemberInput[]> {
  const named = await namesFromDirectory(
    engine.db,
    bodyId,
    members.map((member) => member.name),
  );
  return members.map((member, i) => ({ ...member, ...named[i] }));
}

/** The board, if the actor's bodies hold it: another body's board does not exist for them. */
async function visibleBoard(engine: Engine, boardId: string, request: RequestContext) {
  const board = await findBoard(engine.db, boardId, await bodyIdsOf(engine.db, request.actor.bodies));
  if (!board) throw new DomainError('BOARD_NOT_FOUND', `board ${boardId} not found`, 'not_found');
  return board;
}

@CommandHandler(EstablishBoard)
export class EstablishBoardHandler implements ICommandHandler<EstablishBoard, RecordWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ bodyId, input, request }: EstablishBoard): Promise<RecordWritten> {
    if (!(await findBody(this.engine.db, bodyId)))
      throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
    const written = await this.gateway.execute(BOARD, {
      id: newRecordId('board', bodyId, request.actor.user, request.idempotencyKey),
      context: contextOf(request, 'EstablishBoard', this.engine),
      command: {
        type: 'EstablishBoard',
        bodyId,
        name: input.name,
        code: input.code,
        members: await membersFromDirectory(this.engine, bodyId, input.members),
        cadence: input.cadence ?? null,
        actionLogPlan: input.actionLogPlan,
        firstMinuteNumber: input.firstMinuteNumber ?? 1,
      },
    });
    return { id: written.id, version: written.version };
  }
}

@CommandHandler(ChangeBoard)
export class ChangeBoardHandler implements ICommandHandler<ChangeBoard, RecordWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ boardId, change, expectedVersion, request }: ChangeBoard): Promise<RecordWritten> {
    const board = await visibleBoard(this.engine, boardId, request);
    const written = await this.gateway.execute(BOARD, {
      id: boardId,
      context: contextOf(request, change.type, this.engine),
      expectedVersion,
      command:
        change.type === 'ChangeMembers'
          ? { ...change, members: await membersFromDirectory(this.engine, board.bodyId, change.members) }
          : change,
    });
    return { id: boardId, version: written.version };
  }
}

@CommandHandler(ScheduleMeeting)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeeting, RecordWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ boardId, input, request }: ScheduleMeeting): Promise<RecordWritten> {
    const board = await visibleBoard(this.engine, boardId, request);
    const written = await this.gateway.execute(MEETING, {
      id: newRecordId('meeting', board.bodyId, request.actor.user, request.idempotencyKey),
      context: contextOf(request, 'ScheduleMeeting', this.engine),
      command: { type: 'ScheduleMeeting', bodyId: board.bodyId, boardId, ...input },
    });
    return { id: written.id, version: written.version };
  }
}

@CommandHandler(ChangeMeeting)
export class ChangeMeetingHandler implements ICommandHandler<ChangeMeeting, RecordWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({
    boardId,
    meetingId,
    change,
    expectedVersion,
    request,
  }: ChangeMeeting): Promise<RecordWritten> {
    const board = await visibleBoard(this.engine, boardId, request);
    const context = contextOf(request, change.type, this.engine);
    // Holding numbers the minutes, and an outcome raises records: those steps wait for the read models.
    const followedUp = change.type === 'HoldMeeting' || change.type === 'RecordOutcome';
    const written = await this.gateway.execute(MEETING, {
      id: meetingId,
      context,
      expectedVersion,
      awaitReadModels: !followedUp,
      command: async (meeting) => {
        // A meeting of another board answers as one that does not exist.
        if (meeting.stage !== 'none' && meeting.boardId !== boardId)
          throw new DomainError('NOT_FOUND', 'No such record.', 'not_found');
        const calendar = bodyCalendar(this.engine.db, board.bodyId, context.recordedAt);
        return completeMeetingChange(this.engine.db, await datedToday(change, calendar), {
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
        this.engine,
        meetingId,
        written.state,
        board.board.firstMinuteNumber,
        context,
      );
      await this.gateway.readModelsReach(numbered.position);
      return { id: meetingId, version: numbered.version };
    }
    let reached: LogPosition | null = written.position;
    if (change.type === 'RecordOutcome' && reached) {
      // Outcomes drive other records: do it now so the caller sees them; the background process
      // does the same from the log after a crash, finding them done.
      const events = await this.engine.store.readStream(MEETING.streamOf(meetingId), {
        fromRevision: expectedVersion,
      });
      for (const event of events) {
        const position = await this.engine.boardOutcomes.handle(event);
        if (position && comparePositions(position, reached) > 0) reached = position;
      }
    }
    if (followedUp) await this.gateway.readModelsReach(reached);
    return { id: meetingId, version: written.version };
  }
}
