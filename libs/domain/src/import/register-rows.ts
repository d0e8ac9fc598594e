import { DueDate, parseDueDate } from '../action/due-date';
import { DomainError } from '../shared/domain-error';
import { IsoDate } from '../shared/event';
import { ColumnMatch, RegisterField } from './register-columns';
import { readDateCell, readStatusCell, splitDatedUpdates, StatusCell, StatusWord } from './register-cells';

/** A cell as a spreadsheet or CSV gives it. */
export type Cell = string | number | null | undefined;

/** One row of a register as the importer will record it. */
export interface RegisterRow {
  readonly rowNumber: number;
  readonly ref: string;
  /** The file had no ref: this one was made (and is reported). */
  readonly refGenerated: boolean;
  readonly title: string;
  /** As written; none means the action is recorded unassigned. */
  readonly lead: string | null;
  readonly theme: string | null;
  readonly objective: string | null;
  readonly deliverable: string | null;
  readonly dueDate: DueDate;
  readonly status: StatusCell;
  /** The date the register says the row was last updated, if it has one. */
  readonly updateDate: IsoDate | null;
  /** Progress entries with their dates; an undated one takes the update date, else none. */
  readonly updates: readonly { readonly on: IsoDate | null; readonly note: string }[];
}

/** Why a row is refused, and the cell to look at (`D7`). */
export interface RowProblem<Field extends string = RegisterField> {
  readonly cell: string;
  readonly field: Field;
  readonly text: string;
}

export type RowReading<Row = RegisterRow, Field extends string = RegisterField> =
  | { readonly kind: 'row'; readonly row: Row }
  | { readonly kind: 'refused'; readonly rowNumber: number; readonly problems: readonly RowProblem<Field>[] }
  | { readonly kind: 'blank'; readonly rowNumber: number };

/** A spreadsheet's name for a cell: column letters and the row number (0-based column). */
export function cellName(column: number, rowNumber: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${rowNumber}`;
}

/**
 * A row's cells as a reader asks for them: each field's text (trimmed; '' for none), whether the
 * row is blank, and its problems, each naming its cell.
 */
export function rowCells<Field extends string>(
  cells: readonly Cell[],
  rowNumber: number,
  match: ColumnMatch<Field>,
) {
  const valueOf = (field: Field) => {
    const column = match.columns[field];
    return column === undefined ? undefined : cells[column];
  };
  const text = (field: Field) => {
    const value = valueOf(field);
    return value === null || value === undefined ? '' : String(value).trim();
  };
  const problems: RowProblem<Field>[] = [];
  const problem = (field: Field, message: string) =>
    problems.push({ cell: cellName(match.columns[field] ?? 0, rowNumber), field, text: message });
  const blank = cells.every((cell) => cell === null || cell === undefined || String(cell).trim() === '');
  return { valueOf, text, blank, problems, problem };
}

const BARE_QUARTER = /^Q[1-4]$/i;

/** `Q4` in a plan's register means that quarter of the plan's year: written out, `Q4 2017/18`. */
function inPlanYear(written: string, planYear: string | null): string {
  if (!BARE_QUARTER.test(written)) return written;
  if (planYear === null)
    throw new DomainError(
      'QUARTER_WITHOUT_YEAR',
      `"${written}" names a quarter of no year: write it as ${written.toUpperCase()} 2017/18, or give the plan's year (--year 2017/18)`,
      'invalid',
      'dueDate',
    );
  return `${written.toUpperCase()} ${planYear}`;
}

/** The financial year a plan's name carries (`WP-2017-18` is 2017/18), if it carries one. */
export function planYearOf(plan: string): string | null {
  const match = /(20\d{2})[-/_](\d{2})(?!\d)/.exec(plan);
  return match ? `${match[1]}/${match[2]}` : null;
}

/**
 * Reads one row as a person would have recorded it: a missing ref made by `nextRef` (reported),
 * no lead as unassigned, due dates and statuses however the register wrote them, a cell of dated
 * updates as its entries. What cannot be read refuses the row, naming each cell and why.
 */
export function readRegisterRow(
  cells: readonly Cell[],
  rowNumber: number,
  match: ColumnMatch,
  nextRef: () => string,
  {
    yearStartMonth = 4,
    planYear = null,
    statusLabels = {},
  }: {
    yearStartMonth?: number;
    planYear?: string | null;
    /** The body's labels for statuses, lower case (see `readStatusCell`). */
    statusLabels?: Readonly<Record<string, StatusWord>>;
  } = {},
): RowReading {
  const { valueOf, text, blank, problems, problem } = rowCells(cells, rowNumber, match);
  if (blank) return { kind: 'blank', rowNumber };

  const title = text('title');
  if (title === '') problem('title', 'the action has no title or activity');
  let dueDate: DueDate = { written: '', date: null, precision: 'none' };
  try {
    // A spreadsheet stores a date typed into a cell as its serial number: read it as that day.
    const serial = /^\d{5}(\.\d+)?$/.test(text('dueDate')) ? readDateCell(text('dueDate')) : null;
    dueDate = parseDueDate(serial ?? inPlanYear(text('dueDate'), planYear), yearStartMonth);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problem('dueDate', error.message);
  }
  const status = readStatusCell(text('status'), statusLabels);
  if (status.kind === 'unreadable')
    problem('status', `"${status.written}" is not a status: write R, A, G, W (not started) or Complete`);
  const updateDate =
    match.columns.updateDate === undefined ? null : readDateCell(valueOf('updateDate') ?? '');
  if (text('updateDate') !== '' && updateDate === null)
    problem('updateDate', `"${text('updateDate')}" is not a date: write it like 10/10/2017`);
  if (problems.length > 0) return { kind: 'refused', rowNumber, problems };

  const { undated, entries } = splitDatedUpdates(text('lastUpdate'));
  const given = text('ref');
  const optional = (field: RegisterField) => text(field) || null;
  return {
    kind: 'row',
    row: {
      rowNumber,
      ref: given || nextRef(),
      refGenerated: given === '',
      title,
      lead: optional('leadOfficer'),
      theme: optional('theme'),
      objective: optional('objective'),
      deliverable: optional('deliverable'),
      dueDate,
      status,
      updateDate,
      updates: [...(undated ? [{ on: updateDate, note: undated }] : []), ...entries],
    },
  };
}
