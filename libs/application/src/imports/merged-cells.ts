import type JSZip from 'jszip';
import { Readable } from 'node:stream';
import { Cell } from '#domain/import/register-rows';

/** A range of merged cells (`C3:C5`), by 1-based row and column. */
export interface MergedRange {
  readonly ref: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const columnNumber = (letters: string) =>
  [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);

const MERGE = /<mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/g;

/**
 * The merged cells of a workbook's sheet (its part, e.g. `xl/worksheets/sheet1.xml`). ExcelJS's
 * streaming reader passes over them, and a sheet lists them after its rows, so the sheet's XML is
 * scanned first, streamed, up to `maxBytes` unpacked ('unchecked' past that: a zip bomb is stopped
 * by the rows' limit when they are read).
 */
export async function mergedRangesIn(
  zip: JSZip,
  part: string,
  maxBytes: number,
): Promise<MergedRange[] | 'unchecked'> {
  const entry = zip.file(part);
  if (!entry) return [];

  const found = new Map<string, MergedRange>();
  let carry = '';
  let bytes = 0;
  // JSZip hands back an old-style stream: wrapped, it can be read with for await.
  for await (const chunk of new Readable().wrap(entry.nodeStream()) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) return 'unchecked';
    // Tags are ASCII: latin1 never splits a character across chunks; a tag split across two is
    // found in the carried tail.
    const text = carry + chunk.toString('latin1');
    for (const [, fromColumn, fromRow, toColumn, toRow] of text.matchAll(MERGE)) {
      const ref = `${fromColumn}${fromRow}:${toColumn}${toRow}`;
      found.set(ref, {
        ref,
        top: Number(fromRow),
        left: columnNumber(fromColumn),
        bottom: Number(toRow),
        right: columnNumber(toColumn),
      });
    }
    carry = text.slice(-100);
  }
  return [...found.values()];
}

/**
 * Reads a merged range down its column as a person reads it: each row of the range has the value
 * of its first cell (a theme merged over the rows of its actions). Across columns a merged value
 * stays in its first column only: it belongs to one field.
 */
export function fillMergedDown(merges: readonly MergedRange[]) {
  const remembered = new Map<MergedRange, Cell>();
  return (rowNumber: number, cells: Cell[]): Cell[] => {
    for (const range of merges) {
      if (rowNumber === range.top) remembered.set(range, cells[range.left - 1]);
      else if (rowNumber > range.top && rowNumber <= range.bottom && range.bottom > range.top) {
        while (cells.length < range.left) cells.push(null);
        cells[range.left - 1] = remembered.get(range) ?? null;
      }
    }
    return cells;
  };
}
