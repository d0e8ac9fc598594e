import { randomUUID } from 'node:crypto';
import { DomainError } from '../shared/domain-error';
import {
  DecisionCommand,
  decideDecision,
  Decision,
  evolveDecision,
  initialDecision,
} from './decision.decider';
import { DEFAULT_STATUTORY_PERIODS } from './statutory-clock';
import { callInAsOf, decisionStatusOf } from './decision-status';

const propose: DecisionCommand = {
  type: 'ProposeDecision',
  bodyId: 'leics-opcc',
  subject: 'Award of the custody healthcare contract',
  decisionMaker: 'Police and Crime Commissioner',
  expectedOn: '2026-04-15',
  keyDecision: true,
  significantPublicInterest: true,
  documents: [],
};

const take = (takenOn: string): DecisionCommand => ({
  type: 'TakeDecision',
  periods: DEFAULT_STATUTORY_PERIODS,
  decisionText: 'Award the contract to the preferred bidder.',
  reasons: 'Best value.',
  alternativesRejected: ['Extend the current contract'],
  conflictsOfInterest: [],
  dispensations: [],
  takenOn,
  decidedBy: 'The Commissioner',
});

function given(...commands: DecisionCommand[]): Decision {
  return commands.reduce(
    (state, command) =>
      decideDecision(command, state).reduce((s, e) => evolveDecision(s, { ...e, id: randomUUID() }), state),
    initialDecision(),
  );
}

