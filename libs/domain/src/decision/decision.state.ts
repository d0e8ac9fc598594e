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

/** Everything known about one decision; plain data, so read models can store it as it is. */
export interface Decision {
  readonly stage: DecisionStage;
  readonly bodyId: string | null;
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

export const initialDecision = (): Decision => ({
  stage: 'none',
  bodyId: null,
  subject: '',
  decisionMaker: '',
  decisionMakerPersonId: null,
  expectedOn: null,
  keyDecision: false,
  significantPublicInterest: false,
  documents: [],
  exemption: null,
  noticePublishedOn: null,
  deferrals: [],
  withdrawal: null,
  generalException: null,
  specialUrgency: null,
  taken: null,
  number: null,
  series: null,
  recordPublishedOn: null,
  callIn: 'record not published',
  callInClosesOn: null,
  calledIn: null,
  callInOutcome: null,
  implementedOn: null,
  revocation: null,
  supersededBy: null,
  evidence: {},
});
