import { exceljs } from './exceljs';

/** A table as an Excel workbook: one sheet, a bold header row kept in view, text wrapped. */
export async function tableWorkbook(
  sheetName: string,
  columns: readonly { readonly header: string; readonly width: number }[],
  rows: readonly (readonly string[])[],
): Promise<Buffer> {
  const book = new (exceljs().Workbook)();
  book.creator = 'Governance engine';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}
