import { DomainEvent, IsoDate } from '../shared/event';

export type DecisionProposed = DomainEvent<
  'DecisionProposed',
  1,
  {
    bodyId: string;
    subject: string;
    decisionMaker: string;
    expectedOn: IsoDate;
    keyDecision: boolean;
    significantPublicInterest: boolean;
    documents: string[];
  }
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
/** Reg 11: agreement that the decision is urgent and cannot reasonably be deferred. */
export type SpecialUrgencyAgreed = DomainEvent<
  'SpecialUrgencyAgreed',
  1,
  {
    agreedBy: string;
    agreedByRole: 'scrutiny chair' | 'chairman' | 'vice-chairman';
    reason: string;
    agreedOn: IsoDate;
  }
>;
export type DecisionTaken = DomainEvent<
  'DecisionTaken',
  1,
  {
    number: number;
    decisionText: string;
    reasons: string;
    alternativesRejected: string[];
    conflictsOfInterest: string[];
    dispensations: string[];
    takenOn: IsoDate;
    decidedBy: string;
    /** Which rule allowed it to be taken when it was: the evidence for its compliance. */
    route: 'notice' | 'general exception' | 'special urgency' | 'not a key decision';
  }
>;

export type DecisionEvent =
  | DecisionProposed
  | DecisionNoticePublished
  | DecisionDeferred
  | DecisionWithdrawn
  | GeneralExceptionRecorded
  | SpecialUrgencyAgreed
  | DecisionTaken;
