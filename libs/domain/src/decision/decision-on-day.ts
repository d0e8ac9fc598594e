import { IsoDate } from '../shared/event';
import { initialDecision } from './decision.state';
import { CallInState, DecisionDocument } from './decision.document';

/**
 * The decision as it stood at the end of `day`: facts dated after it (taken, published, called in,
 * implemented, withdrawn, revoked, superseded) had not happened yet, whenever they were recorded.
 * Facts without a date of their own (the proposal, deferrals, exemptions) stay as recorded: ask
 * what was known at an instant for those.
 */
export function decisionOnDay(decision: DecisionDocument, day: IsoDate): DecisionDocument {
  const by = (on: IsoDate | null | undefined) => on !== null && on !== undefined && on <= day;
  const evidence = Object.fromEntries(
    Object.entries(decision.evidence).filter(([, entry]) => entry.on === null || by(entry.on)),
  );
  const before: DecisionDocument = {
    ...decision,
    evidence,
    noticePublishedOn: by(decision.noticePublishedOn) ? decision.noticePublishedOn : null,
    withdrawal: by(decision.withdrawal?.withdrawnOn) ? decision.withdrawal : null,
    generalException: by(decision.generalException?.scrutinyChairInformedOn)
      ? decision.generalException
      : null,
    specialUrgency: by(decision.specialUrgency?.agreedOn) ? decision.specialUrgency : null,
  };
  if (!by(decision.taken?.takenOn)) {
    const untaken = initialDecision();
    return {
      ...before,
      stage: before.withdrawal ? 'withdrawn' : decision.stage === 'none' ? 'none' : 'proposed',
      taken: null,
      number: null,
      series: null,
      recordPublishedOn: null,
      callIn: untaken.callIn,
      callInClosesOn: null,
      calledIn: null,
      callInOutcome: null,
      implementedOn: null,
      revocation: null,
      supersededBy: null,
    };
  }
  const revocation = by(decision.revocation?.revokedOn) ? decision.revocation : null;
  const supersededBy = by(decision.supersededBy?.on) ? decision.supersededBy : null;
  const recordPublishedOn = by(decision.recordPublishedOn) ? decision.recordPublishedOn : null;
  return {
    ...before,
    stage: revocation ? 'revoked' : supersededBy ? 'superseded' : 'taken',
    revocation,
    supersededBy,
    recordPublishedOn,
    implementedOn: by(decision.implementedOn) ? decision.implementedOn : null,
    ...callInOnDay(decision, recordPublishedOn, day),
  };
}

type CallInFacts = Pick<DecisionDocument, 'callIn' | 'callInClosesOn' | 'calledIn' | 'callInOutcome'>;

/** Call-in on `day`: each step counts once its own date has come. */
function callInOnDay(
  decision: DecisionDocument,
  recordPublishedOn: IsoDate | null,
  day: IsoDate,
): CallInFacts {
  const on = (type: keyof DecisionDocument['evidence']) => {
    const date = decision.evidence[type]?.on;
    return date !== null && date !== undefined && date <= day;
  };
  const none: CallInFacts = {
    callIn: 'record not published',
    callInClosesOn: null,
    calledIn: null,
    callInOutcome: null,
  };
  if (decision.callInOutcome && on('CallInOutcomeRecorded')) {
    const { callIn, callInClosesOn, calledIn, callInOutcome } = decision;
    return { callIn, callInClosesOn, calledIn, callInOutcome };
  }
  const opened = { ...none, callInClosesOn: on('CallInWindowOpened') ? decision.callInClosesOn : null };
  if (decision.calledIn && decision.calledIn.calledInOn <= day)
    return { ...opened, callIn: 'called in', calledIn: decision.calledIn };
  const settled: CallInState | null =
    decision.callIn === 'cleared' && (on('CallInWindowClosed') || on('DecisionReconsidered'))
      ? 'cleared'
      : decision.callIn === 'not applicable' && (on('CallInNotApplicable') || recordPublishedOn !== null)
        ? 'not applicable'
        : null;
  if (settled) return { ...opened, callIn: settled };
  // The window opens with the record's publication.
  return recordPublishedOn === null ? none : { ...opened, callIn: 'open' };
}
