import { matchColumns } from './register-columns';
import { cellName, planYearOf, readRegisterRow } from './register-rows';

describe('reading a register row as a person would have recorded it', () => {
  const workPlan = matchColumns([
    'Objective',
    'Specific Deliverable',
    'Actions',
    'Due Date',
    'RAG',
    'Update',
  ]);
  let made = 0;
  const nextRef = () => `WP-2017-18/${String(++made).padStart(3, '0')}`;

  it('takes seed 003’s rows as they are: no ref (one is made), no lead, due dates as written', () => {
    const row = readRegisterRow(
      ['Swift and Sure Justice', 'GPS Pilot', 'Monitoring of progress via BeNCH', 'On going', '', ''],
      7,
      workPlan,
      nextRef,
    );
    expect(row).toMatchObject({
      kind: 'row',
      row: {
        ref: 'WP-2017-18/001',
        refGenerated: true,
        title: 'Monitoring of progress via BeNCH',
        lead: null,
        objective: 'Swift and Sure Justice',
        deliverable: 'GPS Pilot',
        dueDate: { written: 'On going', date: null, precision: 'none' },
        status: { kind: 'blank' },
        updates: [],
      },
    });
    const dated = readRegisterRow(
      [
        'Burglary',
        'Reduced burglaries',
        'Develop crime reduction campaign',
        'Dec-17',
        'A/G',
        '10.10.17 - Materials drafted. 14.11.17 - Campaign launched.',
      ],
      8,
      workPlan,
      nextRef,
    );
    expect(dated).toMatchObject({
      kind: 'row',
      row: {
        ref: 'WP-2017-18/002',
        dueDate: { written: 'Dec-17', date: '2017-12-31', precision: 'month' },
        status: { kind: 'status', status: 'AMBER' },
        updates: [
          { on: '2017-10-10', note: 'Materials drafted.' },
          { on: '2017-11-14', note: 'Campaign launched.' },
        ],
      },
    });
  });

  it('refuses a row it cannot read, naming each cell and why; a blank row is passed over', () => {
    const refused = readRegisterRow(
      ['Estates', 'Strategy', '', 'Someday', 'Purple', ''],
      12,
      workPlan,
      nextRef,
    );
    expect(refused).toEqual({
      kind: 'refused',
      rowNumber: 12,
      problems: [
        { cell: 'C12', field: 'title', text: 'the action has no title or activity' },
        { cell: 'D12', field: 'dueDate', text: expect.stringContaining('dueDate "Someday" is not a date') },
        {
          cell: 'E12',
          field: 'status',
          text: '"Purple" is not a status: write R, A, G, W (not started) or Complete',
        },
      ],
    });
    expect(readRegisterRow(['', null, undefined, ' '], 13, workPlan, nextRef)).toEqual({
      kind: 'blank',
      rowNumber: 13,
    });
  });

  it('reads a bare quarter as that quarter of the plan’s year, and asks for the year when none is known', () => {
    const cells = ['Estates', 'Strategy', 'Agree the estates strategy', 'Q4', 'G', ''];
    expect(
      readRegisterRow(cells, 9, workPlan, nextRef, { planYear: planYearOf('WP-2017-18') }),
    ).toMatchObject({
      row: { dueDate: { written: 'Q4 2017/18', date: '2018-03-31', precision: 'quarter' } },
    });
    expect(readRegisterRow(cells, 9, workPlan, nextRef)).toMatchObject({
      kind: 'refused',
      problems: [{ cell: 'D9', text: expect.stringContaining('"Q4" names a quarter of no year') }],
    });
    expect([planYearOf('Work plan 2017/18'), planYearOf('Theme 7')]).toEqual(['2017/18', null]);
  });

  it('names cells as spreadsheets do', () => {
    expect([cellName(0, 1), cellName(25, 2), cellName(26, 3), cellName(701, 4)]).toEqual([
      'A1',
      'Z2',
      'AA3',
      'ZZ4',
    ]);
  });
});
