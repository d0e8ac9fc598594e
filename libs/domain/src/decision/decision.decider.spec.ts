import { factOf, scenario } from '../testing/decider-scenario';
import { DecisionCommand } from './decision.commands';
import { decisionDecider } from './decision.decider';
import { DecisionEvent } from './decision.events';
import { DEFAULT_STATUTORY_PERIODS } from './statutory-clock';
import { callInAsOf, decisionStatusOf } from './decision-status';

const decision = scenario(decisionDecider);
const fact = factOf<DecisionEvent>();

// The history as the log holds it.
const proposed = fact('DecisionProposed', {
  bodyId: 'leics-opcc',
  subject: 'Award of the custody healthcare contract',
  decisionMaker: 'Police and Crime Commissioner',
  decisionMakerPersonId: null,
  expectedOn: '2026-04-15',
  keyDecision: true,
  significantPublicInterest: true,
  documents: [],
});
const propose: DecisionCommand = { type: 'ProposeDecision', ...proposed.data };
const notPublishedAsKey = fact('DecisionProposed', { ...proposed.data, keyDecision: false });
const noticed = fact('DecisionNoticePublished', { publishedOn: '2026-03-01' });
const urgencyAgreed = (agreedOn: string) =>
  fact('SpecialUrgencyAgreed', {
    agreedBy: 'Cllr Smith',
    agreedByRole: 'scrutiny chair',
    reason: 'Provider collapsed.',
    agreedOn,
  });
const taken = (takenOn: string, route: 'notice' | 'special urgency' = 'notice') =>
  fact('DecisionTaken', {
    decisionText: 'Award the contract to the preferred bidder.',
    reasons: 'Best value.',
    alternativesRejected: ['Extend the current contract'],
    conflictsOfInterest: [],
    dispensations: [],
    takenOn,
    decidedBy: 'The Commissioner',
    route,
  });
const take = (takenOn: string): DecisionCommand => {
  const { route: _route, ...asked } = taken(takenOn).data; // the route is the decider's to find
  return { type: 'TakeDecision', periods: DEFAULT_STATUTORY_PERIODS, ...asked };
};
const recordPublished = (publishedOn: string) => fact('DecisionRecordPublished', { publishedOn });
const windowOpened = fact('CallInWindowOpened', { opensOn: '2026-04-02', closesOn: '2026-04-13' });
const calledIn = fact('DecisionCalledIn', {
  calledInBy: ['Cllr Jones'],
  reason: 'Cost.',
  calledInOn: '2026-04-07',
});
const referredBack = fact('CallInOutcomeRecorded', {
  outcome: 'referred back to decision maker',
  decidedOn: '2026-04-15',
  notes: 'Reconsider the cost.',
});

describe('taking a key decision', () => {
  it('is lawful on the first day after 28 clear days of notice, and says so', () => {
    decision
      .given(proposed, noticed)
      .when(take('2026-03-30'))
      .then({ type: 'DecisionTaken', data: { route: 'notice' } });
  });

  it('is refused a day early, naming the rule and the earliest lawful date', () => {
    const error = decision
      .given(proposed, noticed)
      .when(take('2026-03-29'))
      .thenRefuses('KEY_DECISION_NOTICE_PERIOD');
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/reg 9.*28 clear days.*2026-03-30/);
  });

  it('is refused without any notice', () => {
    decision.given(proposed).when(take('2026-03-29')).thenRefuses('KEY_DECISION_NOTICE_MISSING');
  });

  it('may follow the general exception after 5 clear days from the later of notice and informing the chair', () => {
    const exception = fact('GeneralExceptionRecorded', {
      scrutinyChairInformedOn: '2026-03-02',
      reason: 'Contract expires.',
    });
    const early = decision
      .given(proposed, noticed, exception)
      .when(take('2026-03-07'))
      .thenRefuses('GENERAL_EXCEPTION_PERIOD');
    expect(early.message).toMatch(/reg 10.*earliest lawful date is 2026-03-08/);
    decision
      .given(proposed, noticed, exception)
      .when(take('2026-03-08'))
      .then({ type: 'DecisionTaken', data: { route: 'general exception' } });
  });

  it('may be taken at once under special urgency', () => {
    decision
      .given(proposed, urgencyAgreed('2026-03-01'))
      .when(take('2026-03-01'))
      .then({ type: 'DecisionTaken', data: { route: 'special urgency' } });
  });

  it('is refused under special urgency agreed only after the decision date (reg 11 comes first)', () => {
    const error = decision
      .given(proposed, urgencyAgreed('2027-05-25'))
      .when(take('2027-05-20'))
      .thenRefuses('SPECIAL_URGENCY_AFTER_DECISION', 'takenOn');
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/2027-05-25.*2027-05-20/);
  });

  it('needs no notice when it is not a key decision', () => {
    decision
      .given(notPublishedAsKey)
      .when(take('2026-03-01'))
      .then({ type: 'DecisionTaken', data: { route: 'not a key decision' } });
  });

  it('cannot be taken twice, nor once withdrawn', () => {
    decision
      .given(proposed, noticed, taken('2026-04-01'))
      .when(take('2026-04-30'))
      .thenRefuses('DECISION_TAKEN');
    const withdrawn = fact('DecisionWithdrawn', { reason: 'No longer needed.', withdrawnOn: '2026-03-05' });
    decision.given(proposed, withdrawn).when(take('2026-04-30')).thenRefuses('DECISION_WITHDRAWN');
  });

  it('is proposed with the facts a notice of a key decision needs', () => {
    decision
      .given()
      .when(propose)
      .then({
        type: 'DecisionProposed',
        data: { subject: 'Award of the custody healthcare contract', keyDecision: true },
      });
  });
});

