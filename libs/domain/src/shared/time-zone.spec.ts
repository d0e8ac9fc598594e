import { instantAt, isTimeZone, localDateOf, localTimeLabelOf, requireTimeZone } from './time-zone';

describe('calendar days and hours in a body’s time zone', () => {
  it('reads the UK date of an instant: 23:30 UTC in summer is already tomorrow, in winter still today', () => {
    expect(localDateOf('2027-06-01T23:30:00Z', 'Europe/London')).toBe('2027-06-02');
    expect(localDateOf('2027-01-15T23:30:00Z', 'Europe/London')).toBe('2027-01-15');
    expect(localDateOf('2027-06-02T03:30:00Z', 'America/New_York')).toBe('2027-06-01');
    expect(localTimeLabelOf('2027-06-01T23:30:00Z', 'Europe/London')).toBe('2027-06-02 00:30 BST');
    expect(localTimeLabelOf('2027-01-15T23:30:00Z', 'Europe/London')).toBe('2027-01-15 23:30 GMT');
  });

  it.each([
    // 2026: clocks go forward on 29 March and back on 25 October; 2027: 28 March and 31 October.
    ['2026-03-28', '2026-03-28T08:00:00.000Z'],
    ['2026-03-29', '2026-03-29T07:00:00.000Z'],
    ['2026-10-24', '2026-10-24T07:00:00.000Z'],
    ['2026-10-25', '2026-10-25T08:00:00.000Z'],
    ['2027-03-27', '2027-03-27T08:00:00.000Z'],
    ['2027-03-28', '2027-03-28T07:00:00.000Z'],
    ['2027-10-30', '2027-10-30T07:00:00.000Z'],
    ['2027-10-31', '2027-10-31T08:00:00.000Z'],
  ])('puts 08:00 in London on %s at %s', (date, instant) => {
    expect(instantAt(date, 8, 'Europe/London')).toBe(instant);
  });

  it('gives the hour the clocks skip and the hour they repeat one answer each', () => {
    // 01:00 on 29 March 2026 never happens in London: read with GMT, it is 02:00 BST.
    expect(instantAt('2026-03-29', 1, 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
    expect(localTimeLabelOf('2026-03-29T01:00:00.000Z', 'Europe/London')).toBe('2026-03-29 02:00 BST');
    // 01:00 on 25 October 2026 happens twice: the second time, in GMT (the day's own offset).
    expect(instantAt('2026-10-25', 1, 'Europe/London')).toBe('2026-10-25T01:00:00.000Z');
    expect(localTimeLabelOf('2026-10-25T01:00:00.000Z', 'Europe/London')).toBe('2026-10-25 01:00 GMT');
    expect(instantAt('2026-11-03', 8, 'America/New_York')).toBe('2026-11-03T13:00:00.000Z');
  });

  it('knows time zones by their IANA names and refuses others, naming the field', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Londinium')).toBe(false);
    expect(isTimeZone(null)).toBe(false);
    expect(() => requireTimeZone('GMT+25', 'timeZone')).toThrow(/timeZone "GMT\+25" is not a time zone/);
  });
});
