import { randomUUID } from 'node:crypto';
import { StoredDomainEvent } from '../shared/event';
import { factOf } from '../testing/decider-scenario';
import { evolveDecision } from './decision.decider';
import { DecisionEvent } from './decision.events';
import { initialDecision } from './decision.state';
import { decisionOnDay } from './decision-on-day';
import { decisionStatusOf } from './decision-status';

const fact = factOf<DecisionEvent>();
const folded = (...events: DecisionEvent[]) =>
  events
    .map((event) => ({ ...event, id: randomUUID() }) as StoredDomainEvent<DecisionEvent>)
    .reduce(evolveDecision, initialDecision());

const proposed = fact('DecisionProposed', {
  bodyId: 'leics-opcc',
  subject: 'Award of the custody healthcare contract',
  decisionMaker: 'Police and Crime Commissioner',
  decisionMakerPersonId: null,
  expectedOn: '2017-09-29',
  keyDecision: true,
  significantPublicInterest: false,
  documents: [],
});
const noticed = fact('DecisionNoticePublished', { publishedOn: '2017-08-25' });
const taken = fact('DecisionTaken', {
  decisionText: 'Award the contract.',
  reasons: 'Best value.',
  alternativesRejected: [],
  conflictsOfInterest: [],
  dispensations: [],
  takenOn: '2017-09-29',
  decidedBy: 'The Commissioner',
  route: 'notice',
});
const numbered = fact('DecisionNumbered', { number: 67, series: 'ED' });
const recordPublished = fact('DecisionRecordPublished', { publishedOn: '2017-10-02' });
const windowOpened = fact('CallInWindowOpened', { opensOn: '2017-10-02', closesOn: '2017-10-09' });
const calledIn = fact('DecisionCalledIn', {
  calledInBy: ['Cllr Jones'],
  reason: 'Cost.',
  calledInOn: '2017-10-05',
});
const implemented = fact('DecisionImplemented', { implementedOn: '2017-11-01' });

describe('a decision as it stood at the end of a day', () => {
  const history = folded(
    proposed,
    noticed,
    taken,
    numbered,
    recordPublished,
    windowOpened,
    calledIn,
    implemented,
  );

  it('is only proposed, with its notice, before the day it was taken, however late the taking was recorded', () => {
    const before = decisionOnDay(history, '2017-09-28');
    expect(before).toMatchObject({ stage: 'proposed', taken: null, number: null, recordPublishedOn: null });
    expect(before.noticePublishedOn).toBe('2017-08-25');
    expect(decisionStatusOf(before, '2017-09-28')).toBe('notice published');
    expect(Object.keys(before.evidence)).toEqual([
      'DecisionProposed',
      'DecisionNoticePublished',
      'DecisionNumbered',
    ]);
  });

  it('is taken and numbered on the day, its record not yet published', () => {
    const onDay = decisionOnDay(history, '2017-09-30');
    expect(onDay).toMatchObject({
      stage: 'taken',
      number: 67,
      callIn: 'record not published',
      calledIn: null,
    });
    expect(decisionStatusOf(onDay, '2017-09-30')).toBe('taken');
  });

  it('counts call-in steps from their own dates', () => {
    expect(decisionStatusOf(decisionOnDay(history, '2017-10-03'), '2017-10-03')).toBe('in call-in');
    expect(decisionStatusOf(decisionOnDay(history, '2017-10-06'), '2017-10-06')).toBe('called in');
    expect(decisionStatusOf(decisionOnDay(history, '2017-11-02'), '2017-11-02')).toBe('implemented');
  });

  it('is the decision itself once every date has come', () => {
    expect(decisionOnDay(history, '2018-01-01')).toEqual(history);
  });

  it('is not yet withdrawn or revoked before those dates', () => {
    const withdrawn = folded(
      proposed,
      fact('DecisionWithdrawn', { reason: 'Not needed.', withdrawnOn: '2017-09-15' }),
    );
    expect(decisionOnDay(withdrawn, '2017-09-14').stage).toBe('proposed');
    expect(decisionOnDay(withdrawn, '2017-09-15').stage).toBe('withdrawn');
    const revoked = folded(
      proposed,
      taken,
      fact('DecisionRevoked', { reason: 'Overtaken.', revokedOn: '2018-03-01' }),
    );
    expect(decisionOnDay(revoked, '2018-02-28')).toMatchObject({ stage: 'taken', revocation: null });
    expect(decisionOnDay(revoked, '2018-03-01').stage).toBe('revoked');
  });
});
