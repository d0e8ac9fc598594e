import { Options, stringify } from 'csv-stringify/sync';

/** What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Records as CSV that a spreadsheet opens as text: a cell that would start a formula (a title
 * typed as `=HYPERLINK(...)`) is prefixed with an apostrophe, which Excel and LibreOffice show as
 * text. Every CSV the engine writes goes through here.
 */
export function csvOf(records: readonly unknown[], options: Options = {}): string {
  return stringify([...records], {
    ...options,
    cast: { ...options.cast, string: (value) => (FORMULA_START.test(value) ? `'${value}` : value) },
  });
}
