import { randomUUID } from 'node:crypto';
import { ColumnMatch } from '#domain/import/register-columns';
import { SqlQueryable } from '#database/sql-database';
import { BodyView, findBody } from '#projections/bodies/bodies.queries';
import { Cell, RowProblem, RowReading } from '#domain/import/register-rows';
import { DomainError } from '#domain/shared/domain-error';
import { StoredDomainEvent } from '#domain/shared/event';
import { nameBasedUuid } from '#domain/shared/name-based-uuid';
import {
  EventStore,
  LogPosition,
  NewEvent,
  RecordedEvent,
  StreamAppend,
  StreamsInTransaction,
  streamsOneAtATime,
} from '#event-store';

/** A file as an import reads it: its name, its SHA-256, the header row, then each row in order. */
export interface RegisterSource {
  readonly file: string;
  readonly sha256: string;
  readonly headers: readonly string[];
  /** The rows after the header, the file's row 2 first: read afresh at each call. */
  readonly rows: () => AsyncIterable<readonly Cell[]>;
}

/** What a row becomes: a new record, changes to one, or nothing (it is already as the row says). */
export interface RowDecision {
  readonly kind: 'new' | 'changed' | 'unchanged';
  readonly events: StoredDomainEvent[];
  /** Differences no event records (a title changed on paper): reported, not recorded. */
  readonly kept: string[];
}

export interface DecidedRow<Row> {
  readonly row: Row;
  readonly decision: RowDecision;
}

/** What one kind of file (an action register, a decision log) brings to the import. */
export interface ImportKind<Row extends { readonly rowNumber: number }, Field extends string> {
  /** The command the events' metadata names (`ImportActions`). */
  readonly command: string;
  /** Reads what every row's decision needs before the first (the body's register of numbers). */
  readonly prepare?: (streams: StreamsInTransaction) => Promise<void>;
  /** A fresh reader for each pass over the file (refs made count from 1 again). */
  readonly reader: () => (cells: readonly Cell[], rowNumber: number) => RowReading<Row, Field>;
  /** What names a row's record: two rows naming one record are refused. */
  readonly keyOf: (row: Row) => {
    readonly key: string;
    readonly problem: (earlierRow: number) => RowProblem<Field>;
  };
  readonly streamOf: (row: Row) => string;
  /** Throws a DomainError when the row asks for what its record cannot take. */
  readonly decide: (
    row: Row,
    history: StoredDomainEvent[],
    eventId: (index: number) => string,
  ) => RowDecision;
  /** The cell to blame for a refusal the record's rules gave, by the field they named. */
  readonly refusalOf: (row: Row, error: DomainError) => RowProblem<Field>;
  /** The day an event says it applies on, for the metadata's effectiveAt. */
  readonly effectiveAt: (event: StoredDomainEvent) => string | undefined;
  /** Appends a batch needs besides its rows' own (the body's register of decision numbers). */
  readonly alongside?: (
    decided: readonly DecidedRow<Row>[],
    streams: StreamsInTransaction,
    eventId: (streamId: string, index: number) => string,
  ) => Promise<AlongsideAppend[]>;
}

/** A stream a batch appends to besides its rows' own, each event with the row it comes from. */
export interface AlongsideAppend {
  readonly streamId: string;
  readonly expectedRevision: StreamAppend['expectedRevision'];
  readonly events: readonly { readonly event: StoredDomainEvent; readonly row: number }[];
}

export interface ImportRun<Row> {
  readonly bodyId: string;
  /** `Header=field` for headers the kind does not know (`--map`). */
  readonly map?: readonly string[];
  /** A dry run records nothing; `all` records the file or nothing; `partial` records the rows it can. */
  readonly mode: 'dry-run' | 'all' | 'partial';
  readonly actor: { readonly user: string; readonly role: string };
  readonly recordedAt: Date;
  /** Hears each row read (for a progress bar) and what it became. */
  readonly onRow?: (decided: DecidedRow<Row>) => void;
}

