import { IsoDate } from '../shared/event';
import { addDays, formatIsoDate, isRealDate } from '../shared/iso-date';

/** A status cell as registers write it: a status, completed, blank, or something to report. */
export type StatusCell =
  | { readonly kind: 'status'; readonly status: 'RED' | 'AMBER' | 'GREEN' | 'WHITE' }
  | { readonly kind: 'completed' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'unreadable'; readonly written: string };

export type StatusWord = 'RED' | 'AMBER' | 'GREEN' | 'WHITE' | 'completed' | 'cancelled';
const STATUS_WORDS: Record<string, StatusWord> = {
  r: 'RED',
  red: 'RED',
  a: 'AMBER',
  amber: 'AMBER',
  g: 'GREEN',
  green: 'GREEN',
  'on track': 'GREEN',
  w: 'WHITE',
  white: 'WHITE',
  grey: 'WHITE',
  gray: 'WHITE',
  'not started': 'WHITE',
  b: 'completed',
  blue: 'completed',
  complete: 'completed',
  completed: 'completed',
  done: 'completed',
  closed: 'completed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  withdrawn: 'cancelled',
};
/** What registers (and our own downloads) write for an action with no status yet. */
const NO_STATUS = new Set(['not yet reported', 'no status', 'not reported', 'n/a', '-']);
const SEVERITY = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const;

/**
 * Reads a RAG or BRAG cell: `G`, `Green`, `A`, `Red`, `Complete`, `Blue`... A Cyrillic or Greek
 * capital that looks like A or B (seed 000 has a Cyrillic А, pasted from elsewhere) is read as it looks. A split cell (`R/A`,
 * `Amber/Green`) is read as the worse of its two: an import never reports better than the paper.
 */
export function readStatusCell(
  written: string,
  /** The body's own labels (`On track`, `White (NS)`), lower case, and the status each stands for. */
  labels: Readonly<Record<string, StatusWord>> = {},
): StatusCell {
  const text = written
    .trim()
    .replace(/[\u0410\u0391]/g, 'A')
    .replace(/[\u0412\u0392]/g, 'B')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (text === '' || NO_STATUS.has(text)) return { kind: 'blank' };
  // A label's note in brackets (`White (NS)`) says no more than the colour.
  const whole = labels[text] ?? STATUS_WORDS[text] ?? STATUS_WORDS[text.replace(/\s*\(.*\)$/, '')];
  if (whole === 'completed' || whole === 'cancelled') return { kind: whole };
  if (whole) return { kind: 'status', status: whole };
  const parts = text.split(/\s*[/\\-]\s*/).map((part) => STATUS_WORDS[part]);
  if (parts.length === 2 && parts.every((part) => part && part !== 'completed' && part !== 'cancelled')) {
    const worst = parts.reduce((a, b) =>
      SEVERITY.indexOf(a as (typeof SEVERITY)[number]) >= SEVERITY.indexOf(b as (typeof SEVERITY)[number])
        ? a
        : b,
    );
    return { kind: 'status', status: worst as (typeof SEVERITY)[number] };
  }
  return { kind: 'unreadable', written: written.trim() };
}

const UK_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Excel counts days from 30 December 1899 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = '1899-12-30';

/** Two-digit years as registers write them: 17 is 2017 (these records start in the 2000s). */
const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/**
 * Reads a date cell: `10.10.17`, `31/03/2018`, `2018-03-31`, or the serial number a spreadsheet
 * stores (43190 is 31 March 2018). Null when it is not a date.
 */
export function readDateCell(cell: string | number): IsoDate | null {
  if (typeof cell === 'number' || /^\d{5}(\.\d+)?$/.test(cell.trim())) {
    const serial = Math.floor(Number(cell));
    // Serial numbers of the years 1955 to 2119: anything else is a number, not a date.
    return serial >= 20_000 && serial <= 80_000 ? addDays(EXCEL_EPOCH, serial) : null;
  }
  const text = cell.trim();
  const uk = UK_DATE.exec(text);
  if (uk) {
    const [day, month, year] = [Number(uk[1]), Number(uk[2]), fullYear(uk[3])];
    return isRealDate(year, month, day) ? formatIsoDate(year, month, day) : null;
  }
  const iso = ISO_DATE.exec(text);
  if (iso && isRealDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) return text;
  return null;
}

/** One dated entry of an update cell. */
export interface DatedUpdate {
  readonly on: IsoDate;
  readonly note: string;
}

/** A date opening an entry: `10.10.17 -`, `14/11/2017:`, at the start or after a space. */
const ENTRY_START = /(?:^|\s)(\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))\s*[-–:]\s*/g;

/**
 * Splits a cell of several dated updates ("10.10.17 - ... 14.11.17 - ...") into its entries, in the
 * order written; what comes before the first date (an undated update) is kept apart.
 */
export function splitDatedUpdates(text: string): { undated: string | null; entries: DatedUpdate[] } {
  const starts = [...text.matchAll(ENTRY_START)].filter((match) => readDateCell(match[1]) !== null);
  const lead = text.slice(0, starts[0]?.index ?? text.length).trim();
  const entries = starts.map((match, i) => ({
    on: readDateCell(match[1]) as IsoDate,
    note: text.slice((match.index ?? 0) + match[0].length, starts[i + 1]?.index ?? text.length).trim(),
  }));
  return { undated: lead === '' ? null : lead, entries: entries.filter((entry) => entry.note !== '') };
}
