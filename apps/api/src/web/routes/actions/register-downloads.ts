import { csvOf } from '#application/exports/csv';
import { exceljs } from '#application/exports/exceljs';
import { RagStatus } from '#domain/action/rag-status';
import { StatusDisplay } from '#domain/body/body-settings';
import { RegisterLine } from '#projections/action-register/register-as-at.queries';
import { statusLabel } from './register-view';

const HEADERS = [
  'Plan',
  'Theme',
  'Ref',
  'Lead officer',
  'Strategic activity',
  'Due',
  'Status',
  'Update',
  'Status effective on',
];

function cellsOf(line: RegisterLine, display: Readonly<Record<RagStatus, StatusDisplay>>): string[] {
  return [
    line.plan,
    line.theme ?? '',
    line.ref,
    line.leadOfficers.join(', '),
    line.title,
    line.dueWritten,
    statusLabel(line.status, display),
    line.update ?? '',
    line.statusEffectiveOn ?? '',
  ];
}

/** The register page's table as CSV, every line the filters match (not one page). */
export function registerCsv(
  lines: readonly RegisterLine[],
  display: Readonly<Record<RagStatus, StatusDisplay>>,
): string {
  return csvOf([HEADERS, ...lines.map((line) => cellsOf(line, display))]);
}

/**
 * The same table as an Excel workbook: a header row kept in view, the status cell in its colour;
 * with the status key, a second sheet holds the RAG report as at the date.
 */
export async function registerWorkbook(
  lines: readonly RegisterLine[],
  display: Readonly<Record<RagStatus, StatusDisplay>>,
  title: string,
  key?: {
    readonly asAt: string;
    readonly before: string;
    readonly rows: readonly {
      tag: { text: string };
      meaning: string;
      now: string;
      before: string;
      change: string;
    }[];
  },
): Promise<Buffer> {
  const book = new (exceljs().Workbook)();
  book.creator = 'Governance engine';
  const sheet = book.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((header, index) => ({
    header,
    width: [24, 24, 8, 14, 60, 12, 14, 80, 14][index],
  }));
  sheet.getRow(1).font = { bold: true };
  for (const line of lines) {
    const row = sheet.addRow(cellsOf(line, display));
    row.alignment = { wrapText: true, vertical: 'top' };
    if (line.status in display) {
      const colour = display[line.status as RagStatus].colour.replace('#', '').toUpperCase();
      if (/^[0-9A-F]{6}$/.test(colour))
        row.getCell(7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour}` } };
    }
  }
  if (key) {
    // The RAG report: the status key as at the date, beside the quarter before.
    const report = book.addWorksheet('Status key');
    report.columns = [
      { header: 'Status', width: 18 },
      { header: 'Meaning', width: 50 },
      { header: `As at ${key.asAt}`, width: 16 },
      { header: `At ${key.before}`, width: 16 },
      { header: 'Change', width: 12 },
    ];
    report.getRow(1).font = { bold: true };
    for (const row of key.rows) report.addRow([row.tag.text, row.meaning, row.now, row.before, row.change]);
  }
  book.title = title;
  return Buffer.from(await book.xlsx.writeBuffer());
}
