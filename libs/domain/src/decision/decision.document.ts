import { IsoDate } from '../shared/event';
import {
  CallInOutcome,
  DecisionCalledIn,
  DecisionEvent,
  DecisionMarkedExempt,
  DecisionTaken,
  SpecialUrgencyAgreed,
} from './decision.events';

export type DecisionStage = 'none' | 'proposed' | 'withdrawn' | 'taken' | 'revoked' | 'superseded';
/** Where a taken decision stands with scrutiny's right to call it in. */
export type CallInState =
  'record not published' | 'open' | 'called in' | 'referred' | 'cleared' | 'not applicable';

/** An event that satisfied (or bears on) a rule: the evidence chain shown with each decision. */
export interface Evidence {
  readonly eventId: string;
  readonly type: DecisionEvent['type'];
  readonly on: IsoDate | null;
}

/**
 * One decision as its read model stores it and the API shows it: everything known about it.
 * Declared field by field, apart from the decider's state: what the decider keeps for itself (its
 * body, and whatever it may need later) is never stored or shown.
 */
export interface DecisionDocument {
  readonly stage: DecisionStage;
  readonly subject: string;
  readonly decisionMaker: string;
  /** The person of the directory who decides, when the decision maker is one. */
  readonly decisionMakerPersonId: string | null;
  readonly expectedOn: IsoDate | null;
  readonly keyDecision: boolean;
  readonly significantPublicInterest: boolean;
  readonly documents: readonly string[];
  readonly exemption: DecisionMarkedExempt['data'] | null;
  readonly noticePublishedOn: IsoDate | null;
  readonly deferrals: readonly { readonly expectedOn: IsoDate; readonly reason: string }[];
  readonly withdrawal: { readonly reason: string; readonly withdrawnOn: IsoDate } | null;
  readonly generalException: { readonly scrutinyChairInformedOn: IsoDate; readonly reason: string } | null;
  readonly specialUrgency: SpecialUrgencyAgreed['data'] | null;
  readonly taken: DecisionTaken['data'] | null;
  readonly number: number | null;
  /** The series the number is in (`Executive Decision`), when the body's log has series. */
  readonly series: string | null;
  readonly recordPublishedOn: IsoDate | null;
  readonly callIn: CallInState;
  readonly callInClosesOn: IsoDate | null;
  readonly calledIn: DecisionCalledIn['data'] | null;
  readonly callInOutcome: CallInOutcome | null;
  readonly implementedOn: IsoDate | null;
  readonly revocation: { readonly reason: string; readonly revokedOn: IsoDate } | null;
  readonly supersededBy: { readonly id: string; readonly number: number; readonly on: IsoDate } | null;
  /** The latest event of each type, by type. */
  readonly evidence: Readonly<Partial<Record<DecisionEvent['type'], Evidence>>>;
}

/** The document of a decision, picked from its state field by field. */
export const decisionDocumentOf = (decision: DecisionDocument): DecisionDocument => ({
  stage: decision.stage,
  subject: decision.subject,
  decisionMaker: decision.decisionMaker,
  decisionMakerPersonId: decision.decisionMakerPersonId,
  expectedOn: decision.expectedOn,
  keyDecision: decision.keyDecision,
  significantPublicInterest: decision.significantPublicInterest,
  documents: decision.documents,
  exemption: decision.exemption,
  noticePublishedOn: decision.noticePublishedOn,
  deferrals: decision.deferrals,
  withdrawal: decision.withdrawal,
  generalException: decision.generalException,
  specialUrgency: decision.specialUrgency,
  taken: decision.taken,
  number: decision.number,
  series: decision.series,
  recordPublishedOn: decision.recordPublishedOn,
  callIn: decision.callIn,
  callInClosesOn: decision.callInClosesOn,
  calledIn: decision.calledIn,
  callInOutcome: decision.callInOutcome,
  implementedOn: decision.implementedOn,
  revocation: decision.revocation,
  supersededBy: decision.supersededBy,
  evidence: decision.evidence,
});
