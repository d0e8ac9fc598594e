import { SqlQueryable } from '#database/sql-database';
import { BoardDocument } from '#domain/board/board.document';
import { MeetingDocument } from '#domain/meeting/meeting.document';
import { IsoDate } from '#domain/shared/event';
import { RagStatus } from '#domain/action/rag-status';
import { isUuid } from '#domain/shared/uuid-text';
import { SqlConditions } from '../sql-conditions';

export interface StoredBoard {
  readonly id: string;
  readonly bodyId: string;
  readonly version: number;
  readonly board: BoardDocument;
}

export interface StoredMeeting {
  readonly id: string;
  readonly bodyId: string;
  readonly version: number;
  readonly meeting: MeetingDocument;
}

export async function findBoard(
  db: SqlQueryable,
  boardId: string,
  bodyIds: readonly string[],
): Promise<StoredBoard | null> {
  if (!isUuid(boardId)) return null;
  const [row] = await db.query<{ board_id: string; body_id: string; version: number; state: BoardDocument }>(
    'SELECT board_id, body_id, version, state FROM boards WHERE board_id = $1 AND body_id = ANY($2::text[])',
    [boardId, bodyIds],
  );
  return row ? { id: row.board_id, bodyId: row.body_id, version: row.version, board: row.state } : null;
}

export async function listBoards(db: SqlQueryable, bodyIds: readonly string[]): Promise<StoredBoard[]> {
  const rows = await db.query<{ board_id: string; body_id: string; version: number; state: BoardDocument }>(
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
  state: MeetingDocument;
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
  const where = new SqlConditions([boardId], ['board_id = $1'])
    .add('date >= $::date', window.from)
    .add('date <= $::date', window.to);
  const rows = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings WHERE ${where.where} ORDER BY date, meeting_id`,
    where.params,
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

/** One declaration of interest, as the register of interests lists it. */
export interface DeclarationEntry {
  readonly meetingId: string;
  readonly boardId: string;
  readonly boardName: string;
  readonly date: IsoDate;
  readonly member: string;
  readonly memberPersonId: string | null;
  /** The agenda item it was declared against; null for a declaration on the meeting as a whole. */
  readonly item: {
    readonly itemId: string;
    readonly title: string;
    readonly minuteNumber: number | null;
  } | null;
  readonly nature: string;
}

export interface DeclarationFilter {
  readonly boardId?: string;
  readonly personId?: string;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly limit: number;
  readonly offset: number;
}

/** The register of interests: declarations at the bodies' meetings, latest first, a page at a time. */
export async function declarationsOf(
  db: SqlQueryable,
  bodyIds: readonly string[],
  filter: DeclarationFilter,
): Promise<{ entries: DeclarationEntry[]; total: number }> {
  const where = new SqlConditions(
    [bodyIds],
    ['m.body_id = ANY($1::text[])', "m.stage <> 'cancelled'", "NOT d.value ? 'withdrawn'"],
  )
    // A board named by something not an id is no filter, as before.
    .add('m.board_id = $::uuid', filter.boardId && isUuid(filter.boardId) ? filter.boardId : undefined)
    .add("d.value->>'memberPersonId' = $::text", filter.personId)
    .add('m.date >= $::date', filter.from)
    .add('m.date <= $::date', filter.to);
  const rows = await db.query<{
    meeting_id: string;
    board_id: string;
    board_name: string;
    date: IsoDate;
    declaration: { member: string; memberPersonId?: string | null; itemId: string | null; nature: string };
    item: { itemId: string; title: string; minuteNumber: number | null } | null;
    total: number;
  }>(
    `SELECT m.meeting_id, m.board_id, b.name AS board_name, to_char(m.date, 'YYYY-MM-DD') AS date,
            d.value AS declaration,
            (SELECT jsonb_build_object('itemId', i->>'itemId', 'title', i->>'title',
                                       'minuteNumber', (i->>'minuteNumber')::integer)
               FROM jsonb_array_elements(m.state->'items') AS i
              WHERE i->>'itemId' = d.value->>'itemId') AS item,
            count(*) OVER ()::integer AS total
       FROM meetings m JOIN boards b ON b.board_id = m.board_id
      CROSS JOIN LATERAL jsonb_array_elements(m.state->'declarations') WITH ORDINALITY AS d(value, n)
      WHERE ${where.where}
      ORDER BY m.date DESC, b.name, m.meeting_id, d.n
      LIMIT ${where.param(filter.limit)} OFFSET ${where.param(filter.offset)}`,
    where.params,
  );
  return {
    total: rows[0]?.total ?? 0,
    entries: rows.map((row) => ({
      meetingId: row.meeting_id,
      boardId: row.board_id,
      boardName: row.board_name,
      date: row.date,
      member: row.declaration.member,
      memberPersonId: row.declaration.memberPersonId ?? null,
      item: row.item,
      nature: row.declaration.nature,
    })),
  };
}

/** A body's meetings of every board within dates, in date order, each with its board's name. */
export async function meetingsOfBody(
  db: SqlQueryable,
  bodyId: string,
  window: { from: IsoDate; to: IsoDate; boardId?: string; limit?: number },
): Promise<(StoredMeeting & { boardName: string })[]> {
  const where = new SqlConditions(
    [bodyId, window.from, window.to],
    ['m.body_id = $1', 'm.date BETWEEN $2::date AND $3::date'],
  ).add('m.board_id = $::uuid', window.boardId);
  const rows = await db.query<MeetingRow & { board_name: string }>(
    `SELECT ${MEETING_COLUMNS.replace(/(\w+)/g, 'm.$1')}, b.name AS board_name
       FROM meetings m JOIN boards b ON b.board_id = m.board_id
      WHERE ${where.where}
      ORDER BY m.date, m.state->>'time' NULLS FIRST, m.meeting_id
      LIMIT ${where.param(window.limit ?? 1000)}`,
    where.params,
  );
  return rows.map((row) => ({ ...toStoredMeeting(row), boardName: row.board_name }));
}
