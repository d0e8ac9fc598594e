import { Response } from 'express';
import { csvOf } from '#application/exports/csv';
import { tableWorkbook } from '#application/exports/workbook';

/** Sends a table as a CSV or Excel download, never cached (it holds what only staff may see). */
export async function sendTable(
  response: Response,
  download: { format: 'csv' | 'xlsx'; name: string; sheet: string },
  columns: readonly { readonly header: string; readonly width: number }[],
  rows: readonly (readonly string[])[],
): Promise<void> {
  response.setHeader('Content-Disposition', `attachment; filename="${download.name}.${download.format}"`);
  response.setHeader('Cache-Control', 'no-store');
  if (download.format === 'csv') {
    response.type('text/csv').send(csvOf([columns.map((column) => column.header), ...rows]));
    return;
  }
  response
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(await tableWorkbook(download.sheet, columns, rows));
}
