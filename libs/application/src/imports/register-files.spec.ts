import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cell } from '#domain/import/register-rows';
import { registerFromFile } from './register-files';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'register-files-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbookParts(): Promise<JSZip> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Notes').addRow(['Read me first']);
  const sheet = workbook.addWorksheet('Work plan');
  sheet.addRow(['Ref', 'Activity', 'RAG']);
  sheet.addRow(['1.1', 'Set the precept', 'G']);
  sheet.addRow(['1.2', 'Review the estates strategy', 'A']);
  return JSZip.loadAsync(await workbook.xlsx.writeBuffer());
}

/** The workbook's parts written to a file in the order given, then every other part. */
async function fileWithPartsIn(name: string, order: string[], leaveOut: string[] = []): Promise<string> {
  const parts = await workbookParts();
  const repacked = new JSZip();
  const names = Object.keys(parts.files).filter((part) => !parts.files[part].dir);
  for (const part of [...order, ...names.filter((each) => !order.includes(each))])
    if (!leaveOut.includes(part)) repacked.file(part, await parts.file(part)!.async('nodebuffer'));
  const path = join(dir, name);
  writeFileSync(path, await repacked.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

async function rowsOf(
  path: string,
  sheet?: string,
): Promise<{ headers: string[]; rows: (readonly Cell[])[] }> {
  const { source } = await registerFromFile(path, { sheet });
  const rows: (readonly Cell[])[] = [];
  for await (const row of source.rows()) rows.push(row);
  return { headers: [...source.headers], rows };
}

const WORK_PLAN = {
  headers: ['Ref', 'Activity', 'RAG'],
  rows: [
    ['1.1', 'Set the precept', 'G'],
    ['1.2', 'Review the estates strategy', 'A'],
  ],
};

describe('reading a register from an .xlsx workbook', () => {
  it.each([
    ['the workbook part first, as Excel writes it', ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']],
    [
      'the sheets between the shared strings and the workbook part',
      [
        'xl/_rels/workbook.xml.rels',
        'xl/sharedStrings.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
      ],
    ],
    ['the sheets before everything else', ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml']],
  ])('reads the sheet whatever the order of its parts: %s', async (_, order) => {
    const path = await fileWithPartsIn(`order-${order.length}-${order[0].length}.xlsx`, order);
    expect(await rowsOf(path, 'Work plan')).toEqual(WORK_PLAN);
    expect(await rowsOf(path)).toEqual({ headers: ['Read me first'], rows: [] });
  });

  it('reads a workbook whose cells hold their own text, with no shared strings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Inline');
    sheet.addRow([1, 2.5]);
    sheet.addRow([3, 4]);
    const path = join(dir, 'numbers.xlsx');
    const parts = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    parts.remove('xl/sharedStrings.xml');
    writeFileSync(path, await parts.generateAsync({ type: 'nodebuffer' }));
    expect(await rowsOf(path)).toEqual({ headers: ['1', '2.5'], rows: [[3, 4]] });
  });

  it('refuses a damaged workbook with a message that says what to do, whatever part is missing', async () => {
    const noWorkbook = await fileWithPartsIn('no-workbook.xlsx', [], ['xl/workbook.xml']);
    await expect(registerFromFile(noWorkbook)).rejects.toMatchObject({
      code: 'NOT_A_SPREADSHEET',
      message:
        'no-workbook.xlsx is a damaged Excel workbook: it lacks xl/workbook.xml, which names its sheets. ' +
        'Open it in Excel and save it again as .xlsx or .csv',
    });
    const noRelations = await fileWithPartsIn('no-rels.xlsx', [], ['xl/_rels/workbook.xml.rels']);
    await expect(registerFromFile(noRelations)).rejects.toMatchObject({ code: 'NOT_A_SPREADSHEET' });

    const noCells = await fileWithPartsIn('no-cells.xlsx', [], ['xl/worksheets/sheet2.xml']);
    await expect(registerFromFile(noCells, { sheet: 'Work plan' })).rejects.toMatchObject({
      code: 'NOT_A_SPREADSHEET',
      message: expect.stringContaining('it lacks xl/worksheets/sheet2.xml, the cells of sheet "Work plan"'),
    });

    const whole = await fileWithPartsIn('whole.xlsx', []);
    const truncated = join(dir, 'truncated.xlsx');
    const bytes = readFileSync(whole);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(registerFromFile(truncated)).rejects.toMatchObject({
      code: 'NOT_A_SPREADSHEET',
      message: expect.stringMatching(/^truncated\.xlsx is a damaged Excel workbook: it cannot be unpacked/),
    });
  });
});