function refusal(command: DecisionCommand, state: Decision): DomainError {
  try {
    decideDecision(command, state);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('taking a key decision', () => {
  it('is lawful on the first day after 28 clear days of notice, and says so', () => {
    const state = given(propose, { type: 'PublishNotice', publishedOn: '2026-03-01' });
    const [taken] = decideDecision(take('2026-03-30'), state);
    expect(taken).toMatchObject({ type: 'DecisionTaken', data: { route: 'notice' } });
  });

  it('is refused a day early, naming the rule and the earliest lawful date', () => {
    const state = given(propose, { type: 'PublishNotice', publishedOn: '2026-03-01' });
    const error = refusal(take('2026-03-29'), state);
    expect(error).toMatchObject({ code: 'KEY_DECISION_NOTICE_PERIOD', kind: 'conflict' });
    expect(error.message).toMatch(/reg 9.*28 clear days.*2026-03-30/);
  });

  it('is refused without any notice', () => {
    expect(refusal(take('2026-03-29'), given(propose)).code).toBe('KEY_DECISION_NOTICE_MISSING');
  });

  it('may follow the general exception after 5 clear days from the later of notice and informing the chair', () => {
    const state = given(
      propose,
      { type: 'PublishNotice', publishedOn: '2026-03-01' },
      { type: 'RecordGeneralException', scrutinyChairInformedOn: '2026-03-02', reason: 'Contract expires.' },
    );
    expect(refusal(take('2026-03-07'), state).message).toMatch(/reg 10.*earliest lawful date is 2026-03-08/);
    expect(decideDecision(take('2026-03-08'), state)[0]).toMatchObject({
      data: { route: 'general exception' },
    });
  });

  it('may be taken at once under special urgency', () => {
    const state = given(propose, {
      type: 'AgreeSpecialUrgency',
      agreedBy: 'Cllr Smith',
      agreedByRole: 'scrutiny chair',
      reason: 'Provider collapsed.',
      agreedOn: '2026-03-01',
    });
    expect(decideDecision(take('2026-03-01'), state)[0]).toMatchObject({
      data: { route: 'special urgency' },
    });
  });

  it('is refused under special urgency agreed only after the decision date (reg 11 comes first)', () => {
    const state = given(propose, {
      type: 'AgreeSpecialUrgency',
      agreedBy: 'Cllr Smith',
      agreedByRole: 'scrutiny chair',
      reason: 'Provider collapsed.',
      agreedOn: '2027-05-25',
    });
    const error = refusal(take('2027-05-20'), state);
    expect(error).toMatchObject({
      code: 'SPECIAL_URGENCY_AFTER_DECISION',
      kind: 'conflict',
      field: 'takenOn',
    });
    expect(error.message).toMatch(/2027-05-25.*2027-05-20/);
  });

  it('needs no notice when it is not a key decision', () => {
    const state = given({ ...propose, keyDecision: false });
    expect(decideDecision(take('2026-03-01'), state)[0]).toMatchObject({
      data: { route: 'not a key decision' },
    });
  });

  it('cannot be taken twice, nor once withdrawn', () => {
    const notice = { type: 'PublishNotice', publishedOn: '2026-03-01' } as const;
    expect(refusal(take('2026-04-30'), given(propose, notice, take('2026-04-01'))).code).toBe(
      'DECISION_TAKEN',
    );
    const withdrawn = given(propose, {
      type: 'WithdrawDecision',
      reason: 'No longer needed.',
      withdrawnOn: '2026-03-05',
    });
    expect(refusal(take('2026-04-30'), withdrawn).code).toBe('DECISION_WITHDRAWN');
  });
});

const notice = { type: 'PublishNotice', publishedOn: '2026-03-01' } as const;
const publishRecord = (publishedOn: string, subjectToCallIn = true): DecisionCommand => ({
  type: 'PublishRecord',
  publishedOn,
  periods: DEFAULT_STATUTORY_PERIODS,
  subjectToCallIn,
});

describe('after a decision is taken', () => {
  // Taken Tuesday 31 March 2026; published Thursday 2 April: Good Friday and Easter Monday do not count.
  const taken = given(propose, notice, take('2026-03-31'));

  it('opens a call-in window of 5 working days when the record is published', () => {
    const events = decideDecision(publishRecord('2026-04-02'), taken);
    expect(events.map((e) => e.type)).toEqual(['DecisionRecordPublished', 'CallInWindowOpened']);
    expect(events[1].data).toEqual({ opensOn: '2026-04-02', closesOn: '2026-04-13' });
  });

  it('opens no window for a body whose decisions are not subject to call-in (a PCC)', () => {
    const events = decideDecision(publishRecord('2026-04-02', false), taken);
    expect(events.map((e) => e.type)).toEqual(['DecisionRecordPublished', 'CallInNotApplicable']);
    const state = events.reduce((s, e) => evolveDecision(s, { ...e, id: randomUUID() }), taken);
    expect(state.callIn).toBe('not applicable');
    expect(decisionStatusOf(state, '2026-04-03')).toBe('awaiting implementation');
  });

  it('reports a window that has run out as over, though nobody closed it, and still takes a call-in recorded late', () => {
    const open = given(propose, notice, take('2026-03-31'), publishRecord('2026-04-02'));
    expect(open.callIn).toBe('open');
    expect(callInAsOf(open, '2026-04-13')).toBe('open');
    expect(decisionStatusOf(open, '2026-04-13')).toBe('in call-in');
    expect(callInAsOf(open, '2026-12-01')).toBe('cleared');
    expect(decisionStatusOf(open, '2026-12-01')).toBe('awaiting implementation');
    // History entered later: a call-in made within the window is still recorded.
    const called: DecisionCommand = {
      type: 'CallIn',
      calledInBy: ['Cllr Jones'],
      reason: 'Cost.',
      calledInOn: '2026-04-13',
    };
    expect(decideDecision(called, open)[0].type).toBe('DecisionCalledIn');
  });

  it('refuses a record published before the decision was taken', () => {
    expect(refusal(publishRecord('2026-03-30'), taken)).toMatchObject({
      code: 'DATE_TOO_EARLY',
      field: 'publishedOn',
    });
  });

  it('accepts a call-in on the last day of the window and refuses it the day after', () => {
    const open = given(propose, notice, take('2026-03-31'), publishRecord('2026-04-02'));
    const callIn = (calledInOn: string): DecisionCommand => ({
      type: 'CallIn',
      calledInBy: ['Cllr Jones', 'Cllr Patel'],
      reason: 'Consultation was inadequate.',
      calledInOn,
    });
    expect(decideDecision(callIn('2026-04-13'), open)[0].type).toBe('DecisionCalledIn');
    expect(refusal(callIn('2026-04-14'), open)).toMatchObject({
      code: 'CALL_IN_WINDOW_CLOSED',
      field: 'calledInOn',
    });
  });

  it('closes the window only after its last day', () => {
    const open = given(propose, notice, take('2026-03-31'), publishRecord('2026-04-02'));
    expect(refusal({ type: 'CloseCallInWindow', today: '2026-04-13' }, open).message).toMatch(
      /open until the end of 2026-04-13/,
    );
    expect(decideDecision({ type: 'CloseCallInWindow', today: '2026-04-14' }, open)[0].type).toBe(
      'CallInWindowClosed',
    );
  });

  it('is implemented only once call-in has cleared, or its window has run out by then', () => {
    const implement: DecisionCommand = { type: 'ImplementDecision', implementedOn: '2026-04-20' };
    expect(refusal(implement, taken).code).toBe('CALL_IN_NOT_CLEARED');
    const open = given(propose, notice, take('2026-03-31'), publishRecord('2026-04-02'));
    const early: DecisionCommand = { type: 'ImplementDecision', implementedOn: '2026-04-13' };
    expect(refusal(early, open).message).toMatch(/open until the end of 2026-04-13/);
    const afterIt = decideDecision(implement, open);
    expect(afterIt.map((e) => [e.type, e.data])).toEqual([
      ['CallInWindowClosed', { closedOn: '2026-04-14' }],
      ['DecisionImplemented', { implementedOn: '2026-04-20' }],
    ]);
    const closed = given(propose, notice, take('2026-03-31'), publishRecord('2026-04-02'), {
      type: 'CloseCallInWindow',
      today: '2026-04-14',
    });
    expect(decideDecision(implement, closed)[0].type).toBe('DecisionImplemented');
  });

  it('after a referral, waits for reconsideration, which may amend the decision', () => {
    const referred = given(
      propose,
      notice,
      take('2026-03-31'),
      publishRecord('2026-04-02'),
      { type: 'CallIn', calledInBy: ['Cllr Jones'], reason: 'Cost.', calledInOn: '2026-04-07' },
      {
        type: 'RecordCallInOutcome',
        outcome: 'referred back to decision maker',
        decidedOn: '2026-04-15',
        notes: 'Reconsider the cost.',
      },
    );
    expect(referred.callIn).toBe('referred');
    expect(refusal({ type: 'ImplementDecision', implementedOn: '2026-04-20' }, referred).code).toBe(
      'CALL_IN_NOT_CLEARED',
    );
    const amended = given(
      propose,
      notice,
      take('2026-03-31'),
      publishRecord('2026-04-02'),
      { type: 'CallIn', calledInBy: ['Cllr Jones'], reason: 'Cost.', calledInOn: '2026-04-07' },
      {
        type: 'RecordCallInOutcome',
        outcome: 'referred back to decision maker',
        decidedOn: '2026-04-15',
        notes: '',
      },
      {
        type: 'ReconsiderDecision',
        outcome: 'amended',
        decisionText: 'Award a one-year contract.',
        reconsideredOn: '2026-04-20',
      },
    );
    expect(amended).toMatchObject({
      callIn: 'cleared',
      taken: { decisionText: 'Award a one-year contract.' },
    });
  });

  it('is not subject to call-in when taken under special urgency', () => {
    const urgent = given(
      propose,
      {
        type: 'AgreeSpecialUrgency',
        agreedBy: 'Cllr Smith',
        agreedByRole: 'chairman',
        reason: 'Urgent.',
        agreedOn: '2026-03-01',
      },
      take('2026-03-02'),
      publishRecord('2026-03-02'),
    );
    expect(urgent.callIn).toBe('not applicable');
    expect(decideDecision({ type: 'ImplementDecision', implementedOn: '2026-03-03' }, urgent)[0].type).toBe(
      'DecisionImplemented',
    );
  });

  it('numbers once; the same number again is a retry that writes nothing', () => {
    const numbered = given(propose, notice, take('2026-03-31'), { type: 'NumberDecision', number: 67 });
    expect(numbered.number).toBe(67);
    expect(decideDecision({ type: 'NumberDecision', number: 67 }, numbered)).toEqual([]);
    expect(refusal({ type: 'NumberDecision', number: 68 }, numbered).code).toBe('DECISION_NUMBERED');
    expect(refusal({ type: 'NumberDecision', number: 1 }, given(propose)).code).toBe('DECISION_PROPOSED');
  });

  it('once revoked or superseded, changes no more', () => {
    const revoked = given(propose, notice, take('2026-03-31'), {
      type: 'RevokeDecision',
      reason: 'Provider withdrew.',
      revokedOn: '2026-05-01',
    });
    expect(revoked.stage).toBe('revoked');
    expect(refusal(publishRecord('2026-05-02'), revoked).code).toBe('DECISION_REVOKED');
    const superseded = given(propose, notice, take('2026-03-31'), {
      type: 'SupersedeDecision',
      supersededBy: 'other',
      supersededByNumber: 71,
      supersededOn: '2026-06-01',
    });
    expect(superseded).toMatchObject({ stage: 'superseded', supersededBy: { id: 'other', number: 71 } });
  });
});

describe('exempt information', () => {
  it('must name a Schedule 12A paragraph and known parts', () => {
    expect(
      refusal(
        { ...propose, exemption: { category: 8, reason: 'x', parts: ['subject'] } } as DecisionCommand,
        initialDecision(),
      ),
    ).toMatchObject({ code: 'INVALID_EXEMPTION_CATEGORY', field: 'category' });
    expect(refusal({ type: 'MarkExempt', category: 3, reason: 'x', parts: [] }, given(propose)).field).toBe(
      'parts',
    );
  });

  it('can be lifted only when marked', () => {
    expect(
      refusal({ type: 'LiftExemption', reason: 'Contract signed.', liftedOn: '2026-05-01' }, given(propose))
        .code,
    ).toBe('NOT_EXEMPT');
  });
});
