import { DecisionDocument } from './decision.document';

/** What the decision decider knows of one decision, folded from its events: its document, and its body. */
export interface Decision extends DecisionDocument {
  readonly bodyId: string | null;
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
