import { allTypesOf } from '../shared/event-types';
import { DomainEvent, IsoDate } from '../shared/event';

/** v2 adds `decisionMakerPersonId`: the person of the directory who is to decide, or null. */
export type DecisionProposed = DomainEvent<
  'DecisionProposed',
  2,
  {
    bodyId: string;
    subject: string;
    decisionMaker: string;
    decisionMakerPersonId: string | null;
    expectedOn: IsoDate;
    keyDecision: boolean;
    significantPublicInterest: boolean;
    documents: string[];
  }
>;

/** Parts of a decision that can hold exempt information; `subject` hides what the decision is about. */
export const EXEMPTABLE_PARTS = [
  'subject',
  'documents',
  'decisionText',
  'reasons',
  'alternativesRejected',
  'conflictsOfInterest',
  'dispensations',
] as const;
export type ExemptablePart = (typeof EXEMPTABLE_PARTS)[number];

/**
 * Local Government Act 1972, Schedule 12A: the paragraph (1-7) under which information is exempt.
 * Public outputs say that exempt information exists and under which paragraph, never what it is.
 */
export type DecisionMarkedExempt = DomainEvent<
  'DecisionMarkedExempt',
  1,
  { category: number; reason: string; parts: ExemptablePart[] }
>;
export type DecisionExemptionLifted = DomainEvent<
  'DecisionExemptionLifted',
  1,
  { reason: string; liftedOn: IsoDate }
>;

export type DecisionNoticePublished = DomainEvent<'DecisionNoticePublished', 1, { publishedOn: IsoDate }>;
export type DecisionDeferred = DomainEvent<'DecisionDeferred', 1, { expectedOn: IsoDate; reason: string }>;
export type DecisionWithdrawn = DomainEvent<'DecisionWithdrawn', 1, { reason: string; withdrawnOn: IsoDate }>;
/** Reg 10: the scrutiny chair told in writing, notice published; 5 clear days must still pass. */
export type GeneralExceptionRecorded = DomainEvent<
  'GeneralExceptionRecorded',
  1,
  { scrutinyChairInformedOn: IsoDate; reason: string }
>;
export const SPECIAL_URGENCY_ROLES = ['scrutiny chair', 'chairman', 'vice-chairman'] as const;
/** Reg 11: agreement that the decision is urgent and cannot reasonably be deferred. */
export type SpecialUrgencyAgreed = DomainEvent<
  'SpecialUrgencyAgreed',
  1,
  {
    agreedBy: string;
    agreedByRole: (typeof SPECIAL_URGENCY_ROLES)[number];
    reason: string;
    agreedOn: IsoDate;
  }
>;
export type DecisionRoute = 'notice' | 'general exception' | 'special urgency' | 'not a key decision';
/** The decision was made. Its number is allocated by the body's register right after (DecisionNumbered). */
export type DecisionTaken = DomainEvent<
  'DecisionTaken',
  1,
  {
    decisionText: string;
    reasons: string;
    alternativesRejected: string[];
    conflictsOfInterest: string[];
    dispensations: string[];
    takenOn: IsoDate;
    decidedBy: string;
    /** Which rule allowed it to be taken when it was: the evidence for its compliance. */
    route: DecisionRoute;
  }
>;
/** The decision's number, and the series it was given in (`Executive Order` 73), if the log has series. */
export type DecisionNumbered = DomainEvent<'DecisionNumbered', 2, { number: number; series: string | null }>;
export type DecisionRecordPublished = DomainEvent<'DecisionRecordPublished', 1, { publishedOn: IsoDate }>;
/** Scrutiny may call the decision in until the end of `closesOn` (working days after publication). */
export type CallInWindowOpened = DomainEvent<
  'CallInWindowOpened',
  1,
  { opensOn: IsoDate; closesOn: IsoDate }
>;
export type CallInWindowClosed = DomainEvent<'CallInWindowClosed', 1, { closedOn: IsoDate }>;
/** The body's decisions are not subject to call-in (a Police and Crime Commissioner's): none opens. */
export type CallInNotApplicable = DomainEvent<'CallInNotApplicable', 1, { reason: string; on: IsoDate }>;
export type DecisionCalledIn = DomainEvent<
  'DecisionCalledIn',
  1,
  { calledInBy: string[]; reason: string; calledInOn: IsoDate }
