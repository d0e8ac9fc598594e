import { meetingDecider } from '../meeting/meeting.decider';
import { MeetingAccess, MeetingEvent } from '../meeting/meeting.events';
import { MeetingCommand } from '../meeting/meeting.commands';
import { Meeting } from '../meeting/meeting.state';
import { IsoDate, StoredDomainEvent } from '../shared/event';
import { nameBasedUuid } from '../shared/name-based-uuid';
import { readDateCell } from './register-cells';
import { ColumnMatch, matchColumnsOf } from './register-columns';
import { Cell, rowCells, RowReading } from './register-rows';

/** What a column of a schedule of meetings can hold. */
export const MEETING_SCHEDULE_FIELDS = ['board', 'date', 'time', 'place', 'access'] as const;
export type MeetingScheduleField = (typeof MEETING_SCHEDULE_FIELDS)[number];

const HEADERS: Record<MeetingScheduleField, readonly string[]> = {
  board: ['board', 'committee', 'meeting', 'panel', 'body'],
  date: ['date', 'meeting date', 'day'],
  time: ['time', 'start', 'start time', 'starts'],
  place: ['place', 'venue', 'location', 'where'],
  access: ['access', 'public or private', 'open to the public', 'public'],
};

export const matchScheduleColumns = (headers: readonly string[], maps: readonly string[] = []) =>
  matchColumnsOf(MEETING_SCHEDULE_FIELDS, HEADERS, headers, maps);

/** One meeting of a schedule as the importer will record it. */
export interface ScheduledMeetingRow {
  readonly rowNumber: number;
  /** The board as the schedule names it, and the board of the body it is. */
  readonly boardName: string;
  readonly boardId: string;
  readonly date: IsoDate;
  readonly time: string | null;
  readonly place: string;
  readonly access: MeetingAccess;
}

/** `10:00`, `10am`, `2.30pm`, `14.30`: as a 24-hour `HH:MM`; null when blank; undefined when unreadable. */
export function readMeetingTime(written: string): string | null | undefined {
  const text = written.trim().toLowerCase().replace(/\s+/g, '');
  if (text === '') return null;
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(text);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (match[3] === 'pm' && hours < 12) hours += 12;
  if (match[3] === 'am' && hours === 12) hours = 0;
  if ((match[2] === undefined && match[3] === undefined) || hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const PRIVATE = new Set(['private', 'closed', 'no', 'n', 'exempt', 'part 2']);
const PUBLIC = new Set(['', 'public', 'open', 'yes', 'y']);

/** Reads a row of a schedule, the board found among the body's by name, or refuses it naming each cell. */
export function readScheduleRow(
  cells: readonly Cell[],
  rowNumber: number,
  match: ColumnMatch<MeetingScheduleField>,
  boards: readonly { readonly id: string; readonly name: string }[],
): RowReading<ScheduledMeetingRow, MeetingScheduleField> {
  const { valueOf, text, blank, problems, problem } = rowCells(cells, rowNumber, match);
  if (blank) return { kind: 'blank', rowNumber };

  const board = boards.find((each) => each.name.trim().toLowerCase() === text('board').toLowerCase());
  if (!board)
    problem(
      'board',
      text('board') === ''
        ? 'no board: write which board meets'
        : `no board is named "${text('board')}"; the body's boards are ${boards.map((each) => `"${each.name}"`).join(', ') || 'none yet'}`,
    );
  const date = readDateCell(valueOf('date') ?? '');
  if (date === null)
    problem(
      'date',
      text('date') === '' ? 'no date' : `"${text('date')}" is not a date: write it like 14/06/2017`,
    );
  const time = readMeetingTime(text('time'));
  if (time === undefined) problem('time', `"${text('time')}" is not a time: write it like 10:00 or 2.30pm`);
  if (text('place') === '') problem('place', 'no place: write where the board meets');
  const access = text('access').toLowerCase();
  if (!PRIVATE.has(access) && !PUBLIC.has(access))
    problem('access', `"${text('access')}" is neither public nor private`);
  if (problems.length > 0 || !board || !date || time === undefined)
    return { kind: 'refused', rowNumber, problems };
  return {
    kind: 'row',
    row: {
      rowNumber,
      boardName: board.name,
      boardId: board.id,
      date,
      time,
      place: text('place'),
      access: PRIVATE.has(access) ? 'private' : 'public',
    },
  };
}

// Fixed namespace for imported meetings' ids (a random UUID chosen once).
const SCHEDULE_NAMESPACE = Buffer.from('4f9a2c7e1b6d48a3b0e5c8d7f1a2b3c4', 'hex');

/** A board meets once at a date and time: the imported meeting's id follows from them. */
export const importedMeetingId = (row: Pick<ScheduledMeetingRow, 'boardId' | 'date' | 'time'>) =>
  nameBasedUuid(SCHEDULE_NAMESPACE, [row.boardId, row.date, row.time ?? ''].join('\u0000'));

/**
 * The events of a scheduled meeting: scheduled as the row says; one already imported is moved to
 * the place the schedule now gives (if it is not yet held), and records nothing otherwise.
 */
export function decideScheduledMeeting(
  row: ScheduledMeetingRow,
  history: readonly StoredDomainEvent<MeetingEvent>[],
  settings: { readonly bodyId: string; readonly file: string },
  eventId: (index: number) => string,
) {
  let state: Meeting = history.reduce(meetingDecider.evolve, meetingDecider.initialState());
  const existed = state.stage !== 'none';
  const kept: string[] = [];
  const commands: MeetingCommand[] = [];
  if (!existed)
    commands.push({
      type: 'ScheduleMeeting',
      bodyId: settings.bodyId,
      boardId: row.boardId,
      date: row.date,
      time: row.time,
      place: row.place,
      access: row.access,
    });
  else if (state.place !== row.place && state.stage === 'scheduled')
    commands.push({
      type: 'RescheduleMeeting',
      date: state.date,
      time: state.time,
      place: row.place,
      reason: `Changed in the schedule imported from ${settings.file}`,
    });
  else if (state.place !== row.place)
    kept.push(`place now "${row.place}": the meeting is ${state.stage}, kept as recorded`);
  if (existed && state.access !== row.access)
    kept.push(`access now ${row.access}: kept as recorded (${state.access})`);
  const events: StoredDomainEvent<MeetingEvent>[] = [];
  for (const command of commands)
    for (const event of meetingDecider.decide(command, state)) {
      const stored = { ...event, id: eventId(history.length + events.length) };
      state = meetingDecider.evolve(state, stored);
      events.push(stored);
    }
  return {
    kind: !existed ? ('new' as const) : events.length > 0 ? ('changed' as const) : ('unchanged' as const),
    events,
    kept,
  };
}
