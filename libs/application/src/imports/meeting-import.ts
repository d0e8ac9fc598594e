import {
  decideScheduledMeeting,
  importedMeetingId,
  matchScheduleColumns,
  MeetingScheduleField,
  readScheduleRow,
  ScheduledMeetingRow,
} from '#domain/import/meeting-schedule';
import { MeetingEvent } from '#domain/meeting/meeting.events';
import { cellName } from '#domain/import/register-rows';
import { StoredDomainEvent } from '#domain/shared/event';
import { meetingStream } from '#domain/shared/record-ids';
import { SqlQueryable } from '#database/sql-database';
import { EventStore } from '#event-store';
import { listBoards, meetingsOf } from '#projections/boards/boards.queries';
import {
  fileReport,
  ImportKind,
  ImportReport,
  ImportRun,
  readableColumns,
  RegisterSource,
  runImport,
} from './import-run';

export type MeetingImportRequest = ImportRun<ScheduledMeetingRow>;

export type MeetingImportReport = ImportReport<MeetingScheduleField>;

const slotOf = (row: Pick<ScheduledMeetingRow, 'boardId' | 'date' | 'time'>) =>
  [row.boardId, row.date, row.time ?? ''].join('\u0000');

/** Imports a schedule of meetings (board, date, time, place, access) into the body's boards. */
export async function importMeetings(
  parts: { store: EventStore; db: SqlQueryable },
  source: RegisterSource,
  request: MeetingImportRequest,
): Promise<MeetingImportReport> {
  const match = readableColumns(matchScheduleColumns(source.headers, request.map ?? []), [
    { field: 'board', holds: 'the boards' },
    { field: 'date', holds: 'the dates' },
    { field: 'place', holds: 'the places' },
  ]);
  const boards = (await listBoards(parts.db, [request.bodyId])).map(({ id, board }) => ({
    id,
    name: board.name,
  }));
  // A board meeting at a date and time is that meeting, however it was scheduled (a download of
  // the schedule re-imported); one not yet scheduled takes its id from them.
  const scheduled = new Map<string, string>();
  for (const board of boards)
    for (const { id, meeting } of await meetingsOf(parts.db, board.id))
      scheduled.set(slotOf({ boardId: board.id, date: meeting.date, time: meeting.time }), id);
  const idOf = (row: ScheduledMeetingRow) => scheduled.get(slotOf(row)) ?? importedMeetingId(row);
  const settings = { bodyId: request.bodyId, file: source.file };
  const kind: ImportKind<ScheduledMeetingRow, MeetingScheduleField> = {
    command: 'ImportMeetings',
    reader: () => (cells, rowNumber) => readScheduleRow(cells, rowNumber, match, boards),
    keyOf: (row) => ({
      key: slotOf(row),
      problem: (earlier) => ({
        cell: cellName(match.columns.date ?? 0, row.rowNumber),
        field: 'date',
        text: `${row.boardName} meets on ${row.date}${row.time ? ` at ${row.time}` : ''} on row ${earlier} too`,
      }),
    }),
    streamOf: (row) => meetingStream(idOf(row)),
    decide: (row, history, eventId) =>
      decideScheduledMeeting(row, history as StoredDomainEvent<MeetingEvent>[], settings, eventId),
    refusalOf: (row, error) => {
      const field: MeetingScheduleField =
        error.field === 'time' || error.field === 'place' ? error.field : 'date';
      return { cell: cellName(match.columns[field] ?? 0, row.rowNumber), field, text: error.message };
    },
    effectiveAt: () => undefined,
  };
  const outcome = await runImport(parts.store, source, kind, request);
  return {
    ...outcome,
    ...fileReport(source, match),
  };
}
