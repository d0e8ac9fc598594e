import { DEFAULT_STATUTORY_PERIODS } from '../decision/statutory-clock';
import {
  continueNumbers,
  decideImportedDecision,
  DecisionLogRow,
  matchDecisionLogColumns,
  numbersGivenOf,
  readDecisionLogRow,
} from './decision-log';

describe('reading a decision log as bodies keep one', () => {
  const match = matchDecisionLogColumns([
    'Decision',
    'Date',
    'Decision maker',
    'Subject',
    'Key decision',
    'SPI',
    'Published',
  ]);
  const read = (number: string, subject = 'Fleet') =>
    readDecisionLogRow([number, '43190', 'PCC', subject, '', 'Yes', ''], 2, match);

  it('keeps the series and the number however the log writes them, and a subject written after the number', () => {
    expect(read('Executive Order 73')).toMatchObject({ row: { series: 'Executive Order', number: 73 } });
    expect(read('ED66')).toMatchObject({ row: { series: 'ED', number: 66 } });
    expect(read('73')).toMatchObject({ row: { series: null, number: 73 } });
    expect(read('Executive Order 68- Public Sector Audit Appointments', '')).toMatchObject({
      row: {
        series: 'Executive Order',
        number: 68,
        subject: 'Public Sector Audit Appointments',
        takenOn: '2018-03-31',
      },
    });
    expect(read('Executive Order')).toMatchObject({
      kind: 'refused',
      problems: [{ cell: 'A2', field: 'number' }],
    });
  });

  it('continues the register only upwards, and lets a decision keep the number it was given', () => {
    const given = numbersGivenOf([{ decisionId: 'd-1', number: 66 }]);
    const row = (number: number) => ({ ...(read(String(number)) as { row: DecisionLogRow }).row, number });
    expect(continueNumbers(row(66), 'd-1', given)).toBe(false);
    expect(() => continueNumbers(row(65), 'd-0', given)).toThrow(
      'number 65 does not continue the register, which has given 66',
    );
    expect(continueNumbers(row(67), 'd-2', given)).toBe(true);
    expect(given.last).toBe(67);
  });

  describe('a forward plan’s rows: decisions to come, with no number and no date taken', () => {
    const plan = matchDecisionLogColumns([
      'id',
      'expected_on',
      'subject',
      'decision_maker',
      'key_decision',
      'status',
    ]);
    const id = '31b8e7fe-58b6-48e0-86d0-51d7254f62b3';
    const settings = {
      bodyId: 'north',
      periods: DEFAULT_STATUTORY_PERIODS,
      subjectToCallIn: false,
      file: 'plan.csv',
    };
    const eventIds = (index: number) => `e-${index}`;

    it('reads the day expected and the id a download wrote, and refuses a row that says neither when nor which', () => {
      expect(readDecisionLogRow([id, '2017-06-30', 'Fleet', 'PCC', 'no', 'noticed'], 2, plan)).toMatchObject({
        kind: 'row',
        row: { id, number: null, takenOn: null, expectedOn: '2017-06-30' },
      });
      expect(readDecisionLogRow(['not-an-id', '', 'Fleet', 'PCC', 'no', ''], 3, plan)).toMatchObject({
        kind: 'refused',
        problems: [
          { cell: 'A3', field: 'id', text: '"not-an-id" is not a decision\'s id: leave the cell blank' },
          { cell: 'B3', field: 'expectedOn', text: expect.stringContaining('no date expected') },
        ],
      });
    });

    it('proposes a decision to come, defers it when the plan moves it, and refuses another body’s decision', () => {
      const row = (expectedOn: string) =>
        (readDecisionLogRow([id, expectedOn, 'Fleet', 'PCC', 'no', ''], 2, plan) as { row: DecisionLogRow })
          .row;
      const proposed = decideImportedDecision(row('2017-06-30'), [], settings, eventIds);
      expect(proposed).toMatchObject({ kind: 'new', events: [{ type: 'DecisionProposed' }] });
      expect(decideImportedDecision(row('2017-06-30'), proposed.events, settings, eventIds)).toMatchObject({
        kind: 'unchanged',
        events: [],
      });
      expect(decideImportedDecision(row('2017-08-11'), proposed.events, settings, eventIds)).toMatchObject({
        kind: 'changed',
        events: [{ type: 'DecisionDeferred', data: { expectedOn: '2017-08-11' } }],
      });
      expect(() =>
        decideImportedDecision(
          row('2017-06-30'),
          proposed.events,
          { ...settings, bodyId: 'south' },
          eventIds,
        ),
      ).toThrow(`${id} names a decision of another body`);
    });
  });
});
