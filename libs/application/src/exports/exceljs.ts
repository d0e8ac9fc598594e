import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded when a workbook is first made or read: it takes a quarter of a second to load,
 * which every start (and every test file) would pay for otherwise.
 */
export const exceljs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
