import { randomUUID } from 'node:crypto';
import { actionIdFor, actionStream } from '#domain/action/action-ids';
import { ActionEvent, effectiveDateOf } from '#domain/action/action.events';
import { decideImportedRow, ImportedRowDecision } from '#domain/import/imported-action';
import { ColumnMatch, matchColumns, RegisterField } from '#domain/import/register-columns';
import {
  Cell,
  cellName,
  planYearOf,
  readRegisterRow,
  RegisterRow,
  RowProblem,
} from '#domain/import/register-rows';
import { DomainError } from '#domain/shared/domain-error';
import { StoredDomainEvent } from '#domain/shared/event';
import { nameBasedUuid } from '#domain/shared/name-based-uuid';
import { localDateOf } from '#domain/shared/time-zone';
import { SqlQueryable } from '#database/sql-database';
import {
  EventStore,
  LogPosition,
  NewEvent,
  StreamAppend,
  StreamsInTransaction,
  streamsOneAtATime,
} from '#event-store';
import { findBody } from '#projections/bodies/bodies.queries';
import { leadCandidates } from '#projections/people/people.queries';
import { leadsAmong } from '../action-leads';

/** A register as a file gives it: its name, its SHA-256, the header row, then each row in order. */
export interface RegisterSource {
  readonly file: string;
  readonly sha256: string;
  readonly headers: readonly string[];
  /** The rows after the header, the file's row 2 first: read afresh at each call. */
  readonly rows: () => AsyncIterable<readonly Cell[]>;
}

export interface ActionImportRequest {
  readonly bodyId: string;
  readonly plan: string;
  readonly refPrefix?: string;
  readonly map?: readonly string[];
  /** The plan's financial year (`2017/18`), for due dates written `Q4`; read from the plan's name when not given. */
  readonly year?: string;
  /** A dry run records nothing; `all` records the file or nothing; `partial` records the rows it can. */
  readonly mode: 'dry-run' | 'all' | 'partial';
  readonly actor: { readonly user: string; readonly role: string };
  readonly recordedAt: Date;
  /** Hears each row read (for a progress bar) and what it became. */
  readonly onRow?: (row: ImportedRow) => void;
}

/** A row read, and what it became (or would become, in a dry run). */
export interface ImportedRow {
  readonly row: RegisterRow;
  readonly decision: ImportedRowDecision;
}

export interface RefusedRow {
  readonly rowNumber: number;
  readonly problems: readonly RowProblem[];
}

export interface ActionImportReport {
  readonly file: string;
  readonly sha256: string;
  readonly plan: string;
  readonly columns: readonly { readonly field: string; readonly header: string }[];
  readonly unmatched: readonly string[];
  readonly counts: Record<ImportedRowDecision['kind'] | 'refused' | 'blank' | 'refsMade', number>;
  readonly refused: readonly RefusedRow[];
  /** Whether the events were written: never in a dry run, nor in `all` when a row was refused. */
  readonly recorded: boolean;
  readonly eventsRecorded: number;
  /** Where the last event recorded landed in the log, for waiting on the read models; null if none. */
  readonly lastPosition: LogPosition | null;
  /** False on a store that writes one stream at a time: an interrupted import is finished by running it again. */
  readonly atomic: boolean;
}

const ROWS_PER_WRITE = 500;
// Fixed namespace for imported events' ids (a random UUID chosen once).
const IMPORT_NAMESPACE = Buffer.from('c3a0f6d2b8e14a7c9d5b1e8f2a6c4d90', 'hex');

/** Refuses the import's transaction so nothing of it is written. */
class RowsRefused extends Error {}

/**
 * Imports an action register into a plan: each row read as a person would have recorded it, then
 * the events that bring its action where the row says (see `decideImportedRow`), marked as imported
 * from this file and row, recorded by the person running it. Rows are read, decided and written
 * 500 at a time inside one transaction, so the file goes in whole or not at all, in constant memory.
 */
