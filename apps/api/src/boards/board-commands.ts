import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, handleCommand } from '../../../../libs/application/src/command-handling';
import { numberMinutes } from '../../../../libs/application/src/numbering';
import { boardStream, meetingStream, newRecordId } from '../../../../libs/domain/src/shared/record-ids';
import { BoardCommand } from '../../../../libs/domain/src/board/board.commands';
import { Board } from '../../../../libs/domain/src/board/board.state';
import { boardDecider } from '../../../../libs/domain/src/board/board.decider';
import { Meeting } from '../../../../libs/domain/src/meeting/meeting.state';
import { meetingDecider, minuteNumbersOf } from '../../../../libs/domain/src/meeting/meeting.decider';
import { MeetingCommand } from '../../../../libs/domain/src/meeting/meeting.commands';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error';
import { comparePositions, LogPosition } from '../../../../libs/event-store/src/port';
import { findBody } from '../../../../libs/projections/src/bodies/bodies.queries';
import { findBoard, findMeeting } from '../../../../libs/projections/src/boards/boards.queries';
import { findAction } from '../../../../libs/projections/src/action-register/action-register.queries';
import { findDecision } from '../../../../libs/projections/src/decisions/decisions.queries';
import { contextOf, RequestContext } from '../actions/action-commands';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '../../../../libs/engine/src/engine';
import { ENGINE } from '../engine.token';
import { EstablishBoardDto } from './board.dto';
import { awaitProjections } from '../http/read-your-writes';

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

/** A change to a meeting as a request states it; the engine adds the board's code, ids and numbers. */
export type MeetingChange =
  | Exclude<
      MeetingCommand,
      { type: 'ScheduleMeeting' | 'NumberMinutes' | 'RecordOutcome' | 'ApproveMinutes' }
    >
  | Omit<Extract<MeetingCommand, { type: 'RecordOutcome' }>, 'board'>
  | { type: 'ApproveMinutes'; approvedAtMeetingId: string; minuteNumber: number; approvedOn: string };

export class ChangeMeeting {
  constructor(
    readonly boardId: string,
    readonly meetingId: string,
    readonly change: MeetingChange,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

const boardOptions = { bodyOf: (board: Board) => (board.exists ? board.bodyId : null) };
const meetingOptions = { bodyOf: (meeting: Meeting) => meeting.bodyId };

/** The board, if the actor's bodies hold it: another body's board does not exist for them. */
async function visibleBoard(engine: Engine, boardId: string, request: RequestContext) {
  const board = await findBoard(engine.db, boardId, await bodyIdsOf(engine.db, request.actor.bodies));
  if (!board) throw new DomainError('BOARD_NOT_FOUND', `board ${boardId} not found`, 'not_found');
  return board;
}

@CommandHandler(EstablishBoard)
export class EstablishBoardHandler implements ICommandHandler<EstablishBoard, RecordWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ bodyId, input, request }: EstablishBoard): Promise<RecordWritten> {
    if (!(await findBody(this.engine.db, bodyId)))
      throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
    const id = newRecordId('board', bodyId, request.actor.user, request.idempotencyKey);
    const outcome = await handleCommand(
      this.engine.store,
      boardDecider,
      {
        type: 'EstablishBoard',
        bodyId,
        name: input.name,
        code: input.code,
        members: input.members,
        cadence: input.cadence ?? null,
        actionLogPlan: input.actionLogPlan,
        firstMinuteNumber: input.firstMinuteNumber ?? 1,
      },
      contextOf(request, 'EstablishBoard', this.engine),
      { streamId: boardStream(id), ...boardOptions },
    );
    await awaitProjections(this.engine, outcome.position);
    return { id, version: outcome.version };
  }
}

@CommandHandler(ChangeBoard)
export class ChangeBoardHandler implements ICommandHandler<ChangeBoard, RecordWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, change, expectedVersion, request }: ChangeBoard): Promise<RecordWritten> {
    const outcome = await handleCommand(
      this.engine.store,
      boardDecider,
      change,
      contextOf(request, change.type, this.engine),
      { streamId: boardStream(boardId), expectedVersion, ...boardOptions },
    );
    await awaitProjections(this.engine, outcome.position);
    return { id: boardId, version: outcome.version };
  }
}

@CommandHandler(ScheduleMeeting)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeeting, RecordWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, input, request }: ScheduleMeeting): Promise<RecordWritten> {
    const board = await visibleBoard(this.engine, boardId, request);
    const id = newRecordId('meeting', board.bodyId, request.actor.user, request.idempotencyKey);
    const outcome = await handleCommand(
      this.engine.store,
      meetingDecider,
      { type: 'ScheduleMeeting', bodyId: board.bodyId, boardId, ...input },
      contextOf(request, 'ScheduleMeeting', this.engine),
      { streamId: meetingStream(id), ...meetingOptions },
    );
    await awaitProjections(this.engine, outcome.position);
    return { id, version: outcome.version };
  }
}

