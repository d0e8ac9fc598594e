import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../../apps/cli/src/commands/import';
import { DATABASES, startTestApi, TestApi, testConfig } from '../support/test-engine';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const WORK_PLAN = join(FIXTURES, 'work-plan-2017-18.csv');
const PLAN = 'Work Plan 2017-18';

interface RegisterItem {
  ref: string;
  title: string;
  status: string | null;
  dueDate: { written: string };
}

describe.each(DATABASES)('importing an action register from its spreadsheet (%s)', (kind) => {
  let api: TestApi;
  let dir: string;
  const config = testConfig();
  const run = (...args: string[]) =>
    importCommand(['actions', ...args, '--plan', PLAN], config, { engine: api.engine });
  const register = async (): Promise<RegisterItem[]> => {
    const token = api.token('auditor', 'auditor');
    const answer = await api
      .http()
      .get('/api/actions')
      .query({ plan: PLAN, limit: 100 })
      .set('Authorization', `Bearer ${token}`);
    expect(answer.status).toBe(200);
    return answer.body.items;
  };
  const importedEvents = () =>
    api.engine.db.query<{
      event_type: string;
      metadata: { imported?: { row: number; sha256: string }; actor: string };
    }>(`SELECT event_type, metadata FROM events WHERE metadata ? 'imported' ORDER BY global_position`);

  beforeAll(async () => {
    api = await startTestApi(kind);
    dir = mkdtempSync(join(tmpdir(), 'governance-import-'));
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports in a dry run what each row would become and each row refused, recording nothing', async () => {
    const { report, refused } = await run(WORK_PLAN, '--ref-prefix', 'WP-2017-18', '--dry-run');
    expect(refused).toBe(1);
    expect(report).toContain('work-plan-2017-18.csv');
    expect(report).toContain('dry run: nothing is recorded');
    expect(report).toContain(
      'columns: objective ← "Objective", deliverable ← "Specific Deliverable", title ← "Actions", dueDate ← "Due Date", status ← "RAG", lastUpdate ← "Update"',
    );
    expect(report).toContain('5 rows read (5 new, 0 changed, 0 unchanged), 1 refused, 1 blank; 5 refs made');
    expect(report).toContain(
      'row 4: WP-2017-18/003 (ref made) "Develop crime reduction campaign, / development of reduction materials"; lead unassigned; due Dec-17 (2017-12-31); RED; 2 updates → new, 4 events',
    );
    expect(report).toContain(
      'row 5: WP-2017-18/004 (ref made) "Monitoring of progress via BeNCH"; lead unassigned; due On going (no date); no status; 0 updates → new, 1 event',
    );
    expect(report).toMatch(
      /row 8: C8 the action has no title or activity; D8 dueDate "Someday" is not a date.*; E8 "Purple" is not a status/,
    );
    expect(await importedEvents()).toEqual([]);
  });

  it('records nothing of a file with a refused row, and the rows it can with --partial', async () => {
    const whole = await run(WORK_PLAN, '--ref-prefix', 'WP-2017-18');
    expect(whole.report).toContain('nothing recorded: a row was refused');
    expect(await importedEvents()).toEqual([]);

    const partial = await run(WORK_PLAN, '--ref-prefix', 'WP-2017-18', '--partial');
    expect(partial.refused).toBe(1);
    expect(partial.report).toMatch(/recorded 1\d events/);
    const items = await register();
    expect(items.map((item) => [item.ref, item.status]).sort()).toEqual([
      ['WP-2017-18/001', 'GREEN'],
      ['WP-2017-18/002', 'AMBER'],
      ['WP-2017-18/003', 'RED'],
      ['WP-2017-18/004', null],
      ['WP-2017-18/005', 'BLUE'],
    ]);
    const events = await importedEvents();
    const sha256 = (await import('node:crypto'))
      .createHash('sha256')
      .update(readFileSync(WORK_PLAN))
      .digest('hex');
    expect(events.every((event) => event.metadata.imported?.sha256 === sha256)).toBe(true);
    expect(
      events.filter((event) => event.metadata.imported?.row === 4).map((event) => event.event_type),
    ).toEqual(['ActionCreated', 'ActionProgressRecorded', 'ActionProgressRecorded', 'ActionStatusSet']);
    expect(events[0].metadata.actor).toMatch(/^command line \(/);
  });

  it('changes nothing when the same file is imported again, and records only the changes of a changed row', async () => {
    const before = (await importedEvents()).length;
    const again = await run(WORK_PLAN, '--ref-prefix', 'WP-2017-18', '--partial');
    expect(again.report).toContain('0 new, 0 changed, 5 unchanged');
    expect((await importedEvents()).length).toBe(before);

    const changed = join(dir, 'work-plan-changed.csv');
    writeFileSync(
      changed,
      readFileSync(WORK_PLAN, 'utf8')
        .replace(',Mar-18,G,', ',Q1,R,15.01.18 - Staff survey delayed.')
        .replace(/\n.*Someday.*\n/, '\n'),
    );
    const second = await run(changed, '--ref-prefix', 'WP-2017-18');
    expect(second.refused).toBe(0);
    expect(second.report).toContain('0 new, 1 changed, 4 unchanged');
    expect(second.report).toContain(
      'row 2: WP-2017-18/001 (ref made) "Engagement of staff in health and wellbeing"; lead unassigned; due Q1 2017/18',
    );
    const added = (await importedEvents()).slice(before).map((event) => event.event_type);
    expect(added).toEqual(['ActionProgressRecorded', 'ActionDueDateChanged', 'ActionStatusSet']);
    expect((await register()).find((item) => item.ref === 'WP-2017-18/001')).toMatchObject({ status: 'RED' });
  });

  it('imports seed 000’s Theme 7 register in one command, its odd cells as they are', async () => {
    const theme7 = join(FIXTURES, 'theme-7-2017-q2.csv');
    const { report, refused } = await importCommand(
      ['actions', theme7, '--plan', 'Police and Crime Plan 2016-18'],
      config,
      { engine: api.engine },
    );
    expect(refused).toBe(0);
    expect(report).toContain(
      '16 rows read (16 new, 0 changed, 0 unchanged), 0 refused, 0 blank; 0 refs made',
    );
    expect(report).toContain(
      'row 7: 7C06 "KD Actively support and work with partners to develop a business case and develop an appropriate relationship between the future Mayor and PCC, subject to local consent."; lead unassigned; due none; AMBER; 1 update → new, 3 events',
    );
    expect(report).toContain('row 15: 7F05 "PL7.5 - New: Introduce proactive mentoring');
    expect(report).toMatch(
      /row 15: 7F05 .*; lead DCC Barber; due none; no status; 2 updates → new, 3 events/,
    );
    const token = api.token('auditor', 'auditor');
    const listed = await api
      .http()
      .get('/api/actions')
      .query({ plan: 'Police and Crime Plan 2016-18', limit: 100 })
      .set('Authorization', `Bearer ${token}`);
    const statuses = (listed.body.items as { status: string | null }[]).map((item) => item.status ?? 'none');
    expect([
      statuses.filter((s) => s === 'GREEN').length,
      statuses.filter((s) => s === 'AMBER').length,
    ]).toEqual([6, 5]);
    expect(
      (
        await importCommand(['actions', theme7, '--plan', 'Police and Crime Plan 2016-18'], config, {
          engine: api.engine,
        })
      ).report,
    ).toContain('0 new, 0 changed, 16 unchanged');
  });

  it('reads the same register from an .xlsx workbook, by sheet, with dates as Excel stores them', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Read me first']);
    const sheet = workbook.addWorksheet('Work plan');
    const rows = parse(readFileSync(WORK_PLAN)) as string[][];
    rows.forEach((row) => sheet.addRow(row));
    sheet.addRow([
      'Finance',
      'Budget',
      'Set the precept',
      new Date(Date.UTC(2018, 1, 28)),
      'G',
      { formula: '"Agreed"', result: 'Agreed' },
    ]);
    const file = join(dir, 'work-plan.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const wrongSheet = run(file, '--sheet', 'Plan', '--dry-run');
    await expect(wrongSheet).rejects.toThrow('no sheet is named "Plan"; its sheets are "Notes", "Work plan"');
    const { report } = await run(file, '--sheet', 'Work plan', '--ref-prefix', 'XL', '--dry-run');
    expect(report).toContain('6 rows read (6 new, 0 changed, 0 unchanged), 1 refused');
    expect(report).toContain(
      'row 9: XL/006 (ref made) "Set the precept"; lead unassigned; due 2018-02-28 (2018-02-28); GREEN; 1 update',
    );
    expect(report).toContain(
      'formulas in sheet "Work plan" were read as the values Excel last saved for them',
    );
  });

  it('reads a theme merged down the rows of its actions as each row’s theme, and says which cells were merged', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Theme 7');
    sheet.addRow(['Ref', 'Theme', 'Strategic activity', 'Due', 'RAG']);
    sheet.addRow(['7.1', 'Effective partnerships', 'Joint commissioning with the council', 'Mar-18', 'G']);
    sheet.addRow(['7.2', null, 'Shared estates review', 'Mar-18', 'A']);
    sheet.addRow(['7.3', null, 'Blue light collaboration board', 'TBC', 'G']);
    sheet.addRow(['7.4', 'Victims', 'Victims’ hub', 'Mar-18', 'G']);
    sheet.addRow(['Note: reviewed by the panel in October', null, null, null, null]);
    sheet.mergeCells('B2:B4');
    sheet.mergeCells('A6:E6');
    const file = join(dir, 'merged.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const plan = 'Theme 7 merged';
    const { report } = await importCommand(['actions', file, '--plan', plan, '--partial'], config, {
      engine: api.engine,
    });
    expect(report).toContain(
      "cells merged in the sheet (B2:B4, A6:E6): a range down a column is read as its first cell's value in each of its rows; across columns, in its first column only",
    );
    const answer = await api
      .http()
      .get('/api/actions')
      .query({ plan, limit: 100 })
      .set('Authorization', `Bearer ${api.token('auditor', 'auditor')}`)
      .expect(200);
    const themes = Object.fromEntries(
      (answer.body.items as { ref: string; theme: string | null }[]).map((item) => [item.ref, item.theme]),
    );
    expect(themes).toEqual({
      '7.1': 'Effective partnerships',
      '7.2': 'Effective partnerships',
      '7.3': 'Effective partnerships',
      '7.4': 'Victims',
    });
  });

  it('refuses a file that is not what it claims, and reads a Windows-1252 CSV, saying so', async () => {
    const renamed = join(dir, 'payroll.xlsx');
    writeFileSync(renamed, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]));
    await expect(run(renamed, '--dry-run')).rejects.toThrow('payroll.xlsx is not an Excel workbook (.xlsx)');
    const binary = join(dir, 'binary.csv');
    writeFileSync(binary, Buffer.from([0x41, 0x00, 0x42]));
    await expect(run(binary, '--dry-run')).rejects.toThrow('binary.csv is not a text file');
    const other = join(dir, 'plan.ods');
    copyFileSync(WORK_PLAN, other);
    await expect(run(other, '--dry-run')).rejects.toThrow('import reads .csv or .xlsx files');

    const latin = join(dir, 'latin.csv');
    writeFileSync(latin, Buffer.from('Actions,RAG\nReview the café contract (£5k),G\n', 'latin1'));
    const { report } = await run(latin, '--dry-run');
    expect(report).toContain('latin.csv is not UTF-8: read as Windows-1252');
    expect(report).toContain('"Review the café contract (£5k)"');

    const small = { ...config, importLimits: { maxBytes: 100, maxRows: 3 } };
    await expect(
      importCommand(['actions', WORK_PLAN, '--plan', PLAN, '--dry-run'], small, { engine: api.engine }),
    ).rejects.toThrow(
      /work-plan-2017-18.csv is [\d,]+ bytes; an import takes at most 100 bytes \(IMPORT_MAX_BYTES\)/,
    );
    const fewRows = { ...config, importLimits: { maxBytes: 1_000_000, maxRows: 3 } };
    await expect(
      importCommand(['actions', WORK_PLAN, '--plan', PLAN, '--dry-run'], fewRows, { engine: api.engine }),
    ).rejects.toThrow('the file has more than 3 rows');
  });
});