export interface RefusedRow<Field extends string = string> {
  readonly rowNumber: number;
  readonly problems: readonly RowProblem<Field>[];
}

export interface ImportOutcome<Field extends string = string> {
  readonly counts: Record<RowDecision['kind'] | 'refused' | 'blank', number>;
  readonly refused: readonly RefusedRow<Field>[];
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
 * Imports a file: each row read, decided against its record's events, and written with them 500
 * rows at a time inside one transaction, so the file goes in whole or not at all (or, `partial`,
 * the rows that can), in constant memory. Every event is marked as imported from this file and
 * row, recorded by the person running it; its id follows from the file, stream and revision, so a
 * retried write is the same write.
 */
export async function runImport<Row extends { readonly rowNumber: number }, Field extends string>(
  store: EventStore,
  source: RegisterSource,
  kind: ImportKind<Row, Field>,
  run: ImportRun<Row>,
): Promise<ImportOutcome<Field>> {
  const stamp = { run, source, kind, correlationId: randomUUID() };
  const eventId = (streamId: string, n: number) =>
    nameBasedUuid(IMPORT_NAMESPACE, `${source.sha256}\u0000${streamId}\u0000${n}`);

  const pass = async (streams: StreamsInTransaction, mode: ImportRun<Row>['mode'], listening: boolean) => {
    const counts = { new: 0, changed: 0, unchanged: 0, refused: 0, blank: 0 };
    const refused: RefusedRow<Field>[] = [];
    const firstRows = new Map<string, number>();
    let eventsRecorded = 0;
    let lastPosition: LogPosition | null = null;
    const refuse = (rowNumber: number, problems: readonly RowProblem<Field>[]) => {
      counts.refused += 1;
      refused.push({ rowNumber, problems });
    };

    const decideBatch = async (rows: Row[]): Promise<StreamAppend[]> => {
      const histories = await streams.readStreams(rows.map(kind.streamOf));
      const decided: DecidedRow<Row>[] = [];
      const appends: StreamAppend[] = [];
      for (const row of rows) {
        const streamId = kind.streamOf(row);
        const history = (histories.get(streamId) ?? []) as (RecordedEvent & StoredDomainEvent)[];
        let decision: RowDecision;
        try {
          decision = kind.decide(row, history, (n) => eventId(streamId, n));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          refuse(row.rowNumber, [kind.refusalOf(row, error)]);
          continue;
        }
        counts[decision.kind] += 1;
        if (listening) run.onRow?.({ row, decision });
        decided.push({ row, decision });
        if (decision.events.length === 0) continue;
        appends.push({
          streamId,
          events: decision.events.map((event) => importedEvent(event, row.rowNumber, stamp)),
          expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1,
        });
      }
      const more = (await kind.alongside?.(decided, streams, eventId)) ?? [];
      return [
        ...appends,
        ...more.map(({ streamId, expectedRevision, events }) => ({
          streamId,
          expectedRevision,
          events: events.map(({ event, row }) => importedEvent(event, row, stamp)),
        })),
      ];
    };

    let batch: Row[] = [];
    const flush = async () => {
      const appends = await decideBatch(batch);
      batch = [];
      if (mode === 'dry-run' || (mode === 'all' && counts.refused > 0) || appends.length === 0) return;
      const results = await streams.append(appends);
      lastPosition = results.at(-1)?.position ?? lastPosition;
      eventsRecorded += appends.reduce((total, append) => total + append.events.length, 0);
    };
    const read = kind.reader();
    let rowNumber = 1;
    await kind.prepare?.(streams);
    try {
      for await (const cells of source.rows()) {
        const reading = read(cells, ++rowNumber);
        if (reading.kind === 'blank') counts.blank += 1;
        else if (reading.kind === 'refused') refuse(reading.rowNumber, reading.problems);
        else {
          const { key, problem } = kind.keyOf(reading.row);
          const earlier = firstRows.get(key);
          if (earlier !== undefined) refuse(rowNumber, [problem(earlier)]);
          else {
            firstRows.set(key, rowNumber);
            batch.push(reading.row);
          }
        }
        if (batch.length >= ROWS_PER_WRITE) await flush();
      }
      await flush();
      if (mode === 'all' && counts.refused > 0) throw new RowsRefused();
    } catch (error) {
      if (!(error instanceof RowsRefused)) throw error;
      eventsRecorded = 0;
      lastPosition = null;
    }
    return { counts, refused, eventsRecorded, lastPosition };
  };

  const inOneTransaction = store.inOneTransaction;
  let outcome: Awaited<ReturnType<typeof pass>>;
  if (inOneTransaction) outcome = await inOneTransaction((streams) => pass(streams, run.mode, true));
  else {
    // One stream at a time: a dry run first, so a refused row stops the file before anything is written.
    const streams = streamsOneAtATime(store);
    outcome = await pass(streams, run.mode === 'all' ? 'dry-run' : run.mode, true);
    if (run.mode === 'all' && outcome.counts.refused === 0) outcome = await pass(streams, 'all', false);
  }
  return {
    ...outcome,
    recorded: run.mode !== 'dry-run' && (run.mode === 'partial' || outcome.counts.refused === 0),
    atomic: inOneTransaction !== undefined,
  };
}

/** An imported row's event as the store keeps it: recorded by the importer, from this file and row. */
function importedEvent(
  event: StoredDomainEvent,
  row: number,
  stamp: {
    run: ImportRun<never>;
    source: RegisterSource;
    kind: Pick<ImportKind<never, string>, 'command' | 'effectiveAt'>;
    correlationId: string;
  },
): NewEvent {
  const { run, source } = stamp;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: {
      actor: run.actor.user,
      actorRole: run.actor.role,
      bodyId: run.bodyId,
      recordedAt: run.recordedAt.toISOString(),
      effectiveAt: stamp.kind.effectiveAt(event),
      correlationId: stamp.correlationId,
      command: stamp.kind.command,
      imported: { file: source.file, sha256: source.sha256, row },
    },
  };
}

