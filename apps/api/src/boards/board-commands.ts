import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MeetingChange } from '#application/changes/meeting-changes';
import { CommandGateway } from '#application/command-gateway';
import { namesFromDirectory } from '#application/directory-names';
import { BOARD } from '#domain/board/board.aggregate';
import { BoardCommand, BoardMemberInput } from '#domain/board/board.commands';
import { newRecordId } from '#domain/shared/record-ids';
import { DomainError } from '#domain/shared/domain-error';
import { findBody } from '#projections/bodies/bodies.queries';
import { contextOf, RequestContext } from '../http/command-context';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { EstablishBoardDto } from './board.dto';
import {
  changeMeeting,
  NewMeeting,
  planYearOfMeetings,
  RecordWritten,
  scheduleMeeting,
  visibleBoard,
  YearOfMeetings,
} from './meeting-writes';

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
    readonly input: NewMeeting,
    readonly request: RequestContext,
  ) {}
}

export class PlanYearOfMeetings {
  constructor(
    readonly boardId: string,
    readonly plan: YearOfMeetings,
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

  execute({ boardId, input, request }: ScheduleMeeting): Promise<RecordWritten> {
    return scheduleMeeting(this.engine, this.gateway, boardId, input, request);
  }
}

@CommandHandler(PlanYearOfMeetings)
export class PlanYearOfMeetingsHandler implements ICommandHandler<PlanYearOfMeetings> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  execute({ boardId, plan, request }: PlanYearOfMeetings) {
    return planYearOfMeetings(this.engine, this.gateway, boardId, plan, request);
  }
}

@CommandHandler(ChangeMeeting)
export class ChangeMeetingHandler implements ICommandHandler<ChangeMeeting, RecordWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  execute({ boardId, meetingId, change, expectedVersion, request }: ChangeMeeting): Promise<RecordWritten> {
    return changeMeeting(this.engine, this.gateway, { boardId, meetingId, change, expectedVersion }, request);
  }
}