export async function importActions(
  parts: { store: EventStore; db: SqlQueryable },
  source: RegisterSource,
  request: ActionImportRequest,
): Promise<ActionImportReport> {
  const match = matchColumns(source.headers, request.map ?? []);
  if (match.problems.length > 0)
    throw new DomainError(
      'COLUMNS_UNREADABLE',
      `the columns cannot be read: ${match.problems.join('; ')}`,
      'invalid',
      'map',
    );
  if (match.columns.title === undefined)
    throw new DomainError(
      'NO_TITLE_COLUMN',
      `no column holds the actions' titles; name it with --map "Header=title"`,
      'invalid',
      'map',
    );
  const body = await findBody(parts.db, request.bodyId);
  if (!body)
    throw new DomainError('BODY_NOT_FOUND', `body "${request.bodyId}" not found`, 'not_found', 'bodyId');
  const people = await leadCandidates(parts.db, request.bodyId);
  const settings = {
    bodyId: request.bodyId,
    plan: request.plan,
    yearStartMonth: body.settings.yearStartMonth,
    today: localDateOf(request.recordedAt, body.settings.timeZone),
    file: source.file,
  };
  const reading = {
    yearStartMonth: settings.yearStartMonth,
    planYear: request.year ?? planYearOf(request.plan),
  };
  const prefix = request.refPrefix ?? request.plan;
  const stamp: ImportStamp = { request, source, correlationId: randomUUID() };

  /** One pass over the file: read, decide and (unless `mode` says not) write each 500 rows. */
  const pass = async (streams: StreamsInTransaction, mode: ActionImportRequest['mode']) => {
    const counts = { new: 0, changed: 0, unchanged: 0, refused: 0, blank: 0, refsMade: 0 };
    const refused: RefusedRow[] = [];
    const refRows = new Map<string, number>();
    let eventsRecorded = 0;
    let lastPosition: LogPosition | null = null;
    const refuse = (rowNumber: number, problems: readonly RowProblem[]) => {
      counts.refused += 1;
      refused.push({ rowNumber, problems });
    };
    const problemOf = (field: RegisterField, rowNumber: number, text: string): RowProblem => ({
      cell: cellName(match.columns[field] ?? 0, rowNumber),
      field,
      text,
    });

    const decideBatch = async (rows: RegisterRow[]) => {
      const ids = rows.map((row) => actionIdFor(request.bodyId, request.plan, row.ref));
      const histories = await streams.readStreams(ids.map(actionStream));
      const appends: StreamAppend[] = [];
      rows.forEach((row, index) => {
        const streamId = actionStream(ids[index]);
        const history = (histories.get(streamId) ?? []) as unknown as StoredDomainEvent<ActionEvent>[];
        let decision: ImportedRowDecision;
        try {
          decision = decideImportedRow(
            row,
            history,
            leadsAmong(people, row.lead ? [row.lead] : []),
            settings,
            (n) => nameBasedUuid(IMPORT_NAMESPACE, `${source.sha256}\u0000${streamId}\u0000${n}`),
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return refuse(row.rowNumber, [
            problemOf(fieldOfRefusal(error.field, match), row.rowNumber, error.message),
          ]);
        }
        counts[decision.kind] += 1;
        request.onRow?.({ row, decision });
        if (decision.events.length === 0) return;
        appends.push({
          streamId,
          events: decision.events.map((event) => importedEvent(event, row.rowNumber, stamp)),
          expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1,
        });
      });
      return appends;
    };

    const run = async () => {
      let batch: RegisterRow[] = [];
      const flush = async () => {
        const appends = await decideBatch(batch);
        batch = [];
        if (mode === 'dry-run' || (mode === 'all' && counts.refused > 0)) return;
        const results = await streams.append(appends);
        lastPosition = results.at(-1)?.position ?? lastPosition;
        eventsRecorded += appends.reduce((total, append) => total + append.events.length, 0);
      };
      let rowNumber = 1;
      let made = 0;
      const nextRef = () => `${prefix}/${String(++made).padStart(3, '0')}`;
      for await (const cells of source.rows()) {
        rowNumber += 1;
        const read = readRegisterRow(cells, rowNumber, match, nextRef, reading);
        if (read.kind === 'blank') counts.blank += 1;
        else if (read.kind === 'refused') refuse(read.rowNumber, read.problems);
        else {
          const key = read.row.ref.trim().toUpperCase();
          const earlier = refRows.get(key);
          if (earlier !== undefined)
            refuse(rowNumber, [
              problemOf(
                'ref',
                rowNumber,
                `ref "${read.row.ref}" is also on row ${earlier}: a ref names one action`,
              ),
            ]);
          else {
            refRows.set(key, rowNumber);
            batch.push(read.row);
          }
        }
        if (batch.length >= ROWS_PER_WRITE) await flush();
      }
      await flush();
      counts.refsMade = made;
      if (mode === 'all' && counts.refused > 0) throw new RowsRefused();
    };
    try {
      await run();
    } catch (error) {
      if (!(error instanceof RowsRefused)) throw error;
      eventsRecorded = 0;
      lastPosition = null;
    }
    return { counts, refused, eventsRecorded, lastPosition };
  };

  const inOneTransaction = parts.store.inOneTransaction;
  let outcome: Awaited<ReturnType<typeof pass>>;
  if (inOneTransaction) outcome = await inOneTransaction((streams) => pass(streams, request.mode));
  else {
    // One stream at a time: a dry run first, so a refused row stops the file before anything is written.
    const streams = streamsOneAtATime(parts.store);
    outcome = await pass(streams, request.mode === 'all' ? 'dry-run' : request.mode);
    if (request.mode === 'all' && outcome.counts.refused === 0) outcome = await pass(streams, 'all');
  }
  const { counts, refused, eventsRecorded, lastPosition } = outcome;
  return {
    file: source.file,
    sha256: source.sha256,
    plan: request.plan,
    columns: Object.entries(match.columns).map(([field, column]) => ({
      field,
      header: source.headers[column as number],
    })),
    unmatched: match.unmatched,
    counts,
    refused,
    recorded: request.mode !== 'dry-run' && (request.mode === 'partial' || counts.refused === 0),
    eventsRecorded,
    lastPosition,
    atomic: inOneTransaction !== undefined,
  };
}

interface ImportStamp {
  readonly request: ActionImportRequest;
  readonly source: RegisterSource;
  readonly correlationId: string;
}

/** An imported row's event as the store keeps it: recorded by the importer, from this file and row. */
function importedEvent(event: StoredDomainEvent<ActionEvent>, row: number, stamp: ImportStamp): NewEvent {
  const { request, source } = stamp;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: {
      actor: request.actor.user,
      actorRole: request.actor.role,
      bodyId: request.bodyId,
      recordedAt: request.recordedAt.toISOString(),
      effectiveAt: effectiveDateOf(event),
      correlationId: stamp.correlationId,
      command: 'ImportActions',
      imported: { file: source.file, sha256: source.sha256, row },
    },
  };
}

/** The register's column for a field the action's rules refused (a date after today is the update's). */
function fieldOfRefusal(field: string | undefined, match: ColumnMatch): RegisterField {
  if (field === 'dueDate' || field === 'title' || field === 'ref') return field;
  return match.columns.updateDate !== undefined ? 'updateDate' : 'lastUpdate';
}
