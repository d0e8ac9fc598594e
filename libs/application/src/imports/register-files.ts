import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { exceljs } from '../exports/exceljs';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { Cell } from '#domain/import/register-rows';
import { DomainError } from '#domain/shared/domain-error';
import { RegisterSource } from './import-run';
import { fillMergedDown, mergedRangesIn } from './merged-cells';
import { inReadingOrder, openWorkbook, SheetPart, sheetOf } from './workbook-parts';

/** What a register file may be; configurable (IMPORT_MAX_BYTES), documented in the README. */
export interface ImportLimits {
  readonly maxBytes: number;
  /** Rows of one sheet or file: also what stops a zip bomb, whose sheet unpacks without end. */
  readonly maxRows: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 50 * 1024 * 1024, maxRows: 250_000 };

/** Notes on how the file was read, for the report (a Windows-1252 CSV, formulas taken at their values). */
export type ReadingNotes = string[];

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** How far the scan for merged cells reads a sheet unpacked, in multiples of the file's limit. */
const MERGE_SCAN_FACTOR = 20;

const refuse = (code: string, message: string) => new DomainError(code, message, 'invalid', 'file');

/**
 * Opens a register for import by its extension, after checking it is what it claims: an .xlsx is
 * a zip (an executable renamed is refused), a .csv is text (UTF-8, or Windows-1252 as Excel saves
 * it in England, which is then noted). Rows are read afresh from the file at each pass, streamed.
 */
export async function registerFromFile(
  path: string,
  options: { sheet?: string; limits?: ImportLimits; name?: string } = {},
): Promise<{ source: RegisterSource; notes: ReadingNotes; bytes: number }> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const { size } = await stat(path);
  const file = options.name ?? basename(path);
  if (size > limits.maxBytes)
    throw refuse(
      'FILE_TOO_LARGE',
      `${file} is ${megabytes(size)}; an import takes at most ${megabytes(limits.maxBytes)} (IMPORT_MAX_BYTES)`,
    );
  const head = await firstBytes(path, 4096);
  const { sha256, utf8 } = await fingerprintOf(path);
  const notes: ReadingNotes = [];
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') {
    if (!head.subarray(0, 4).equals(ZIP_MAGIC))
      throw refuse(
        'NOT_A_SPREADSHEET',
        `${file} is not an Excel workbook (.xlsx): save it from Excel as .xlsx or .csv`,
      );
    const zip = await openWorkbook(path, file);
    const sheet = await sheetOf(zip, file, options.sheet);
    const merges = await mergedRangesIn(zip, sheet.part, MERGE_SCAN_FACTOR * limits.maxBytes);
    if (merges === 'unchecked')
      notes.push('merged cells were not looked for: the sheet unpacks to more than the scan reads');
    else if (merges.length > 0)
      notes.push(
        `cells merged in the sheet (${merges.map((range) => range.ref).join(', ')}): a range down a column ` +
          "is read as its first cell's value in each of its rows; across columns, in its first column only",
      );
    const fill = fillMergedDown(merges === 'unchecked' ? [] : merges);
    const rows = () => atMost(limits.maxRows, sheetRows(path, file, sheet, notes, fill));
    const headers = (await firstRow(rows())).map((cell) => String(cell ?? '').trim());
    return { source: { file, sha256, headers, rows: () => skipFirst(rows()) }, notes, bytes: size };
  }
  if (extension !== '.csv')
    throw refuse(
      'UNKNOWN_FILE_KIND',
      `${file}: import reads .csv or .xlsx files; save the register as one of them`,
    );
  if (head.includes(0)) throw refuse('NOT_TEXT', `${file} is not a text file: a CSV holds no NUL bytes`);
  const encoding = utf8 ? 'utf-8' : 'windows-1252';
  if (encoding === 'windows-1252')
    notes.push(`${file} is not UTF-8: read as Windows-1252, as Excel saves CSV files`);
  const rows = () => atMost(limits.maxRows, csvRows(path, encoding));
  const headers = (await firstRow(rows())).map((cell) => String(cell ?? '').trim());
  return { source: { file, sha256, headers, rows: () => skipFirst(rows()) }, notes, bytes: size };
}

const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${bytes.toLocaleString('en-GB')} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path);
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One read of the file: its SHA-256, and whether it is UTF-8 throughout (a fatal decoder says no at the first byte that is not). */
async function fingerprintOf(path: string): Promise<{ sha256: string; utf8: boolean }> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let utf8 = true;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    if (utf8)
      try {
        decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        utf8 = false;
      }
  }
  if (utf8)
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  return { sha256: hash.digest('hex'), utf8 };
}

async function* csvRows(path: string, encoding: 'utf-8' | 'windows-1252'): AsyncIterable<Cell[]> {
  const decoder = new TextDecoder(encoding);
  const text = Readable.from(
    (async function* () {
      for await (const chunk of createReadStream(path))
        yield decoder.decode(chunk as Buffer, { stream: true });
      yield decoder.decode();
    })(),
  );
  yield* text.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
}

async function* sheetRows(
  path: string,
  file: string,
  sheet: SheetPart,
  notes: ReadingNotes,
  fill: (rowNumber: number, cells: Cell[]) => Cell[],
): AsyncIterable<Cell[]> {
  // Opened afresh at each pass, as a CSV is: an import's passes do not hold the file in memory.
  const parts = inReadingOrder(await openWorkbook(path, file), sheet);
  const workbook = new (exceljs().stream.xlsx.WorkbookReader)(parts, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let formulas = 0;
  for await (const worksheet of workbook)
    for await (const row of worksheet) {
      const values = (row as ExcelJS.Row).values as unknown[];
      const cells = values.slice(1).map((value) => {
        if (isFormula(value)) formulas += 1;
        return cellOf(value);
      });
      yield fill((row as ExcelJS.Row).number, cells);
    }
  if (formulas > 0 && !notes.some((note) => note.startsWith('formulas')))
    notes.push(`formulas in sheet "${sheet.name}" were read as the values Excel last saved for them`);
}

const isFormula = (value: unknown) => typeof value === 'object' && value !== null && 'formula' in value;

/** A spreadsheet cell as text or a number (dates as their serial numbers, formulas as their results). */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569; // back to Excel's serial
  const object = value as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
  if (object.richText) return object.richText.map((run) => run.text).join('');
  if ('result' in object) return cellOf(object.result);
  if (object.text !== undefined) return object.text;
  return object.error ?? null;
}

async function firstRow(rows: AsyncIterable<Cell[]>): Promise<Cell[]> {
  for await (const row of rows) return row;
  throw refuse('EMPTY_FILE', 'the file is empty: its first row should name the columns');
}

async function* atMost(limit: number, rows: AsyncIterable<Cell[]>): AsyncIterable<Cell[]> {
  let count = 0;
  for await (const row of rows) {
    if (++count > limit + 1)
      throw refuse(
        'TOO_MANY_ROWS',
        `the file has more than ${limit} rows; an import takes at most ${limit} (IMPORT_MAX_ROWS)`,
      );
    yield row;
  }
}

async function* skipFirst(rows: AsyncIterable<Cell[]>): AsyncIterable<Cell[]> {
  let first = true;
  for await (const row of rows) {
    if (!first) yield row;
    first = false;
  }
}