/** The columns found, or a refusal naming what cannot be read and the columns a kind cannot do without. */
export function readableColumns<Field extends string>(
  match: ColumnMatch<Field>,
  required: readonly { readonly field: NoInfer<Field>; readonly holds: string }[],
): ColumnMatch<Field> {
  if (match.problems.length > 0)
    throw new DomainError(
      'COLUMNS_UNREADABLE',
      `the columns cannot be read: ${match.problems.join('; ')}`,
      'invalid',
      'map',
    );
  const missing = required.filter(({ field }) => match.columns[field] === undefined);
  if (missing.length > 0)
    throw new DomainError(
      'COLUMNS_MISSING',
      `no column holds ${missing.map(({ holds }) => holds).join(', ')}; name it with --map "Header=${missing[0].field}"`,
      'invalid',
      'map',
    );
  return match;
}

/** What every import's report says of its file: name, SHA-256, the columns read and those not. */
export interface FileReport {
  readonly file: string;
  readonly sha256: string;
  readonly columns: readonly { readonly field: string; readonly header: string }[];
  readonly unmatched: readonly string[];
}

export type ImportReport<Field extends string = string> = ImportOutcome<Field> & FileReport;

export function fileReport<Field extends string>(
  source: RegisterSource,
  match: ColumnMatch<Field>,
): FileReport {
  return {
    file: source.file,
    sha256: source.sha256,
    columns: (Object.entries(match.columns) as [string, number][]).map(([field, column]) => ({
      field,
      header: source.headers[column],
    })),
    unmatched: match.unmatched,
  };
}

/** The body a file is imported into, or 404 naming it. */
export async function bodyToImportInto(db: SqlQueryable, bodyId: string): Promise<BodyView> {
  const body = await findBody(db, bodyId);
  if (!body) throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
  return body;
}
