import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BoardDocument } from '#domain/board/board.document';
import { AssuranceCheck, scheduleOfAssurance } from '#domain/board/schedule-of-assurance';
import { decisionStatusOf, DecisionStatus } from '#domain/decision/decision-status';
import { decisionOnDay } from '#domain/decision/decision-on-day';
import { meetingOnDay } from '#domain/meeting/meeting-on-day';
import { MeetingDocument } from '#domain/meeting/meeting.document';
import { IsoDate } from '#domain/shared/event';
import { bodyCalendar } from '#application/changes/body-today';
import { ActionView, findAction } from '#projections/action-register/action-register.queries';
import { actionsOnDay, standingOnDay } from '#projections/action-register/actions-on-day';
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
import { ReadTime, whenAsked } from '../http/time-travel.dto';

type Bodies = readonly string[] | 'all';

/** A board as the API shows it: its read model's document, with its id, body and version. */
export type BoardView = BoardDocument & { id: string; bodyId: string; version: number };
/** A meeting as the API shows it: its read model's document, with its id, body and version. */
export type MeetingView = MeetingDocument & { id: string; bodyId: string; version: number };

const boardView = (stored: StoredBoard): BoardView => ({
  id: stored.id,
  bodyId: stored.bodyId,
  version: stored.version,
  ...stored.board,
});
export const meetingView = (stored: StoredMeeting): MeetingView => ({
  id: stored.id,
  bodyId: stored.bodyId,
  version: stored.version,
  ...stored.meeting,
});

/** The board (as known at `time.knownAt`), or 404 when the reader's bodies do not hold it. */
export async function boardFor(
  engine: Engine,
  boardId: string,
  bodies: Bodies,
  time: ReadTime = {},
): Promise<StoredBoard> {
  const db = await engine.knownAt.at(time.knownAt);
  const board = await findBoard(db, boardId, await bodyIdsOf(engine.db, bodies));
  if (!board)
    throw new NotFoundException(`board ${boardId} not found${whenAsked({ knownAt: time.knownAt })}`);
  return board;
}

/**
 * The meeting as it stood then (known at `time.knownAt`, on `time.asOf`'s day), or 404 when it is
 * not one of this board's meetings in the reader's bodies.
 */
export async function meetingFor(
  engine: Engine,
  boardId: string,
  meetingId: string,
  bodies: Bodies,
  time: ReadTime = {},
) {
  const board = await boardFor(engine, boardId, bodies, time);
  const meeting = await findMeeting(await engine.knownAt.at(time.knownAt), meetingId, [board.bodyId]);
  if (!meeting || meeting.meeting.boardId !== boardId)
    throw new NotFoundException(`meeting ${meetingId} not found${whenAsked({ knownAt: time.knownAt })}`);
  return { board, meeting: onDay(meeting, time.asOf) };
}

/** The stored meeting as it stood at the end of `day`; itself without one. */
const onDay = (stored: StoredMeeting, day: IsoDate | undefined): StoredMeeting =>
  day ? { ...stored, meeting: meetingOnDay(stored.meeting, day) } : stored;

/** The board's meetings as they stood then. */
export async function meetingsThen(
  engine: Engine,
  boardId: string,
  time: ReadTime,
  window?: { from?: string; to?: string },
) {
  const meetings = await meetingsOf(await engine.knownAt.at(time.knownAt), boardId, window);
  return meetings.map((meeting) => onDay(meeting, time.asOf));
}

/** The day things are read on: `asOf`, or today on the board's body's calendar. */
const dayOf = async (engine: Engine, bodyId: string, time: ReadTime) =>
  time.asOf ?? (await bodyCalendar(engine.db, bodyId, engine.clock()).today());

export class ListBoards {
  constructor(
    readonly bodies: Bodies,
    readonly time: ReadTime = {},
  ) {}
}
export class GetBoard {
  constructor(
    readonly boardId: string,
    readonly bodies: Bodies,
    readonly time: ReadTime = {},
  ) {}
}
export class GetScheduleOfAssurance extends GetBoard {}
export class GetBoardActionLog extends GetBoard {}
export class ListMeetings {
  constructor(
    readonly boardId: string,
    readonly bodies: Bodies,
    readonly window: { from?: string; to?: string },
    readonly time: ReadTime = {},
  ) {}
}
export class GetMeetingPack {
  constructor(
    readonly boardId: string,
    readonly meetingId: string,
    readonly bodies: Bodies,
    readonly time: ReadTime = {},
  ) {}
}

