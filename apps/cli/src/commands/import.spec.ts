import { join } from 'node:path';
import { importCommand } from './import';

const WORK_PLAN = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'import',
  'work-plan-2017-18.csv',
);

describe('import actions --dry-run: what each row of a register would become, before anything is recorded', () => {
  it('reads seed 003’s work plan as it is, and refuses the row it cannot read, naming its cells', () => {
    const { report, refused } = importCommand([
      'actions',
      WORK_PLAN,
      '--plan',
      'Work Plan 2017-18',
      '--ref-prefix',
      'WP-2017-18',
      '--dry-run',
    ]);
    expect(refused).toBe(1);
    expect(report).toContain(
      'columns: objective ← "Objective", deliverable ← "Specific Deliverable", title ← "Actions", dueDate ← "Due Date", status ← "RAG", lastUpdate ← "Update"',
    );
    expect(report).toContain('5 rows read, 1 refused, 1 blank; 5 refs made');
    expect(report).toContain(
      'row 2: WP-2017-18/001 (ref made) "Engagement of staff in health and wellbeing"; lead unassigned; due Mar-18 (2018-03-31); GREEN; 0 updates',
    );
    expect(report).toContain(
      'row 4: WP-2017-18/003 (ref made) "Develop crime reduction campaign, / development of reduction materials"; lead unassigned; due Dec-17 (2017-12-31); RED; 2 updates',
    );
    expect(report).toContain(
      'row 5: WP-2017-18/004 (ref made) "Monitoring of progress via BeNCH"; lead unassigned; due On going (no date); no status; 0 updates',
    );
    expect(report).toContain(
      'row 7: WP-2017-18/005 (ref made) "Contribute to and provide thought leadership to the development of a Business Planning approach"; lead unassigned; due none; completed; 0 updates',
    );
    expect(report).toMatch(
      /row 8: C8 the action has no title or activity; D8 dueDate "Someday" is not a date.*; E8 "Purple" is not a status/,
    );
  });

  it('refuses what it cannot do yet, and columns it cannot place', () => {
    expect(() => importCommand(['actions', WORK_PLAN, '--plan', 'P'])).toThrow(
      'only --dry-run is built so far',
    );
    expect(() =>
      importCommand(['actions', WORK_PLAN, '--plan', 'P', '--map', 'Nowhere=title', '--dry-run']),
    ).toThrow('--map Nowhere=title: no column is headed "Nowhere"');
  });
});