>;
export const CALL_IN_OUTCOMES = [
  'no further action',
  'referred back to decision maker',
  'referred to full council',
] as const;
export type CallInOutcome = (typeof CALL_IN_OUTCOMES)[number];
export type CallInOutcomeRecorded = DomainEvent<
  'CallInOutcomeRecorded',
  1,
  { outcome: CallInOutcome; decidedOn: IsoDate; notes: string }
>;
/** After a referral the decision maker confirms the decision or amends it (new text). */
export type DecisionReconsidered = DomainEvent<
  'DecisionReconsidered',
  1,
  { outcome: 'confirmed' | 'amended'; decisionText: string; reconsideredOn: IsoDate }
>;
export type DecisionImplemented = DomainEvent<'DecisionImplemented', 1, { implementedOn: IsoDate }>;
export type DecisionRevoked = DomainEvent<'DecisionRevoked', 1, { reason: string; revokedOn: IsoDate }>;
export type DecisionSuperseded = DomainEvent<
  'DecisionSuperseded',
  1,
  { supersededBy: string; supersededByNumber: number; supersededOn: IsoDate }
>;

export type DecisionEvent =
  | DecisionProposed
  | DecisionMarkedExempt
  | DecisionExemptionLifted
  | DecisionNoticePublished
  | DecisionDeferred
  | DecisionWithdrawn
  | GeneralExceptionRecorded
  | SpecialUrgencyAgreed
  | DecisionTaken
  | DecisionNumbered
  | DecisionRecordPublished
  | CallInWindowOpened
  | CallInWindowClosed
  | CallInNotApplicable
  | DecisionCalledIn
  | CallInOutcomeRecorded
  | DecisionReconsidered
  | DecisionImplemented
  | DecisionRevoked
  | DecisionSuperseded;

/** The date an event says it applies on, for the metadata's effectiveAt. */
export function decisionEffectiveDateOf(event: DecisionEvent): IsoDate | undefined {
  switch (event.type) {
    case 'DecisionProposed':
    case 'DecisionMarkedExempt':
    case 'DecisionNumbered':
      return undefined;
    case 'DecisionExemptionLifted':
      return event.data.liftedOn;
    case 'DecisionNoticePublished':
    case 'DecisionRecordPublished':
      return event.data.publishedOn;
    case 'DecisionDeferred':
      return undefined;
    case 'DecisionWithdrawn':
      return event.data.withdrawnOn;
    case 'GeneralExceptionRecorded':
      return event.data.scrutinyChairInformedOn;
    case 'SpecialUrgencyAgreed':
      return event.data.agreedOn;
    case 'DecisionTaken':
      return event.data.takenOn;
    case 'CallInWindowOpened':
      return event.data.opensOn;
    case 'CallInWindowClosed':
      return event.data.closedOn;
    case 'CallInNotApplicable':
      return event.data.on;
    case 'DecisionCalledIn':
      return event.data.calledInOn;
    case 'CallInOutcomeRecorded':
      return event.data.decidedOn;
    case 'DecisionReconsidered':
      return event.data.reconsideredOn;
    case 'DecisionImplemented':
      return event.data.implementedOn;
    case 'DecisionRevoked':
      return event.data.revokedOn;
    case 'DecisionSuperseded':
      return event.data.supersededOn;
  }
}

export const DECISION_EVENT_TYPES = allTypesOf<DecisionEvent['type']>()([
  'DecisionProposed',
  'DecisionMarkedExempt',
  'DecisionExemptionLifted',
  'DecisionNoticePublished',
  'DecisionDeferred',
  'DecisionWithdrawn',
  'GeneralExceptionRecorded',
  'SpecialUrgencyAgreed',
  'DecisionTaken',
  'DecisionNumbered',
  'DecisionRecordPublished',
  'CallInWindowOpened',
  'CallInWindowClosed',
  'CallInNotApplicable',
  'DecisionCalledIn',
  'CallInOutcomeRecorded',
  'DecisionReconsidered',
  'DecisionImplemented',
  'DecisionRevoked',
  'DecisionSuperseded',
]);
