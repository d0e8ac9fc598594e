import {
  continueNumbers,
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
});
