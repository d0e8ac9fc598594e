import { DomainError } from '../shared/domain-error';
import { parseDueDate } from './due-date';

describe('due dates as plans write them', () => {
  it.each([
    ['2018-03-31', '2018-03-31', 'day'],
    ['31/03/2018', '2018-03-31', 'day'],
    ['10.10.17', '2017-10-10', 'day'],
    ['Mar-18', '2018-03-31', 'month'],
    ['Sep-17', '2017-09-30', 'month'],
    ['Feb-20', '2020-02-29', 'month'],
    ['March 2018', '2018-03-31', 'month'],
    ['Q4 2017/18', '2018-03-31', 'quarter'],
    ['Q1 2017/18', '2017-06-30', 'quarter'],
    ['Q3 2017/18', '2017-12-31', 'quarter'],
    ['q2 2024/2025', '2024-09-30', 'quarter'],
    ['New plan for Oct 17', '2017-10-31', 'month'],
  ])('reads "%s" as due on %s with %s precision', (written, date, precision) => {
    expect(parseDueDate(written)).toEqual({ written, date, precision });
  });

  it.each(['TBC', 'Ongoing', 'ongoing', 'On going', 'On-going', ''])('keeps "%s" with no date', (written) => {
    expect(parseDueDate(written)).toEqual({ written, date: null, precision: 'none' });
  });

  it('counts quarters from the body’s own year start', () => {
    expect(parseDueDate('Q1 2018/19', 1).date).toBe('2018-03-31');
  });

  it.each(['31/13/18', '2018-02-30', 'soon', '32.10.17', 'Q5 2017/18', 'Q4 2017/19'])(
    'refuses "%s" and names the forms it accepts',
    (written) => {
      const attempt = () => parseDueDate(written);
      expect(attempt).toThrow(DomainError);
      expect(attempt).toThrow(/dueDate ".*" is not a date; use YYYY-MM-DD.*DD\.MM\.YY.*On going, or blank/);
    },
  );
});
