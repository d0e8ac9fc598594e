import { yearOfMeetings } from './meeting-calendar';

describe('a year of meetings from a board’s cadence', () => {
  it('keeps a bi-monthly panel to the same weekday of the month: the third Friday', () => {
    // 17 July 2015 was the third Friday of July.
    expect(yearOfMeetings('2015-07-17', { every: 2, unit: 'months' }, []).map((each) => each.date)).toEqual([
      '2015-07-17',
      '2015-09-18',
      '2015-11-20',
      '2016-01-15',
      '2016-03-18',
      '2016-05-20',
    ]);
  });

  it('takes the last of a weekday when a month has no fifth', () => {
    // 29 January 2015 was the fifth Thursday; February 2015 has four.
    expect(
      yearOfMeetings('2015-01-29', { every: 1, unit: 'months' }, [])
        .slice(0, 3)
        .map((each) => each.date),
    ).toEqual(['2015-01-29', '2015-02-26', '2015-03-26']);
  });

  it('steps a six-weekly board by whole weeks, within the year', () => {
    const dates = yearOfMeetings('2026-01-08', { every: 6, unit: 'weeks' }, []).map((each) => each.date);
    expect(dates).toHaveLength(9);
    expect(dates.slice(0, 3)).toEqual(['2026-01-08', '2026-02-19', '2026-04-02']);
    expect(dates.at(-1)).toBe('2026-12-10');
  });

  it('says which dates the board already meets on', () => {
    const plan = yearOfMeetings('2015-07-17', { every: 2, unit: 'months' }, ['2015-09-18']);
    expect(plan.filter((each) => each.alreadyScheduled)).toEqual([
      { date: '2015-09-18', alreadyScheduled: true },
    ]);
  });
});
