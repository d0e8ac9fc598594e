import { proposalDatesOf } from './proposal-dates';
import { DEFAULT_STATUTORY_PERIODS } from './statutory-clock';

const periods = DEFAULT_STATUTORY_PERIODS;

describe('the statutory dates shown before a decision is proposed', () => {
  it('asks nothing of a decision that is not key', () => {
    expect(proposalDatesOf('2026-03-02', false, '2026-03-01', periods)).toEqual({
      route: 'not a key decision',
    });
  });

  it('gives the last day for the notice and the first lawful day if it is published today', () => {
    expect(proposalDatesOf('2026-04-30', true, '2026-03-01', periods)).toEqual({
      route: 'notice',
      publishNoticeBy: '2026-04-01',
      earliestIfPublishedToday: '2026-03-30',
      clearDays: 28,
    });
  });

  it('still allows the notice route on its last day, and not a day later', () => {
    expect(proposalDatesOf('2026-03-30', true, '2026-03-01', periods).route).toBe('notice');
    const late = proposalDatesOf('2026-03-29', true, '2026-03-01', periods);
    expect(late).toEqual({
      route: 'exception needed',
      publishNoticeBy: '2026-02-28',
      earliestIfPublishedToday: '2026-03-30',
      clearDays: 28,
      earliestUnderGeneralException: '2026-03-07',
    });
  });
});
