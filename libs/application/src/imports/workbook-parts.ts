import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DomainError } from '#domain/shared/domain-error';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELATIONS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** The name ExcelJS's streaming reader looks for: the sheet read is packed again under it. */
const SHEET_READ = 'xl/worksheets/sheet1.xml';

/** A workbook that uses no shared strings still gets a table of them, empty. */
const NO_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/**
 * An .xlsx file unpacked far enough to find its parts by name (it is at most IMPORT_MAX_BYTES;
 * parts are unpacked when read). A zip that is damaged, or lacks the parts naming its sheets, is
 * refused: it is not a workbook Excel could open either.
 */
export async function openWorkbook(path: string, file: string): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await readFile(path));
  } catch (error) {
    throw damaged(file, `it cannot be unpacked (${(error as Error).message})`);
  }
  for (const part of [WORKBOOK, WORKBOOK_RELATIONS])
    if (!zip.file(part)) throw damaged(file, `it lacks ${part}, which names its sheets`);
  return zip;
}

const refuse = (code: string, message: string) => new DomainError(code, message, 'invalid', 'file');

const damaged = (file: string, why: string) =>
  refuse(
    'NOT_A_SPREADSHEET',
    `${file} is a damaged Excel workbook: ${why}. Open it in Excel and save it again as .xlsx or .csv`,
  );

/** A sheet of a workbook: its name on its tab, and the part holding its cells. */
export interface SheetPart {
  readonly name: string;
  readonly part: string;
}

/** The sheet named, or the first tab's; refused when there is none such, naming those there are. */
export async function sheetOf(zip: JSZip, file: string, name: string | undefined): Promise<SheetPart> {
  const sheets = await sheetsOf(zip);
  const chosen = name === undefined ? sheets[0] : sheets.find((sheet) => sheet.name === name);
  if (chosen === undefined)
    throw refuse(
      'NO_SUCH_SHEET',
      name === undefined
        ? `${file}: the workbook has no sheet`
        : `no sheet is named "${name}"; its sheets are ${sheets.map((sheet) => `"${sheet.name}"`).join(', ')}`,
    );
  if (!zip.file(chosen.part))
    throw damaged(file, `it lacks ${chosen.part}, the cells of sheet "${chosen.name}"`);
  return chosen;
}

/** The workbook's sheets in the order of their tabs, as its workbook part lists them. */
async function sheetsOf(zip: JSZip): Promise<SheetPart[]> {
  const workbook = await zip.file(WORKBOOK)!.async('string');
  const relations = await zip.file(WORKBOOK_RELATIONS)!.async('string');
  const targets = new Map(
    [...relations.matchAll(/<Relationship\b[^>]*>/g)]
      .map(([tag]) => attributesOf(tag))
      .map((relation) => [relation.get('Id'), relation.get('Target') ?? ''] as const),
  );
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map(([tag]) => {
    const sheet = attributesOf(tag);
    const target = targets.get(sheet.get('r:id')) ?? '';
    return { name: sheet.get('name') ?? '', part: target.startsWith('/') ? target.slice(1) : `xl/${target}` };
  });
}

const attributesOf = (tag: string) =>
  new Map([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map(([, name, value]) => [name, unescapeXml(value)]));

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * The parts ExcelJS's streaming reader needs to read one sheet, packed again (stored, not
 * compressed) in the order it needs them, the sheet under the one name it looks for. It reads a
 * zip front to back and cannot read a sheet met before the workbook's part (it fails on it), nor
 * one met before the shared strings without parking it in a temporary file; Excel writes the
 * workbook's part first, but ExcelJS itself and other tools write it last. The sheet stays
 * streamed: one that unpacks without end is stopped by the rows' limit.
 */
export function inReadingOrder(zip: JSZip, sheet: SheetPart): Readable {
  const packed = new JSZip();
  for (const part of [WORKBOOK_RELATIONS, WORKBOOK]) packed.file(part, streamOf(zip, part));
  packed.file(SHARED_STRINGS, zip.file(SHARED_STRINGS) ? streamOf(zip, SHARED_STRINGS) : NO_SHARED_STRINGS);
  packed.file(SHEET_READ, streamOf(zip, sheet.part));
  return new Readable().wrap(packed.generateNodeStream({ streamFiles: true, compression: 'STORE' }));
}

// JSZip hands back an old-style stream: wrapped, it is a Readable every reader takes.
const streamOf = (zip: JSZip, part: string) => new Readable().wrap(zip.file(part)!.nodeStream());
