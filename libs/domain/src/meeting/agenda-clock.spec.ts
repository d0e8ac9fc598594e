import { ENGLAND_BANK_HOLIDAYS } from '../decision/statutory-clock';
import { agendaIssueBy } from './agenda-clock';

describe('the day a meeting’s agenda is due (five clear working days)', () => {
  it('leaves out the meeting day, the day of issue and the weekend between', () => {
    // Thursday 4 June 2026: clear days Thu 28 May to Wed 3 June, the weekend not counted.
    expect(agendaIssueBy('2026-06-04', ENGLAND_BANK_HOLIDAYS)).toBe('2026-05-27');
  });

  it('does not count a bank holiday as a clear day', () => {
    // Friday 29 May 2026, after the spring bank holiday on Monday 25 May.
    expect(agendaIssueBy('2026-05-29', ENGLAND_BANK_HOLIDAYS)).toBe('2026-05-20');
    expect(agendaIssueBy('2026-05-29', [])).toBe('2026-05-21');
  });
});
