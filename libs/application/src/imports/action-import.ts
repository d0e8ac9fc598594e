import { actionIdFor, actionStream } from '#domain/action/action-ids';
import { ActionEvent, effectiveDateOf } from '#domain/action/action.events';
import { decideImportedRow } from '#domain/import/imported-action';
import { StatusWord } from '#domain/import/register-cells';
import { RagStatus } from '#domain/action/rag-status';
import { StatusDisplay } from '#domain/body/body-settings';
import { ColumnMatch, matchColumns, RegisterField } from '#domain/import/register-columns';
import { cellName, planYearOf, readRegisterRow, RegisterRow } from '#domain/import/register-rows';
import { StoredDomainEvent } from '#domain/shared/event';
import { localDateOf } from '#domain/shared/time-zone';
import { SqlQueryable } from '#database/sql-database';
import { EventStore } from '#event-store';
import { leadCandidates } from '#projections/people/people.queries';
import { leadsAmong } from '../action-leads';
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

export interface ActionImportRequest extends ImportRun<RegisterRow> {
  readonly plan: string;
  readonly refPrefix?: string;
  /** The plan's financial year (`2017/18`), for due dates written `Q4`; read from the plan's name when not given. */
  readonly year?: string;
}

/** A row read, and what it became (or would become, in a dry run). */
export type ImportedRow = DecidedRow<RegisterRow>;

export interface ActionImportReport extends ImportReport<RegisterField> {
  readonly plan: string;
  readonly counts: ImportReport['counts'] & { readonly refsMade: number };
}

/** The columns of a register, or a refusal naming what cannot be read. */
export const registerColumns = (headers: readonly string[], map: readonly string[] = []): ColumnMatch =>
  readableColumns(matchColumns(headers, map), [{ field: 'title', holds: "the actions' titles" }]);

/**
 * Imports an action register into a plan: each row read as a person would have recorded it, then
 * the events that bring its action where the row says (see `decideImportedRow`), in one
 * transaction (see `runImport`).
 */
export async function importActions(
  parts: { store: EventStore; db: SqlQueryable },
  source: RegisterSource,
  request: ActionImportRequest,
): Promise<ActionImportReport> {
  const match = registerColumns(source.headers, request.map);
  const body = await bodyToImportInto(parts.db, request.bodyId);
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
    statusLabels: statusLabelsOf(body.settings.statusDisplay),
  };
  const prefix = request.refPrefix ?? request.plan;
  const cellOf = (field: RegisterField, rowNumber: number) => cellName(match.columns[field] ?? 0, rowNumber);
  let refsMade = 0;
  const streamOf = (row: RegisterRow) => actionStream(actionIdFor(request.bodyId, request.plan, row.ref));

  const kind: ImportKind<RegisterRow, RegisterField> = {
    command: 'ImportActions',
    reader: () => {
      refsMade = 0;
      const nextRef = () => `${prefix}/${String(++refsMade).padStart(3, '0')}`;
      return (cells, rowNumber) => readRegisterRow(cells, rowNumber, match, nextRef, reading);
    },
    keyOf: (row) => ({
      key: row.ref.trim().toUpperCase(),
      problem: (earlier) => ({
        cell: cellOf('ref', row.rowNumber),
        field: 'ref',
        text: `ref "${row.ref}" is also on row ${earlier}: a ref names one action`,
      }),
    }),
    streamOf,
    decide: (row, history, eventId) =>
      decideImportedRow(
        row,
        history as StoredDomainEvent<ActionEvent>[],
        // Several leads in one cell, as the register's own download writes them: `CR, Head of Finance`.
        leadsAmong(people, row.lead ? row.lead.split(/\s*[;,]\s*/) : []),
        settings,
        eventId,
      ),
    refusalOf: (row, error) => {
      const field = fieldOfRefusal(error.field, match);
      return { cell: cellOf(field, row.rowNumber), field, text: error.message };
    },
    effectiveAt: (event) => effectiveDateOf(event as ActionEvent),
  };
  const outcome = await runImport(parts.store, source, kind, request);
  return {
    ...outcome,
    ...fileReport(source, match),
    plan: request.plan,
    counts: { ...outcome.counts, refsMade },
  };
}

/** The body's labels for statuses, as its register pages and downloads write them. */
function statusLabelsOf(display: Readonly<Record<RagStatus, StatusDisplay>>): Record<string, StatusWord> {
  return Object.fromEntries(
    Object.entries(display).map(([status, { label }]) => [
      label.trim().toLowerCase(),
      status === 'BLUE' ? 'completed' : (status as StatusWord),
    ]),
  );
}

/** The register's column for a field the action's rules refused (a date after today is the update's). */
function fieldOfRefusal(field: string | undefined, match: ColumnMatch): RegisterField {
  if (field === 'dueDate' || field === 'title' || field === 'ref') return field;
  return match.columns.updateDate !== undefined ? 'updateDate' : 'lastUpdate';
}
