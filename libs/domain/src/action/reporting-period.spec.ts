import { parseDueDate } from './due-date';
import { previousQuarterEnd, quarterEndsBetween, reportingQuarterOf } from './reporting-period';

describe('the reporting quarter of a date', () => {
  it.each([
    ['2017-04-01', 4, 'Q1 2017/18'],
    ['2017-09-30', 4, 'Q2 2017/18'],
    ['2017-12-31', 4, 'Q3 2017/18'],
    ['2018-03-31', 4, 'Q4 2017/18'],
    ['2018-01-15', 1, 'Q1 2018/18'],
    ['2017-09-30', 1, 'Q3 2017/17'],
    ['2017-08-01', 9, 'Q4 2016/17'],
    ['1999-12-31', 4, 'Q3 1999/00'],
  ])('%s with the year starting in month %i is %s', (date, yearStartMonth, quarter) => {
    expect(reportingQuarterOf(date, yearStartMonth)).toBe(quarter);
  });

  it('is written so the due-date reader finds the same quarter, ending on or after the date', () => {
    for (const yearStartMonth of [1, 4, 7, 10]) {
      for (const date of ['2017-01-01', '2017-05-20', '2017-09-30', '2017-12-31']) {
        const quarterEnd = parseDueDate(reportingQuarterOf(date, yearStartMonth), yearStartMonth)
          .date as string;
        expect(quarterEnd >= date).toBe(true);
        const daysAfter = (Date.parse(quarterEnd) - Date.parse(date)) / 86_400_000;
        expect(daysAfter).toBeLessThan(92);
      }
    }
  });
});

describe('quarter ends', () => {
  it.each([
    ['2017-09-30', 4, '2017-06-30'],
    ['2017-08-15', 4, '2017-06-30'],
    ['2017-07-01', 4, '2017-06-30'],
    ['2017-04-01', 4, '2017-03-31'],
    ['2018-02-10', 4, '2017-12-31'],
    ['2018-01-01', 1, '2017-12-31'],
    ['2017-08-01', 9, '2017-05-31'],
  ])('the quarter before the one %s is in (year from month %i) ended on %s', (date, start, end) => {
    expect(previousQuarterEnd(date, start)).toBe(end);
  });

  it('lists the quarter ends of a span, latest first, counting the last day of the span when it ends a quarter', () => {
    expect(quarterEndsBetween('2017-04-01', '2017-12-31', 4)).toEqual([
      '2017-12-31',
      '2017-09-30',
      '2017-06-30',
    ]);
    expect(quarterEndsBetween('2017-05-01', '2017-11-02', 4)).toEqual(['2017-09-30', '2017-06-30']);
    expect(quarterEndsBetween('2017-11-01', '2017-11-02', 4)).toEqual(['2017-09-30']);
  });
});
