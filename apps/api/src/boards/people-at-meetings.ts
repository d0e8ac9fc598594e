import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AttendanceRecord, attendanceRecord } from '#domain/board/attendance-record';
import { declarationsOf, DeclarationEntry } from '#projections/boards/boards.queries';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { ReadTime } from '../http/time-travel.dto';
import { boardFor, meetingsThen } from './board-queries';

type Bodies = readonly string[] | 'all';
interface Window {
  readonly from?: string;
  readonly to?: string;
}

/** Who attended a board's meetings between two dates (all of them when none are given). */
export class GetBoardAttendance {
  constructor(
    readonly boardId: string,
    readonly bodies: Bodies,
    readonly window: Window,
    readonly time: ReadTime = {},
  ) {}
}

export type BoardAttendance = AttendanceRecord & {
  readonly board: { readonly id: string; readonly name: string };
  readonly from: string | null;
  readonly to: string | null;
};

@QueryHandler(GetBoardAttendance)
export class GetBoardAttendanceHandler implements IQueryHandler<GetBoardAttendance, BoardAttendance> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ boardId, bodies, window, time }: GetBoardAttendance): Promise<BoardAttendance> {
    const board = await boardFor(this.engine, boardId, bodies, time);
    const meetings = await meetingsThen(this.engine, boardId, time, window);
    return {
      board: { id: board.id, name: board.board.name },
      from: window.from ?? null,
      to: window.to ?? null,
      ...attendanceRecord(
        board.board.members,
        meetings.map((stored) => stored.meeting),
      ),
    };
  }
}

/** The register of interests: declarations made at the bodies' meetings. */
export class ListDeclarations {
  constructor(
    readonly bodies: Bodies,
    readonly filter: Window & { boardId?: string; personId?: string; page: number; pageSize: number },
  ) {}
}

export interface DeclarationsPage {
  readonly items: DeclarationEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

@QueryHandler(ListDeclarations)
export class ListDeclarationsHandler implements IQueryHandler<ListDeclarations, DeclarationsPage> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ bodies, filter }: ListDeclarations): Promise<DeclarationsPage> {
    const { page, pageSize, ...wanted } = filter;
    const { entries, total } = await declarationsOf(this.engine.db, await bodyIdsOf(this.engine.db, bodies), {
      ...wanted,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: entries, total, page, pageSize };
  }
}
