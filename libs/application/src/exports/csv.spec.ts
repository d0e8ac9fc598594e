import { csvOf } from './csv';

describe('CSV that a spreadsheet opens as text', () => {
  it('neutralises a cell that would start a formula, and leaves the rest as typed', () => {
    const csv = csvOf([
      ['=HYPERLINK("http://evil.example","click")', '+1', '-1', '@SUM(A1)', '\tTab'],
      ['Award of the contract', 'Q2 2017/18', 42, '2017-09-30', ''],
    ]);
    expect(csv.split('\n')[0]).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")",'+1,'-1,'@SUM(A1),'\tTab`,
    );
    expect(csv.split('\n')[1]).toBe('Award of the contract,Q2 2017/18,42,2017-09-30,');
  });
});
