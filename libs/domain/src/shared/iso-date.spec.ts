import { addDays, dayNumberOf, isoDateOfDayNumber } from './iso-date';

const DAY_MS = 86_400_000;
const byDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

describe('dates by day number', () => {
  it('names every day from 1600 to 2400 as Date does, leap days and centuries included', () => {
    const from = dayNumberOf('1600-01-01');
    const until = dayNumberOf('2400-12-31');
    const different: number[] = [];
    for (let day = from; day <= until; day++)
      if (isoDateOfDayNumber(day) !== byDate(day)) different.push(day);
    expect(different).toEqual([]);
    expect(until - from).toBeGreaterThan(290_000);
  });

  it('leaves what arithmetic does not cover to Date: the far past and future, parts of days, NaN', () => {
    for (const day of [dayNumberOf('0000-01-01'), dayNumberOf('9999-12-31'), -800_000, 3_000_000, 12.5])
      expect(isoDateOfDayNumber(day)).toBe(byDate(day));
    expect(() => isoDateOfDayNumber(Number.NaN)).toThrow(RangeError);
  });

  it('adds days across months, leap years and the turn of a century', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('1999-12-31', 1)).toBe('2000-01-01');
    expect(addDays('2100-03-01', -1)).toBe('2100-02-28');
    expect(addDays('2026-12-03', -28)).toBe('2026-11-05');
  });
});
