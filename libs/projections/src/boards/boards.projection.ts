import { actionIdFor } from '../../../domain/src/action/action-ids';
import { Migration } from '../../../database/src/migrations';
import { SqlQueryable } from '../../../database/src/sql-database';
import { BOARD_EVENT_TYPES, BoardEvent } from '../../../domain/src/board/board.events';
import { evolveBoard } from '../../../domain/src/board/board.decider';
import { initialBoard } from '../../../domain/src/board/board.state';
import { evolveMeeting } from '../../../domain/src/meeting/meeting.decider';
import { initialMeeting } from '../../../domain/src/meeting/meeting.state';
import { MEETING_EVENT_TYPES, MeetingEvent } from '../../../domain/src/meeting/meeting.events';
import { StoredDomainEvent } from '../../../domain/src/shared/event';
import { RecordedEvent } from '../../../event-store/src/port';
import { entityOfStream, Projection } from '../projection';

const migrations: Migration[] = [
  {
    id: '0109_boards_and_meetings',
    sql: `
      CREATE TABLE boards (
        board_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        name text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX boards_by_body ON boards (body_id, name);

      CREATE TABLE meetings (
        meeting_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        board_id uuid NOT NULL,
        date date NOT NULL,
        stage text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX meetings_by_board ON meetings (board_id, date, meeting_id);

      -- Which meeting raised which action: the board's action log joins it to the register.
      CREATE TABLE board_actions (
        action_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        board_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        meeting_date date NOT NULL,
        minute_number integer NOT NULL,
        part text,
        ref text NOT NULL,
        raised_by_event_id uuid NOT NULL
      );
      CREATE INDEX board_actions_by_board ON board_actions (board_id, meeting_date, ref);
    `,
  },
];

/** The record's state after this event, or null when the event is already applied. */
async function folded<State>(
  tx: SqlQueryable,
  table: 'boards' | 'meetings',
  id: string,
  version: number,
  initial: () => State,
  evolve: (state: State) => State,
): Promise<State | null> {
  const key = table === 'boards' ? 'board_id' : 'meeting_id';
  const [row] = await tx.query<{ state: State; version: number }>(
    `SELECT state, version FROM ${table} WHERE ${key} = $1`,
    [id],
  );
  if (row && row.version >= version) return null;
  return evolve(row?.state ?? initial());
}

/** Boards and their meetings, folded with the domain's own `evolve`, and the actions boards raised. */
export const boardsProjection: Projection = {
  name: 'boards',
  migrations,
  handles: [...BOARD_EVENT_TYPES, ...MEETING_EVENT_TYPES],

  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const { entityType, entityId } = entityOfStream(recorded.streamId);
    const version = recorded.revision + 1;
    const at = recorded.metadata.recordedAt;
    if (entityType === 'board') {
      const board = await folded(tx, 'boards', entityId, version, initialBoard, (state) =>
        evolveBoard(state, recorded as unknown as StoredDomainEvent<BoardEvent>),
      );
      if (!board) return;
      await tx.query(
        `INSERT INTO boards (board_id, body_id, name, state, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (board_id) DO UPDATE SET name = $3, state = $4, version = $5, updated_at = $6`,
        [entityId, recorded.metadata.bodyId, board.name, JSON.stringify(board), version, at],
      );
      return;
    }
    if (entityType !== 'meeting') return;
    const event = recorded as unknown as StoredDomainEvent<MeetingEvent>;
    const meeting = await folded(tx, 'meetings', entityId, version, initialMeeting, (state) =>
      evolveMeeting(state, event),
    );
    if (!meeting) return;
    await tx.query(
      `INSERT INTO meetings (meeting_id, body_id, board_id, date, stage, state, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (meeting_id) DO UPDATE SET date = $4, stage = $5, state = $6, version = $7, updated_at = $8`,
      [
        entityId,
        recorded.metadata.bodyId,
        meeting.boardId,
        meeting.date,
        meeting.stage,
        JSON.stringify(meeting),
        version,
        at,
      ],
    );
    if (event.type !== 'BoardActionRaised') return;
    await tx.query(
      `INSERT INTO board_actions (action_id, body_id, board_id, meeting_id, meeting_date, minute_number, part, ref,
         raised_by_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (action_id) DO NOTHING`,
      [
        actionIdFor(recorded.metadata.bodyId, event.data.plan, event.data.ref),
        recorded.metadata.bodyId,
        meeting.boardId,
        entityId,
        meeting.date,
        event.data.minuteNumber,
        event.data.part,
        event.data.ref,
        recorded.id,
      ],
    );
  },

  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query('DELETE FROM boards');
    await tx.query('DELETE FROM meetings');
    await tx.query('DELETE FROM board_actions');
  },
};