@CommandHandler(ChangeMeeting)
export class ChangeMeetingHandler implements ICommandHandler<ChangeMeeting, RecordWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({
    boardId,
    meetingId,
    change,
    expectedVersion,
    request,
  }: ChangeMeeting): Promise<RecordWritten> {
    const board = await visibleBoard(this.engine, boardId, request);
    const context = contextOf(request, change.type, this.engine);
    const outcome = await handleCommand(
      this.engine.store,
      meetingDecider,
      async (meeting: Meeting) => {
        // A meeting of another board answers as one that does not exist.
        if (meeting.stage !== 'none' && meeting.boardId !== boardId)
          throw new DomainError('NOT_FOUND', 'No such record.', 'not_found');
        return this.complete(change, board.board, board.bodyId, meeting, meetingId);
      },
      context,
      { streamId: meetingStream(meetingId), expectedVersion, ...meetingOptions },
    );
    if (change.type === 'HoldMeeting') {
      return numberMinutesNow(this.engine, meetingId, outcome.state, board.board.firstMinuteNumber, context);
    }
    let reached: LogPosition | null = outcome.position;
    if (change.type === 'RecordOutcome' && reached) {
      // Outcomes drive other records: do it now so the caller sees them; the background process
      // does the same from the log after a crash, finding them done.
      const written = await this.engine.store.readStream(meetingStream(meetingId), {
        fromRevision: expectedVersion,
      });
      for (const event of written) {
        const position = await this.engine.boardOutcomes.handle(event);
        if (position && comparePositions(position, reached) > 0) reached = position;
      }
    }
    await awaitProjections(this.engine, reached);
    return { id: meetingId, version: outcome.version };
  }

  private async complete(
    change: MeetingChange,
    board: Board,
    bodyId: string,
    meeting: Meeting,
    meetingId: string,
  ): Promise<MeetingCommand> {
    switch (change.type) {
      case 'AddAgendaItem':
        await this.checkLinks(bodyId, change.linkedActionIds, change.linkedDecisionIds);
        if (
          change.assuranceMatterId &&
          !board.assuranceMatters.some((m) => m.matterId === change.assuranceMatterId)
        )
          throw new DomainError(
            'MATTER_NOT_FOUND',
            `assuranceMatterId ${change.assuranceMatterId} is not on the board's schedule of assurance`,
            'invalid',
            'assuranceMatterId',
          );
        return change;
      case 'RecordOutcome':
        if (change.outcome.kind === 'deferred' && change.outcome.toMeetingId) {
          const to = await findMeeting(this.engine.db, change.outcome.toMeetingId, [bodyId]);
          if (!to || to.meeting.boardId !== meeting.boardId || to.meeting.date <= meeting.date)
            throw new DomainError(
              'NOT_A_LATER_MEETING',
              'outcome.toMeetingId must be a later meeting of the same board',
              'invalid',
              'outcome.toMeetingId',
            );
        }
        return { ...change, board: { code: board.code, actionLogPlan: board.actionLogPlan } };
      case 'ApproveMinutes': {
        const at = await findMeeting(this.engine.db, change.approvedAtMeetingId, [bodyId]);
        if (!at || at.id === meetingId)
          throw new DomainError(
            'MEETING_NOT_FOUND',
            `meeting ${change.approvedAtMeetingId} not found`,
            'invalid',
            'approvedAtMeetingId',
          );
        return {
          type: 'ApproveMinutes',
          approvingMeeting: {
            meetingId: at.id,
            boardId: at.meeting.boardId,
            date: at.meeting.date,
            minuteNumbers: minuteNumbersOf(at.meeting),
          },
          minuteNumber: change.minuteNumber,
          approvedOn: change.approvedOn,
        };
      }
      default:
        return change;
    }
  }

  /** Linked actions and decisions must exist in the same body. */
  private async checkLinks(bodyId: string, actionIds: readonly string[], decisionIds: readonly string[]) {
    for (const [i, id] of actionIds.entries()) {
      if (!(await findAction(this.engine.db, id, [bodyId])))
        throw new DomainError(
          'ACTION_NOT_FOUND',
          `linkedActionIds[${i}]: no action ${id}`,
          'invalid',
          `linkedActionIds[${i}]`,
        );
    }
    for (const [i, id] of decisionIds.entries()) {
      if (!(await findDecision(this.engine.db, id, [bodyId])))
        throw new DomainError(
          'DECISION_NOT_FOUND',
          `linkedDecisionIds[${i}]: no decision ${id}`,
          'invalid',
          `linkedDecisionIds[${i}]`,
        );
    }
  }
}

/** Numbers a held meeting's minutes at once, so the answer shows them (the process would too). */
async function numberMinutesNow(
  engine: Engine,
  meetingId: string,
  meeting: Meeting,
  firstMinuteNumber: number,
  context: CommandContext,
): Promise<RecordWritten> {
  const outcome = await numberMinutes(engine, meetingId, meeting, firstMinuteNumber, context);
  await awaitProjections(engine, outcome.position);
  return { id: meetingId, version: outcome.version };
}
