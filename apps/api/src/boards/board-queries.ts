import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Board } from '#domain/board/board.state';
import { AssuranceCheck, scheduleOfAssurance } from '#domain/board/schedule-of-assurance';
import { decisionStatusOf, DecisionStatus } from '#domain/decision/decision-status';
import { Meeting } from '#domain/meeting/meeting.state';
import { bodyCalendar } from '#application/changes/body-today';
import { ActionView, findAction } from '#projections/action-register/action-register.queries';
import {
  boardActionLog,
  BoardActionLogEntry,
  findBoard,
  findMeeting,
  listBoards,
  meetingsOf,
  StoredBoard,
  StoredMeeting,
} from '#projections/boards/boards.queries';
import { findDecision } from '#projections/decisions/decisions.queries';
import { RagHistoryEntry, ragHistoryOf } from '#projections/rag-history/rag-history.queries';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';

type Bodies = readonly string[] | 'all';

export type BoardView = Omit<Board, 'exists' | 'bodyId'> & { id: string; bodyId: string; version: number };
export type MeetingView = Omit<Meeting, 'bodyId'> & { id: string; bodyId: string; version: number };

const boardView = (stored: StoredBoard): BoardView => {
  const { exists: _exists, bodyId: _bodyId, ...board } = stored.board;
  return { id: stored.id, bodyId: stored.bodyId, version: stored.version, ...board };
};
export const meetingView = (stored: StoredMeeting): MeetingView => {
  const { bodyId: _bodyId, ...meeting } = stored.meeting;
  return { id: stored.id, bodyId: stored.bodyId, version: stored.version, ...meeting };
};

/** The board, or 404 when the reader's bodies do not hold it. */
export async function boardFor(engine: Engine, boardId: string, bodies: Bodies): Promise<StoredBoard> {
  const board = await findBoard(engine.db, boardId, await bodyIdsOf(engine.db, bodies));
  if (!board) throw new NotFoundException(`board ${boardId} not found`);
  return board;
}

/** The meeting, or 404 when it is not one of this board's meetings in the reader's bodies. */
export async function meetingFor(engine: Engine, boardId: string, meetingId: string, bodies: Bodies) {
  const board = await boardFor(engine, boardId, bodies);
  const meeting = await findMeeting(engine.db, meetingId, [board.bodyId]);
  if (!meeting || meeting.meeting.boardId !== boardId)
    throw new NotFoundException(`meeting ${meetingId} not found`);
  return { board, meeting };
}

export class ListBoards {
  constructor(readonly bodies: Bodies) {}
}
export class GetBoard {
  constructor(
    readonly boardId: string,
    readonly bodies: Bodies,
  ) {}
}
export class GetScheduleOfAssurance extends GetBoard {}
export class GetBoardActionLog extends GetBoard {}
export class ListMeetings {
  constructor(
    readonly boardId: string,
    readonly bodies: Bodies,
    readonly window: { from?: string; to?: string },
  ) {}
}
export class GetMeetingPack {
  constructor(
    readonly boardId: string,
    readonly meetingId: string,
    readonly bodies: Bodies,
  ) {}
}

@QueryHandler(ListBoards)
export class ListBoardsHandler implements IQueryHandler<ListBoards, BoardView[]> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ bodies }: ListBoards): Promise<BoardView[]> {
    return (await listBoards(this.engine.db, await bodyIdsOf(this.engine.db, bodies))).map(boardView);
  }
}

@QueryHandler(GetBoard)
export class GetBoardHandler implements IQueryHandler<GetBoard, BoardView> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies }: GetBoard): Promise<BoardView> {
    return boardView(await boardFor(this.engine, boardId, bodies));
  }
}

@QueryHandler(GetScheduleOfAssurance)
export class GetScheduleOfAssuranceHandler implements IQueryHandler<
  GetScheduleOfAssurance,
  AssuranceCheck[]
> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies }: GetScheduleOfAssurance): Promise<AssuranceCheck[]> {
    const board = await boardFor(this.engine, boardId, bodies);
    const meetings = await meetingsOf(this.engine.db, boardId);
    return scheduleOfAssurance(
      board.board.assuranceMatters,
      meetings.map((m) => ({ id: m.id, meeting: m.meeting })),
      await bodyCalendar(this.engine.db, board.bodyId, this.engine.clock()).today(),
    );
  }
}

@QueryHandler(GetBoardActionLog)
export class GetBoardActionLogHandler implements IQueryHandler<GetBoardActionLog, BoardActionLogEntry[]> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies }: GetBoardActionLog): Promise<BoardActionLogEntry[]> {
    await boardFor(this.engine, boardId, bodies);
    return boardActionLog(this.engine.db, boardId);
  }
}

@QueryHandler(ListMeetings)
export class ListMeetingsHandler implements IQueryHandler<ListMeetings, MeetingView[]> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies, window }: ListMeetings): Promise<MeetingView[]> {
    await boardFor(this.engine, boardId, bodies);
    return (await meetingsOf(this.engine.db, boardId, window)).map(meetingView);
  }
}

export interface MeetingPack {
  readonly meeting: MeetingView;
  /** Updates shown are those recorded after this date: the board's previous meeting. */
  readonly since: string | null;
  readonly items: {
    readonly itemId: string;
    readonly title: string;
    readonly reportAuthor: string | null;
    readonly questions: readonly string[];
    readonly responseForm: string | null;
    readonly actions: { readonly action: ActionView; readonly updates: RagHistoryEntry[] }[];
    readonly decisions: { readonly id: string; readonly subject: string; readonly status: DecisionStatus }[];
  }[];
  readonly assurance: AssuranceCheck[];
}

/**
 * The meeting pack: each agenda item with its report's author, the questions put, its linked
 * actions with their updates since the board's previous meeting, its linked decisions, and the
 * assurance matters due (the API's and the web page's one reading of it).
 */
export async function meetingPackOf(
  engine: Engine,
  boardId: string,
  meetingId: string,
  bodies: Bodies,
): Promise<MeetingPack> {
  const { board, meeting } = await meetingFor(engine, boardId, meetingId, bodies);
  const meetings = await meetingsOf(engine.db, boardId);
  const previous = meetings
    .filter((m) => m.meeting.stage === 'held' && m.meeting.date < meeting.meeting.date)
    .at(-1);
  const since = previous?.meeting.date ?? null;
  const today = await bodyCalendar(engine.db, board.bodyId, engine.clock()).today();
  const items = [];
  for (const item of meeting.meeting.items.filter((i) => !i.withdrawn)) {
    const actions = [];
    for (const actionId of item.linkedActionIds) {
      const action = await findAction(engine.db, actionId, [board.bodyId]);
      if (!action) continue;
      const history = await ragHistoryOf(engine.db, actionId);
      actions.push({
        action,
        updates: history.filter((e) => since === null || e.recordedAt.slice(0, 10) > since),
      });
    }
    const decisions = [];
    for (const decisionId of item.linkedDecisionIds) {
      const decision = await findDecision(engine.db, decisionId, [board.bodyId]);
      if (decision)
        decisions.push({
          id: decision.id,
          subject: decision.decision.subject,
          status: decisionStatusOf(decision.decision, today),
        });
    }
    items.push({
      itemId: item.itemId,
      title: item.title,
      reportAuthor: item.reportAuthor,
      questions: item.questions,
      responseForm: item.responseForm,
      actions,
      decisions,
    });
  }
  const assurance = scheduleOfAssurance(
    board.board.assuranceMatters,
    meetings.map((m) => ({ id: m.id, meeting: m.meeting })),
    meeting.meeting.date,
  ).filter((check) => check.status !== 'not due');
  return { meeting: meetingView(meeting), since, items, assurance };
}

@QueryHandler(GetMeetingPack)
export class GetMeetingPackHandler implements IQueryHandler<GetMeetingPack, MeetingPack> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  execute({ boardId, meetingId, bodies }: GetMeetingPack): Promise<MeetingPack> {
    return meetingPackOf(this.engine, boardId, meetingId, bodies);
  }
}
