import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { matchColumns } from '#domain/import/register-columns';
import { readRegisterRow, RegisterRow, RowReading } from '#domain/import/register-rows';

export const importUsage = `import actions FILE.csv --plan PLAN [--ref-prefix PREFIX] [--map "Header=field" ...] --dry-run
  Reads an action register as a body keeps it (columns found by their headers, --map for odd
  ones) and reports what each row would become, and every row refused with its cell and why;
  exits 1 when a row is refused. Refs left blank are made as PREFIX/001, PREFIX/002, ...
  (PREFIX defaults to the plan). Only --dry-run is built so far: recording the rows is to come.`;

const STATUS_WORDS = { status: '', completed: 'completed', blank: 'no status', unreadable: '' } as const;

function describe(row: RegisterRow): string {
  const status = row.status.kind === 'status' ? row.status.status : STATUS_WORDS[row.status.kind];
  const due = row.dueDate.written
    ? `${row.dueDate.written}${row.dueDate.date ? ` (${row.dueDate.date})` : ' (no date)'}`
    : 'none';
  const updates = row.updates.length === 1 ? '1 update' : `${row.updates.length} updates`;
  return (
    `row ${row.rowNumber}: ${row.ref}${row.refGenerated ? ' (ref made)' : ''} "${row.title}"; ` +
    `lead ${row.lead ?? 'unassigned'}; due ${due}; ${status}; ${updates}`
  );
}

/** `import actions FILE --dry-run`: the report a secretary reads before anything is recorded. */
export function importCommand(args: string[]): { report: string; refused: number } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      'ref-prefix': { type: 'string' },
      map: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [what, file] = positionals;
  if (what !== 'actions' || !file) throw new Error(`name what to import and the file\n${importUsage}`);
  if (!values.plan) throw new Error(`--plan is required: the plan the actions belong to\n${importUsage}`);
  if (!values['dry-run'])
    throw new Error('only --dry-run is built so far (issue 14): recording the rows is to come');
  const records = parse(readFileSync(file), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];
  const [headers = [], ...rows] = records;
  const match = matchColumns(headers, values.map ?? []);
  if (match.problems.length > 0) throw new Error(`the columns cannot be read:\n${match.problems.join('\n')}`);
  if (match.columns.title === undefined)
    throw new Error(`no column holds the actions' titles; name it with --map "Header=title"`);
  const prefix = values['ref-prefix'] ?? values.plan;
  let made = 0;
  const nextRef = () => `${prefix}/${String(++made).padStart(3, '0')}`;
  // The header is the file's row 1: data rows are numbered as a spreadsheet shows them.
  const readings: RowReading[] = rows.map((cells, i) => readRegisterRow(cells, i + 2, match, nextRef));
  const read = readings.flatMap((reading) => (reading.kind === 'row' ? [reading.row] : []));
  const refused = readings.flatMap((reading) => (reading.kind === 'refused' ? [reading] : []));
  const blank = readings.filter((reading) => reading.kind === 'blank').length;
  const columns = Object.entries(match.columns)
    .map(([field, column]) => `${field} ← "${headers[column as number]}"`)
    .join(', ');
  const lines = [
    `dry run: ${file} into plan "${values.plan}": nothing is recorded`,
    `columns: ${columns}${match.unmatched.length ? `; not read: ${match.unmatched.map((h) => `"${h}"`).join(', ')}` : ''}`,
    `${read.length} rows read, ${refused.length} refused, ${blank} blank; ${made} refs made`,
    '',
    ...read.map(describe),
    ...(refused.length > 0 ? ['', 'refused:'] : []),
    ...refused.map(
      (reading) =>
        `row ${reading.rowNumber}: ${reading.problems.map((p) => `${p.cell} ${p.text}`).join('; ')}`,
    ),
  ];
  return { report: lines.join('\n'), refused: refused.length };
}
