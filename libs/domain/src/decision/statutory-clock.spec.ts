import {
  clearDaysBetween,
  DEFAULT_STATUTORY_PERIODS,
  earliestDateAfterClearDays,
  endOfWorkingDays,
  isWorkingDay,
} from './statutory-clock';

const { bankHolidays } = DEFAULT_STATUTORY_PERIODS;

describe('statutory clocks', () => {
  it('counts clear days without the day of publication or the day of decision', () => {
    expect(clearDaysBetween('2026-03-01', '2026-03-02')).toBe(0);
    expect(clearDaysBetween('2026-03-01', '2026-03-30')).toBe(28);
    expect(clearDaysBetween('2026-03-01', '2026-03-29')).toBe(27);
  });

  it('gives the first lawful day after 28 clear days of notice, one day short being too early', () => {
    const earliest = earliestDateAfterClearDays('2026-03-01', 28);
    expect(earliest).toBe('2026-03-30');
    expect(clearDaysBetween('2026-03-01', earliest)).toBe(28);
  });

  it('counts 5 clear days under the general exception across a month end', () => {
    expect(earliestDateAfterClearDays('2026-01-28', 5)).toBe('2026-02-03');
  });

  it('skips weekends and bank holidays in a call-in window', () => {
    // Published Thursday 2 April 2026: Good Friday 3rd and Easter Monday 6th do not count.
    expect(endOfWorkingDays('2026-04-02', 5, bankHolidays)).toBe('2026-04-13');
    // Published on a Monday with no holidays: the window ends the next Monday.
    expect(endOfWorkingDays('2026-06-01', 5, bankHolidays)).toBe('2026-06-08');
  });

  it('knows Christmas 2026 falls back to Monday 28 December', () => {
    expect(isWorkingDay('2026-12-28', bankHolidays)).toBe(false);
    expect(isWorkingDay('2026-12-29', bankHolidays)).toBe(true);
    expect(isWorkingDay('2026-12-26', [])).toBe(false); // a Saturday
  });
});

describe('clear days and working days differ', () => {
  it('counts weekends and bank holidays as clear days: 28 clear days over Christmas still end on the 30th', () => {
    expect(earliestDateAfterClearDays('2026-12-01', 28)).toBe('2026-12-30');
    expect(clearDaysBetween('2026-12-01', '2026-12-29')).toBe(27);
  });

  it('starts a call-in window the day after publication, even when published on a Friday', () => {
    // Friday 27 Nov 2026: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 December.
    expect(endOfWorkingDays('2026-11-27', 5, bankHolidays)).toBe('2026-12-04');
    // Published on Christmas Eve 2026: 25th, 26th-27th (weekend) and 28th (substitute day) do not count.
    expect(endOfWorkingDays('2026-12-24', 5, bankHolidays)).toBe('2027-01-05');
  });
});
