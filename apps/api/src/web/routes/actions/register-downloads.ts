import { csvOf } from '#application/exports/csv';
import ExcelJS from 'exceljs';
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

/** The same table as an Excel workbook: a header row kept in view, the status cell in its colour. */
export async function registerWorkbook(
  lines: readonly RegisterLine[],
  display: Readonly<Record<RagStatus, StatusDisplay>>,
  title: string,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
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
  book.title = title;
  return Buffer.from(await book.xlsx.writeBuffer());
}