const publishRecord = (publishedOn: string, subjectToCallIn = true): DecisionCommand => ({
  type: 'PublishRecord',
  publishedOn,
  periods: DEFAULT_STATUTORY_PERIODS,
  subjectToCallIn,
});

describe('after a decision is taken', () => {
  // Taken Tuesday 31 March 2026; published Thursday 2 April: Good Friday and Easter Monday do not count.
  const takenHistory = [proposed, noticed, taken('2026-03-31')];
  const openHistory = [...takenHistory, recordPublished('2026-04-02'), windowOpened];

  it('opens a call-in window of 5 working days when the record is published', () => {
    decision
      .given(...takenHistory)
      .when(publishRecord('2026-04-02'))
      .then(
        { type: 'DecisionRecordPublished' },
        { type: 'CallInWindowOpened', data: { opensOn: '2026-04-02', closesOn: '2026-04-13' } },
      );
  });

  it('opens no window for a body whose decisions are not subject to call-in (a PCC)', () => {
    const when = decision.given(...takenHistory).when(publishRecord('2026-04-02', false));
    when.then({ type: 'DecisionRecordPublished' }, { type: 'CallInNotApplicable' });
    const state = when.thenState();
    expect(state.callIn).toBe('not applicable');
    expect(decisionStatusOf(state, '2026-04-03')).toBe('awaiting implementation');
  });

  it('reports a window that has run out as over, though nobody closed it, and still takes a call-in recorded late', () => {
    const { state: open } = decision.given(...openHistory);
    expect(open.callIn).toBe('open');
    expect(callInAsOf(open, '2026-04-13')).toBe('open');
    expect(decisionStatusOf(open, '2026-04-13')).toBe('in call-in');
    expect(callInAsOf(open, '2026-12-01')).toBe('cleared');
    expect(decisionStatusOf(open, '2026-12-01')).toBe('awaiting implementation');
    // History entered later: a call-in made within the window is still recorded.
    decision
      .given(...openHistory)
      .when({ type: 'CallIn', calledInBy: ['Cllr Jones'], reason: 'Cost.', calledInOn: '2026-04-13' })
      .then({ type: 'DecisionCalledIn' });
  });

  it('refuses a record published before the decision was taken', () => {
    decision
      .given(...takenHistory)
      .when(publishRecord('2026-03-30'))
      .thenRefuses('DATE_TOO_EARLY', 'publishedOn');
  });

  it('accepts a call-in on the last day of the window and refuses it the day after', () => {
    const callIn = (calledInOn: string): DecisionCommand => ({
      type: 'CallIn',
      calledInBy: ['Cllr Jones', 'Cllr Patel'],
      reason: 'Consultation was inadequate.',
      calledInOn,
    });
    decision
      .given(...openHistory)
      .when(callIn('2026-04-13'))
      .then({ type: 'DecisionCalledIn' });
    decision
      .given(...openHistory)
      .when(callIn('2026-04-14'))
      .thenRefuses('CALL_IN_WINDOW_CLOSED', 'calledInOn');
  });

  it('closes the window only after its last day', () => {
    const early = decision
      .given(...openHistory)
      .when({ type: 'CloseCallInWindow', today: '2026-04-13' })
      .thenRefuses('CALL_IN_WINDOW_OPEN');
    expect(early.message).toMatch(/open until the end of 2026-04-13/);
    decision
      .given(...openHistory)
      .when({ type: 'CloseCallInWindow', today: '2026-04-14' })
      .then({ type: 'CallInWindowClosed' });
  });

  it('is implemented only once call-in has cleared, or its window has run out by then', () => {
    const implement: DecisionCommand = { type: 'ImplementDecision', implementedOn: '2026-04-20' };
    decision
      .given(...takenHistory)
      .when(implement)
      .thenRefuses('CALL_IN_NOT_CLEARED');
    const early = decision
      .given(...openHistory)
      .when({ type: 'ImplementDecision', implementedOn: '2026-04-13' })
      .thenRefuses('CALL_IN_NOT_CLEARED');
    expect(early.message).toMatch(/open until the end of 2026-04-13/);
    decision
      .given(...openHistory)
      .when(implement)
      .then(
        { type: 'CallInWindowClosed', data: { closedOn: '2026-04-14' } },
        { type: 'DecisionImplemented', data: { implementedOn: '2026-04-20' } },
      );
    decision
      .given(...openHistory, fact('CallInWindowClosed', { closedOn: '2026-04-14' }))
      .when(implement)
      .then({ type: 'DecisionImplemented' });
  });

  it('after a referral, waits for reconsideration, which may amend the decision', () => {
    const referred = [...openHistory, calledIn, referredBack];
    expect(decision.given(...referred).state.callIn).toBe('referred');
    decision
      .given(...referred)
      .when({ type: 'ImplementDecision', implementedOn: '2026-04-20' })
      .thenRefuses('CALL_IN_NOT_CLEARED');
    const amended = decision
      .given(...referred)
      .when({
        type: 'ReconsiderDecision',
        outcome: 'amended',
        decisionText: 'Award a one-year contract.',
        reconsideredOn: '2026-04-20',
      })
      .thenState();
    expect(amended).toMatchObject({
      callIn: 'cleared',
      taken: { decisionText: 'Award a one-year contract.' },
    });
  });

  it('is not subject to call-in when taken under special urgency', () => {
    const urgent = decision
      .given(proposed, urgencyAgreed('2026-03-01'), taken('2026-03-02', 'special urgency'))
      .when(publishRecord('2026-03-02'));
    urgent.then({ type: 'DecisionRecordPublished' });
    expect(urgent.thenState().callIn).toBe('not applicable');
    decision
      .given(
        proposed,
        urgencyAgreed('2026-03-01'),
        taken('2026-03-02', 'special urgency'),
        recordPublished('2026-03-02'),
      )
      .when({ type: 'ImplementDecision', implementedOn: '2026-03-03' })
      .then({ type: 'DecisionImplemented' });
  });

  it('numbers once; the same number again is a retry that writes nothing', () => {
    const numbered = [...takenHistory, fact('DecisionNumbered', { number: 67, series: null })];
    expect(decision.given(...numbered).state.number).toBe(67);
    decision
      .given(...numbered)
      .when({ type: 'NumberDecision', number: 67 })
      .thenNothing();
    decision
      .given(...numbered)
      .when({ type: 'NumberDecision', number: 68 })
      .thenRefuses('DECISION_NUMBERED');
    decision.given(proposed).when({ type: 'NumberDecision', number: 1 }).thenRefuses('DECISION_PROPOSED');
  });

  it('once revoked or superseded, changes no more', () => {
    const revoked = fact('DecisionRevoked', { reason: 'Provider withdrew.', revokedOn: '2026-05-01' });
    expect(decision.given(...takenHistory, revoked).state.stage).toBe('revoked');
    decision
      .given(...takenHistory, revoked)
      .when(publishRecord('2026-05-02'))
      .thenRefuses('DECISION_REVOKED');
    const superseded = decision
      .given(...takenHistory)
      .when({
        type: 'SupersedeDecision',
        supersededBy: 'other',
        supersededByNumber: 71,
        supersededOn: '2026-06-01',
      })
      .thenState();
    expect(superseded).toMatchObject({ stage: 'superseded', supersededBy: { id: 'other', number: 71 } });
  });
});

describe('exempt information', () => {
  it('must name a Schedule 12A paragraph and known parts', () => {
    decision
      .given()
      .when({ ...propose, exemption: { category: 8, reason: 'x', parts: ['subject'] } } as DecisionCommand)
      .thenRefuses('INVALID_EXEMPTION_CATEGORY', 'category');
    decision
      .given(proposed)
      .when({ type: 'MarkExempt', category: 3, reason: 'x', parts: [] })
      .thenRefuses('INVALID_EXEMPT_PARTS', 'parts');
  });

  it('can be lifted only when marked', () => {
    decision
      .given(proposed)
      .when({ type: 'LiftExemption', reason: 'Contract signed.', liftedOn: '2026-05-01' })
      .thenRefuses('NOT_EXEMPT');
  });
});
