import { randomUUID } from 'node:crypto';
import { complianceOf, latestNoticeDate } from './decision-compliance';
import { withoutExemptInformation } from './decision-exemption';
import { Decision, initialDecision } from './decision.state';
import { DecisionCommand } from './decision.commands';
import { decideDecision, evolveDecision } from './decision.decider';
import { DEFAULT_STATUTORY_PERIODS } from './statutory-clock';

const periods = DEFAULT_STATUTORY_PERIODS;
const propose: DecisionCommand = {
  type: 'ProposeDecision',
  bodyId: 'leics-opcc',
  subject: 'Custody healthcare contract',
  decisionMaker: 'Police and Crime Commissioner',
  expectedOn: '2026-04-15',
  keyDecision: true,
  significantPublicInterest: false,
  documents: ['Report to the Commissioner'],
};

function given(...commands: DecisionCommand[]): Decision {
  return commands.reduce(
    (state, command) =>
      decideDecision(command, state).reduce((s, e) => evolveDecision(s, { ...e, id: randomUUID() }), state),
    initialDecision(),
  );
}

describe('compliance of a forthcoming key decision', () => {
  it('asks for the notice by the last lawful day, and is at risk the day after', () => {
    expect(latestNoticeDate('2026-04-15', 28)).toBe('2026-03-17');
    expect(complianceOf(given(propose), '2026-03-17', periods)).toMatchObject({
      status: 'on track',
      rules: [{ status: 'pending', detail: expect.stringMatching(/by 2026-03-17/) }],
    });
    expect(complianceOf(given(propose), '2026-03-18', periods)).toMatchObject({ status: 'at risk' });
  });

  it('is met by a notice in time, with the notice event as evidence', () => {
    const state = given(propose, { type: 'PublishNotice', publishedOn: '2026-03-17' });
    const compliance = complianceOf(state, '2026-03-20', periods);
    expect(compliance.status).toBe('compliant');
    expect(compliance.rules[0].evidence).toEqual([state.evidence.DecisionNoticePublished]);
  });

  it('is at risk when the notice is short, until a general exception covers the date', () => {
    const short = given(propose, { type: 'PublishNotice', publishedOn: '2026-03-18' });
    expect(complianceOf(short, '2026-03-20', periods).status).toBe('at risk');
    const excepted = given(
      propose,
      { type: 'PublishNotice', publishedOn: '2026-03-18' },
      { type: 'RecordGeneralException', scrutinyChairInformedOn: '2026-03-18', reason: 'Contract ends.' },
    );
    expect(complianceOf(excepted, '2026-03-20', periods)).toMatchObject({
      status: 'compliant',
      rules: [{ status: 'not applicable' }, { rule: 'General exception (reg 10)', status: 'met' }],
    });
  });

  it('after taking, shows the route and then the call-in window as evidence', () => {
    const state = given(
      propose,
      { type: 'PublishNotice', publishedOn: '2026-03-01' },
      {
        type: 'TakeDecision',
        periods,
        decisionText: 'Award.',
        reasons: 'Value.',
        alternativesRejected: [],
        conflictsOfInterest: [],
        dispensations: [],
        takenOn: '2026-04-15',
        decidedBy: 'PCC',
      },
      {
        type: 'PublishRecord',
        publishedOn: '2026-04-16',
        periods,
        subjectToCallIn: true,
      },
    );
    const compliance = complianceOf(state, '2026-04-17', periods);
    expect(compliance.status).toBe('on track');
    expect(compliance.rules.map((r) => [r.rule, r.status])).toEqual([
      ['Notice of a key decision (reg 9)', 'met'],
      ['Call-in by scrutiny', 'pending'],
    ]);
    expect(compliance.rules[0].evidence.map((e) => e.type)).toEqual([
      'DecisionNoticePublished',
      'DecisionTaken',
    ]);
  });
});

describe('the public view of an exempt decision', () => {
  it('hides the exempt parts and the exemption reason, naming the paragraph', () => {
    const state = given(
      {
        ...propose,
        exemption: { category: 3, reason: 'Bidder pricing SECRET-R', parts: ['reasons', 'documents'] },
      },
      { type: 'PublishNotice', publishedOn: '2026-03-01' },
    );
    const shown = withoutExemptInformation(state);
    expect(shown.subject).toBe('Custody healthcare contract');
    expect(shown.documents).toEqual([
      'Exempt information (Local Government Act 1972, Schedule 12A, paragraph 3)',
    ]);
    expect(JSON.stringify(shown)).not.toContain('SECRET');
  });

  it('hides every free text when the subject itself is exempt', () => {
    const state = given(
      { ...propose, subject: 'SECRET-S', exemption: { category: 1, reason: 'SECRET-R', parts: ['subject'] } },
      { type: 'DeferDecision', expectedOn: '2026-05-01', reason: 'SECRET-D' },
    );
    expect(JSON.stringify(withoutExemptInformation(state))).not.toContain('SECRET');
  });
});
