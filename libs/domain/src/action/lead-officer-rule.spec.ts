import { DomainError } from '../shared/domain-error';
import { assertMayReportOn } from './lead-officer-rule';

const action = {
  ref: '7C01',
  leadOfficers: ['CR', 'Head of Finance', 'Carol Reid'],
  leadPersonIds: [null, null, 'p-carol'],
};

describe('who may report on an action', () => {
  it('lets any of its leads report, matching names without regard to case or spaces', () => {
    expect(() => assertMayReportOn(action, { user: ' cr ', role: 'officer' })).not.toThrow();
    expect(() => assertMayReportOn(action, { user: 'head of finance', role: 'officer' })).not.toThrow();
  });

  it('lets a person of the directory report on the actions that name them, whatever their email', () => {
    const carol = { user: 'carol.reid@example.gov.uk', role: 'officer', personId: 'p-carol' };
    expect(() => assertMayReportOn(action, carol)).not.toThrow();
    const kay = { user: 'kay.hill@example.gov.uk', role: 'officer', personId: 'p-kay' };
    expect(() => assertMayReportOn(action, kay)).toThrow(/only the lead officer may report on action 7C01/);
  });

  it('refuses another officer, naming the leads', () => {
    expect(() => assertMayReportOn(action, { user: 'KD', role: 'officer' })).toThrow(
      expect.objectContaining({
        kind: 'forbidden',
        message: expect.stringContaining('led by CR, Head of Finance, Carol Reid'),
      }),
    );
  });

  it('refuses every officer on an action with no lead yet, saying so', () => {
    expect(() =>
      assertMayReportOn(
        { ref: '7C09', leadOfficers: [], leadPersonIds: [] },
        { user: 'CR', role: 'officer' },
      ),
    ).toThrow(/led by nobody: it is unassigned/);
  });

  it.each(['secretary', 'admin'])('lets a %s act on any action', (role) => {
    expect(() => assertMayReportOn(action, { user: 'someone', role })).not.toThrow();
  });

  it('throws a domain error, which the API answers with 403', () => {
    expect(() => assertMayReportOn(action, { user: 'KD', role: 'officer' })).toThrow(DomainError);
  });
});
