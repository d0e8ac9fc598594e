import { SqlQueryable } from '#database/sql-database';
import { Board } from '#domain/board/board.state';
import { Meeting } from '#domain/meeting/meeting.state';
import { IsoDate } from '#domain/shared/event';
import { RagStatus } from '#domain/action/rag-status';
import { isUuid } from '../uuid-text';

export interface StoredBoard {
  readonly id: string;
  readonly bodyId: string;
  readonly version: number;
  readonly board: Board;
}

export interface StoredMeeting {
  readonly id: string;
  readonly bodyId: string;
  readonly version: number;
  readonly meeting: Meeting;
}

export async function findBoard(
  db: SqlQueryable,
  boardId: string,
  bodyIds: readonly string[],
): Promise<StoredBoard | null> {
  if (!isUuid(boardId)) return null;
  const [row] = await db.query<{ board_id: string; body_id: string; version: number; state: Board }>(
    'SELECT board_id, body_id, version, state FROM boards WHERE board_id = $1 AND body_id = ANY($2::text[])',
    [boardId, bodyIds],
  );
  return row ? { id: row.board_id, bodyId: row.body_id, version: row.version, board: row.state } : null;
}

export async function listBoards(db: SqlQueryable, bodyIds: readonly string[]): Promise<StoredBoard[]> {
  const rows = await db.query<{ board_id: string; body_id: string; version: number; state: Board }>(
    'SELECT board_id, body_id, version, state FROM boards WHERE body_id = ANY($1::text[]) ORDER BY body_id, name',
    [bodyIds],
  );
  return rows.map((row) => ({
    id: row.board_id,
    bodyId: row.body_id,
    version: row.version,
    board: row.state,
  }));
}

interface MeetingRow {
  meeting_id: string;
  body_id: string;
  version: number;
  state: Meeting;
}
const MEETING_COLUMNS = 'meeting_id, body_id, version, state';
const toStoredMeeting = (row: MeetingRow): StoredMeeting => ({
  id: row.meeting_id,
  bodyId: row.body_id,
  version: row.version,
  meeting: row.state,
});

export async function findMeeting(
  db: SqlQueryable,
  meetingId: string,
  bodyIds: readonly string[],
): Promise<StoredMeeting | null> {
  if (!isUuid(meetingId)) return null;
  const [row] = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings WHERE meeting_id = $1 AND body_id = ANY($2::text[])`,
    [meetingId, bodyIds],
  );
  return row ? toStoredMeeting(row) : null;
}

/** A board's meetings in date order, optionally within dates. */
export async function meetingsOf(
  db: SqlQueryable,
  boardId: string,
  window: { from?: IsoDate; to?: IsoDate } = {},
): Promise<StoredMeeting[]> {
  const rows = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings
      WHERE board_id = $1 AND ($2::date IS NULL OR date >= $2::date) AND ($3::date IS NULL OR date <= $3::date)
      ORDER BY date, meeting_id`,
    [boardId, window.from ?? null, window.to ?? null],
  );
  return rows.map(toStoredMeeting);
}

/** The board's first meeting after a date that is not cancelled: "the next meeting". */
export async function nextMeetingAfter(
  db: SqlQueryable,
  boardId: string,
  date: IsoDate,
): Promise<StoredMeeting | null> {
  const [row] = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings
      WHERE board_id = $1 AND date > $2::date AND stage <> 'cancelled'
      ORDER BY date, meeting_id LIMIT 1`,
    [boardId, date],
  );
  return row ? toStoredMeeting(row) : null;
}

export interface BoardActionLogEntry {
  readonly actionId: string;
  readonly ref: string;
  readonly title: string | null;
  readonly leadOfficers: string[];
  readonly status: RagStatus | null;
  readonly lifecycle: string | null;
  readonly dueDate: { written: string; date: string | null } | null;
  readonly lastUpdate: { note: string; on: string } | null;
  readonly raisedAt: { meetingId: string; date: IsoDate; minuteNumber: number; part: string | null };
}

/** Every action the board raised, oldest first, with where it stands in the register now. */
export async function boardActionLog(db: SqlQueryable, boardId: string): Promise<BoardActionLogEntry[]> {
  const rows = await db.query<{
    action_id: string;
    ref: string;
    title: string | null;
    lead_officers: string[] | null;
    status: RagStatus | null;
    lifecycle: string | null;
    due_written: string | null;
    due_date: string | null;
    last_progress_note: string | null;
    last_progress_on: string | null;
    meeting_id: string;
    meeting_date: string;
    minute_number: number;
    part: string | null;
  }>(
    `SELECT b.action_id, b.ref, a.title, a.lead_officers, a.status, a.lifecycle, a.due_written, a.due_date,
            a.last_progress_note, a.last_progress_on, b.meeting_id, b.meeting_date, b.minute_number, b.part
       FROM board_actions b LEFT JOIN action_register a ON a.action_id = b.action_id
      WHERE b.board_id = $1
      ORDER BY b.meeting_date, b.minute_number, b.ref`,
    [boardId],
  );
  return rows.map((row) => ({
    actionId: row.action_id,
    ref: row.ref,
    title: row.title,
    leadOfficers: row.lead_officers ?? [],
    status: row.status,
    lifecycle: row.lifecycle,
    dueDate: row.due_written === null ? null : { written: row.due_written, date: row.due_date },
    lastUpdate:
      row.last_progress_note === null || row.last_progress_on === null
        ? null
        : { note: row.last_progress_note, on: row.last_progress_on },
    raisedAt: {
      meetingId: row.meeting_id,
      date: row.meeting_date,
      minuteNumber: row.minute_number,
      part: row.part,
    },
  }));
}
