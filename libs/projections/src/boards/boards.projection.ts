import { actionIdFor } from '#domain/action/action-ids';
import { Migration } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { BOARD_EVENT_TYPES, BoardEvent } from '#domain/board/board.events';
import { evolveBoard } from '#domain/board/board.decider';
import { Board, initialBoard } from '#domain/board/board.state';
import { BoardDocument, boardDocumentOf } from '#domain/board/board.document';
import { evolveMeeting } from '#domain/meeting/meeting.decider';
import { initialMeeting, Meeting } from '#domain/meeting/meeting.state';
import { MeetingDocument, meetingDocumentOf } from '#domain/meeting/meeting.document';
import { MEETING_EVENT_TYPES, MeetingEvent } from '#domain/meeting/meeting.events';
import { publicTextOf } from '#domain/meeting/public-text';
import { StoredDomainEvent } from '#domain/shared/event';
import { RecordedEvent } from '#event-store/port';
import { JsonRows } from '../json-rows';
import { entityOfStream, Projection } from '../projection';
import { foldIntoRecords, latestOfEach, RecordFold } from '../stream-records';

/**
 * Board members, attendance, declarations and decisions requested name people since v2 of their
 * events: states stored before get the fields, with no one identified, as the upcasters read them.
 * Defaults go on the left of ||, so a value already there wins (running it twice changes nothing).
 */
export const BOARD_AND_MEETING_PEOPLE = `
  UPDATE boards SET state = jsonb_set(state, '{members}', (
    SELECT coalesce(jsonb_agg('{"personId": null}'::jsonb || member ORDER BY n), '[]'::jsonb)
      FROM jsonb_array_elements(state->'members') WITH ORDINALITY AS m(member, n)));
  UPDATE meetings SET state = jsonb_set(state, '{attendance}', '{"people": {}}'::jsonb || (state->'attendance'))
   WHERE jsonb_typeof(state->'attendance') = 'object';
  UPDATE meetings SET state = jsonb_set(state, '{declarations}', (
    SELECT coalesce(jsonb_agg('{"memberPersonId": null}'::jsonb || declaration ORDER BY n), '[]'::jsonb)
      FROM jsonb_array_elements(state->'declarations') WITH ORDINALITY AS d(declaration, n)));
  UPDATE meetings SET state = jsonb_set(state, '{items}', (
    SELECT coalesce(jsonb_agg(item || jsonb_build_object('decisions', (
             SELECT coalesce(jsonb_agg('{"decisionMakerPersonId": null}'::jsonb || requested ORDER BY k), '[]'::jsonb)
               FROM jsonb_array_elements(item->'decisions') WITH ORDINALITY AS r(requested, k)))
           ORDER BY n), '[]'::jsonb)
      FROM jsonb_array_elements(state->'items') WITH ORDINALITY AS i(item, n)));
`;

/** Meetings stored before provisional ones existed were firm, as the upcaster reads them. */
export const PROVISIONAL_MEETINGS = `UPDATE meetings SET state = '{"provisional": false}'::jsonb || state`;

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
  {
    id: '0119_board_and_meeting_people',
    sql: BOARD_AND_MEETING_PEOPLE,
  },
  {
    id: '0120_provisional_meetings',
    sql: PROVISIONAL_MEETINGS,
  },
  {
    id: '0121_meetings_public_text',
    // What the public may read of each meeting, for the public site's search (English stemming).
    // Stored meetings get theirs by a replay: the projection starts again from the log.
    sql: `
      ALTER TABLE meetings ADD COLUMN public_text text NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN public_document tsvector
        GENERATED ALWAYS AS (to_tsvector('english', public_text)) STORED;
      CREATE INDEX meetings_public_search ON meetings USING gin (public_document);
      DELETE FROM boards;
      DELETE FROM meetings;
      DELETE FROM board_actions;
      UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = 'boards';
    `,
  },
  {
    id: '0126_board_and_meeting_documents',
    // Rows keep the records' documents: the deciders' own fields (body, established) go.
    sql: `
      UPDATE boards SET state = state - 'bodyId' - 'exists';
      UPDATE meetings SET state = state - 'bodyId';
    `,
  },
];

/** Boards and their meetings, folded with the domain's own `evolve`, and the actions boards raised. */
export const boardsProjection: Projection = {
  name: 'boards',
  migrations,
  handles: [...BOARD_EVENT_TYPES, ...MEETING_EVENT_TYPES],
  apply: (tx, event) => applyEvents(tx, [event]),
  applyBatch: applyEvents,
};