@QueryHandler(ListBoards)
export class ListBoardsHandler implements IQueryHandler<ListBoards, BoardView[]> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ bodies, time }: ListBoards): Promise<BoardView[]> {
    const db = await this.engine.knownAt.at(time.knownAt);
    return (await listBoards(db, await bodyIdsOf(this.engine.db, bodies))).map(boardView);
  }
}

@QueryHandler(GetBoard)
export class GetBoardHandler implements IQueryHandler<GetBoard, BoardView> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies, time }: GetBoard): Promise<BoardView> {
    return boardView(await boardFor(this.engine, boardId, bodies, time));
  }
}

@QueryHandler(GetScheduleOfAssurance)
export class GetScheduleOfAssuranceHandler implements IQueryHandler<
  GetScheduleOfAssurance,
  AssuranceCheck[]
> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies, time }: GetScheduleOfAssurance): Promise<AssuranceCheck[]> {
    const board = await boardFor(this.engine, boardId, bodies, time);
    const meetings = await meetingsThen(this.engine, boardId, time);
    return scheduleOfAssurance(
      board.board.assuranceMatters,
      meetings.map((m) => ({ id: m.id, meeting: m.meeting })),
      await dayOf(this.engine, board.bodyId, time),
    );
  }
}

@QueryHandler(GetBoardActionLog)
export class GetBoardActionLogHandler implements IQueryHandler<GetBoardActionLog, BoardActionLogEntry[]> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  /** As of a day, the actions raised by then, each with its standing then. */
  async execute({ boardId, bodies, time }: GetBoardActionLog): Promise<BoardActionLogEntry[]> {
    const board = await boardFor(this.engine, boardId, bodies, time);
    const db = await this.engine.knownAt.at(time.knownAt);
    const log = await boardActionLog(db, boardId);
    if (!time.asOf) return log;
    const raised = log.filter((entry) => entry.raisedAt.date <= time.asOf!);
    const standing = await standingOnDay(
      db,
      raised.map((entry) => ({ id: entry.actionId, bodyId: board.bodyId })),
      time.asOf,
    );
    return raised.map((entry) => {
      const then = standing.get(entry.actionId)!;
      const update = then.lastProgress && { note: then.lastProgress.note, on: then.lastProgress.reportedOn };
      return { ...entry, status: then.status, lifecycle: then.lifecycle, lastUpdate: update };
    });
  }
}

@QueryHandler(ListMeetings)
export class ListMeetingsHandler implements IQueryHandler<ListMeetings, MeetingView[]> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies, window, time }: ListMeetings): Promise<MeetingView[]> {
    await boardFor(this.engine, boardId, bodies, time);
    return (await meetingsThen(this.engine, boardId, time, window)).map(meetingView);
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
  time: ReadTime = {},
): Promise<MeetingPack> {
  const { board, meeting } = await meetingFor(engine, boardId, meetingId, bodies, time);
  const db = await engine.knownAt.at(time.knownAt);
  const meetings = await meetingsThen(engine, boardId, time);
  const previous = meetings
    .filter((m) => m.meeting.stage === 'held' && m.meeting.date < meeting.meeting.date)
    .at(-1);
  const since = previous?.meeting.date ?? null;
  const today = await dayOf(engine, board.bodyId, time);
  const items = [];
  for (const item of meeting.meeting.items.filter((i) => !i.withdrawn)) {
    const actions = [];
    for (const actionId of item.linkedActionIds) {
      const found = await findAction(db, actionId, [board.bodyId]);
      const [action] = found && time.asOf ? await actionsOnDay(db, [found], time.asOf) : [found];
      if (!action) continue;
      const history = await ragHistoryOf(db, actionId);
      actions.push({
        action,
        updates: history.filter(
          (e) =>
            (since === null || e.recordedAt.slice(0, 10) > since) &&
            (!time.asOf || e.effectiveOn <= time.asOf),
        ),
      });
    }
    const decisions = [];
    for (const decisionId of item.linkedDecisionIds) {
      const decision = await findDecision(db, decisionId, [board.bodyId]);
      if (decision)
        decisions.push({
          id: decision.id,
          subject: decision.decision.subject,
          status: decisionStatusOf(
            time.asOf ? decisionOnDay(decision.decision, time.asOf) : decision.decision,
            today,
          ),
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

  execute({ boardId, meetingId, bodies, time }: GetMeetingPack): Promise<MeetingPack> {
    return meetingPackOf(this.engine, boardId, meetingId, bodies, time);
  }
}
