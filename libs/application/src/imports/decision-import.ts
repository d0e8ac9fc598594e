import { DecisionNumberAssigned } from '#domain/decision/decision-numbering';
import { decisionEffectiveDateOf, DecisionEvent } from '#domain/decision/decision.events';
import {
  continueNumbers,
  DecisionLogField,
  DecisionLogRow,
  decideImportedDecision,
  fieldOfDecisionRefusal,
  importedDecisionId,
  matchDecisionLogColumns,
  NumbersGiven,
  numbersGivenOf,
  readDecisionLogRow,
} from '#domain/import/decision-log';
import { cellName } from '#domain/import/register-rows';
import { DomainError } from '#domain/shared/domain-error';
import { StoredDomainEvent } from '#domain/shared/event';
import { decisionNumbersStream, decisionStream } from '#domain/shared/record-ids';
import { SqlQueryable } from '#database/sql-database';
import { EventStore } from '#event-store';
import {
  bodyToImportInto,
  DecidedRow,
  fileReport,
  ImportKind,
  ImportReport,
  ImportRun,
  readableColumns,
  RegisterSource,
  runImport,
} from './import-run';

export type DecisionImportRequest = ImportRun<DecisionLogRow>;

export interface DecisionImportReport extends ImportReport<DecisionLogField> {
  /** The number the body's register gives next, once this log is in. */
  readonly nextNumber: number | null;
}

export type ImportedDecision = DecidedRow<DecisionLogRow>;

/**
 * Imports a decision log: each decision proposed, taken, numbered in its series and (when the log
 * says so) published, as a secretary would have recorded it; the body's register of numbers goes
 * on after the log's last, in the same transaction (see `runImport`).
 */
export async function importDecisions(
  parts: { store: EventStore; db: SqlQueryable },
  source: RegisterSource,
  request: DecisionImportRequest,
): Promise<DecisionImportReport> {
  const match = readableColumns(matchDecisionLogColumns(source.headers, request.map ?? []), []);
  if (match.columns.number === undefined && match.columns.expectedOn === undefined)
    throw new DomainError(
      'COLUMNS_MISSING',
      'no column holds the decisions\' numbers (a decision log) or the days they are expected (a forward plan); name one with --map "Header=number"',
      'invalid',
      'map',
    );
  const body = await bodyToImportInto(parts.db, request.bodyId);
  const settings = {
    bodyId: request.bodyId,
    periods: body.settings.statutoryPeriods,
    subjectToCallIn: body.settings.decisions.subjectToCallIn,
    file: source.file,
  };
  const numbersStream = decisionNumbersStream(request.bodyId);
  let numbers: NumbersGiven & { revision: number } = { last: null, owners: new Map(), revision: -1 };
  const cellOf = (field: DecisionLogField, rowNumber: number) =>
    cellName(match.columns[field] ?? 0, rowNumber);
  // A number the register has given names its decision (a download of the register re-imported),
  // as does an id a download wrote; any other decision's id follows from its number or subject.
  const idOf = (row: DecisionLogRow) =>
    (row.number === null ? undefined : numbers.owners.get(row.number)) ??
    row.id ??
    importedDecisionId(request.bodyId, row);
  // Rows whose number this import gives: their allocation goes on the body's register alongside.
  const numbering = new Set<number>();

  const kind: ImportKind<DecisionLogRow, DecisionLogField> = {
    command: 'ImportDecisions',
    prepare: async (streams) => {
      const given = (await streams.readStreams([numbersStream])).get(numbersStream) ?? [];
      const allocations = given.map((event) => event.data as DecisionNumberAssigned['data']);
      numbers = { ...numbersGivenOf(allocations), revision: given.length - 1 };
      numbering.clear();
    },
    reader: () => (cells, rowNumber) => readDecisionLogRow(cells, rowNumber, match),
    keyOf: (row) =>
      row.number === null
        ? {
            key: idOf(row),
            problem: (earlier) => ({
              cell: cellOf('subject', row.rowNumber),
              field: 'subject',
              text: `this decision is also on row ${earlier}: a decision to come is listed once`,
            }),
          }
        : {
            key: `#${row.number}`,
            problem: (earlier) => ({
              cell: cellOf('number', row.rowNumber),
              field: 'number',
              text: `number ${row.number} is also on row ${earlier}: a number names one decision`,
            }),
          },
    streamOf: (row) => decisionStream(idOf(row)),
    decide: (row, history, eventId) => {
      const decision = decideImportedDecision(
        row,
        history as StoredDomainEvent<DecisionEvent>[],
        settings,
        eventId,
      );
      const { number } = row;
      if (
        decision.kind === 'new' &&
        number !== null &&
        continueNumbers({ ...row, number }, idOf(row), numbers)
      )
        numbering.add(row.rowNumber);
      return decision;
    },
    refusalOf: (row, error) => {
      const field = fieldOfDecisionRefusal(error);
      return { cell: cellOf(field, row.rowNumber), field, text: error.message };
    },
    effectiveAt: (event) => decisionEffectiveDateOf(event as DecisionEvent),
    alongside: async (decided, _streams, eventId) => {
      const given = decided.filter(({ row }) => numbering.has(row.rowNumber));
      if (given.length === 0) return [];
      const expectedRevision = numbers.revision < 0 ? ('no_stream' as const) : numbers.revision;
      const events = given.map(({ row }, index) => ({
        row: row.rowNumber,
        event: {
          id: eventId(numbersStream, numbers.revision + 1 + index),
          type: 'DecisionNumberAssigned',
          schemaVersion: 1,
          data: { decisionId: idOf(row), number: row.number as number },
        } satisfies StoredDomainEvent<DecisionNumberAssigned>,
      }));
      numbers.revision += events.length;
      return [{ streamId: numbersStream, expectedRevision, events }];
    },
  };
  const outcome = await runImport(parts.store, source, kind, request);
  return {
    ...outcome,
    ...fileReport(source, match),
    nextNumber: numbers.last === null ? null : numbers.last + 1,
  };
}
