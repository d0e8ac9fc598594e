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
  number: 67,
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
    expect(taken).toMatchObject({ type: 'DecisionTaken', data: { route: 'notice', number: 67 } });
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