const BOARD_FOLD: RecordFold<Board, BoardDocument> = {
  initial: initialBoard,
  evolve: (state, event) => evolveBoard(state, event as StoredDomainEvent<BoardEvent>),
  revive: (document, bodyId) => ({ ...document, bodyId, exists: true }),
};

const MEETING_FOLD: RecordFold<Meeting, MeetingDocument> = {
  initial: initialMeeting,
  evolve: (state, event) => evolveMeeting(state, event as StoredDomainEvent<MeetingEvent>),
  revive: (document, bodyId) => ({ ...document, bodyId }),
};

const BOARDS = new JsonRows<Record<string, unknown>>(
  'board_id uuid, body_id text, name text, state jsonb, version integer, updated_at timestamptz',
);
const MEETINGS = new JsonRows<Record<string, unknown>>(
  `meeting_id uuid, body_id text, board_id uuid, date date, stage text, state jsonb, public_text text,
   version integer, updated_at timestamptz`,
);
const RAISED = new JsonRows<Record<string, unknown>>(
  `action_id uuid, body_id text, board_id uuid, meeting_id uuid, meeting_date date, minute_number integer,
   part text, ref text, raised_by_event_id uuid`,
);

/**
 * A batch in a few statements: boards, then meetings, each read and written once. Rows keep the
 * records' documents, not the deciders' states.
 */
async function applyEvents(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const of = (type: string) => events.filter((event) => entityOfStream(event.streamId).entityType === type);
  const boards = await foldIntoRecords(tx, 'boards', 'board_id', of('board'), BOARD_FOLD);
  if (boards.length > 0)
    await tx.query(
      `INSERT INTO boards (${BOARDS.names}) SELECT ${BOARDS.names} FROM ${BOARDS.relation('$1', 'b')}
       ON CONFLICT (board_id) DO UPDATE SET name = EXCLUDED.name, state = EXCLUDED.state,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [
        BOARDS.json(
          latestOfEach(boards).map(({ id, state, version, event }) => ({
            board_id: id,
            body_id: event.metadata.bodyId,
            name: state.name,
            state: boardDocumentOf(state),
            version,
            updated_at: event.metadata.recordedAt,
          })),
        ),
      ],
    );
  const meetings = await foldIntoRecords(tx, 'meetings', 'meeting_id', of('meeting'), MEETING_FOLD);
  if (meetings.length === 0) return;
  await tx.query(
    `INSERT INTO meetings (${MEETINGS.names}) SELECT ${MEETINGS.names} FROM ${MEETINGS.relation('$1', 'm')}
     ON CONFLICT (meeting_id) DO UPDATE SET date = EXCLUDED.date, stage = EXCLUDED.stage, state = EXCLUDED.state,
       public_text = EXCLUDED.public_text, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
    [
      MEETINGS.json(
        latestOfEach(meetings).map(({ id, state, version, event }) => ({
          meeting_id: id,
          body_id: event.metadata.bodyId,
          board_id: state.boardId,
          date: state.date,
          stage: state.stage,
          state: meetingDocumentOf(state),
          public_text: publicTextOf(state),
          version,
          updated_at: event.metadata.recordedAt,
        })),
      ),
    ],
  );
  // Which meeting raised which action: the board's action log joins it to the register.
  const raised = meetings.flatMap(({ id, state, event }) => {
    const meetingEvent = event as unknown as StoredDomainEvent<MeetingEvent>;
    if (meetingEvent.type !== 'BoardActionRaised') return [];
    const { plan, ref, minuteNumber, part } = meetingEvent.data;
    return [
      {
        action_id: actionIdFor(event.metadata.bodyId, plan, ref),
        body_id: event.metadata.bodyId,
        board_id: state.boardId,
        meeting_id: id,
        meeting_date: state.date,
        minute_number: minuteNumber,
        part,
        ref,
        raised_by_event_id: event.id,
      },
    ];
  });
  // The first raising of an action stands (a replayed outcome raises nothing new).
  const firstRaised = [...new Map([...raised].reverse().map((row) => [row.action_id, row])).values()];
  if (firstRaised.length > 0)
    await tx.query(
      `INSERT INTO board_actions (${RAISED.names}) SELECT ${RAISED.names} FROM ${RAISED.relation('$1', 'r')}
       ON CONFLICT (action_id) DO NOTHING`,
      [RAISED.json(firstRaised)],
    );
}
