import { BODYS_TODAY } from '#application/changes/body-today';
import { DecisionChange } from '#application/changes/decision-changes';
import {
  CALL_IN_OUTCOMES,
  CallInOutcome,
  EXEMPTABLE_PARTS,
  ExemptablePart,
  SPECIAL_URGENCY_ROLES,
} from '#domain/decision/decision.events';
import { FieldError, linesOf } from '../../page';
import { typedDate } from '../../time/as-at';

/** The fields of the propose form, as the check page carries them on. */
export const PROPOSAL_FIELDS = [
  'subject',
  'decisionMaker',
  'expectedOn',
  'keyDecision',
  'significantPublicInterest',
  'documents',
  'exemptCategory',
  'exemptParts',
  'exemptReason',
] as const;

export interface Proposal {
  readonly subject: string;
  readonly decisionMaker: string;
  readonly expectedOn: string;
  readonly keyDecision: boolean;
  readonly significantPublicInterest: boolean;
  readonly documents: string[];
  readonly exemption?: { category: number; reason: string; parts: ExemptablePart[] };
}

/**
 * Exempt parts as a form states them (paragraph, parts, why), or what is missing. No paragraph is
 * no exemption where it is `optional` (proposing), and a missing answer where it is not.
 */
function exemptionOf(values: Record<string, string>, errors: FieldError[], optional: boolean) {
  const parts = EXEMPTABLE_PARTS.filter((part) => (values.exemptParts ?? '').split(',').includes(part));
  const category = Number(values.exemptCategory);
  if (!values.exemptCategory) {
    if (!optional || parts.length > 0 || values.exemptReason)
      errors.push({ field: 'exemptCategory', text: 'Choose the paragraph of Schedule 12A that applies' });
    return undefined;
  }
  if (!Number.isInteger(category) || category < 1 || category > 7)
    errors.push({ field: 'exemptCategory', text: 'Choose the paragraph of Schedule 12A that applies' });
  if (parts.length === 0)
    errors.push({ field: 'exemptParts', text: 'Choose the parts that hold exempt information' });
  if (!values.exemptReason) errors.push({ field: 'exemptReason', text: 'Say why the information is exempt' });
  return { category, reason: values.exemptReason ?? '', parts };
}

const yesNo = (values: Record<string, string>, field: string, question: string, errors: FieldError[]) => {
  if (values[field] !== 'yes' && values[field] !== 'no') errors.push({ field, text: question });
  return values[field] === 'yes';
};

/** A proposal as the propose form describes it, or what is wrong with the form. */
export function proposalOf(values: Record<string, string>): { proposal?: Proposal; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!values.subject) errors.push({ field: 'subject', text: 'Enter what the decision is about' });
  else if (values.subject.length > 500)
    errors.push({ field: 'subject', text: 'The subject must be 500 characters or fewer' });
  if (!values.decisionMaker) errors.push({ field: 'decisionMaker', text: 'Choose who takes the decision' });
  const expectedOn = typedDate(values.expectedOn);
  if (!values.expectedOn)
    errors.push({ field: 'expectedOn', text: 'Enter when the decision is expected, like 30/4/2026' });
  else if (expectedOn === null) errors.push({ field: 'expectedOn', text: 'Write the date like 30/4/2026' });
  const keyDecision = yesNo(values, 'keyDecision', 'Say whether it is a key decision', errors);
  const significantPublicInterest = yesNo(
    values,
    'significantPublicInterest',
    'Say whether it is of significant public interest',
    errors,
  );
  const exemption = exemptionOf(values, errors, true);
  if (errors.length > 0) return { errors };
  return {
    errors,
    proposal: {
      subject: values.subject,
      decisionMaker: values.decisionMaker,
      expectedOn: expectedOn!,
      keyDecision,
      significantPublicInterest,
      documents: linesOf(values.documents),
      ...(exemption ? { exemption } : {}),
    },
  };
}

type StepOf = (values: Record<string, string>) => { change?: DecisionChange; errors: FieldError[] };

/** A date field: blank is the body's today, unreadable is an error. */
function dateField(values: Record<string, string>, field: string, errors: FieldError[]): string {
  const date = typedDate(values[field]);
  if (date === null)
    errors.push({ field, text: 'Write the date like 30/4/2026, or leave it blank for today' });
  return date || BODYS_TODAY;
}

function required(values: Record<string, string>, field: string, text: string, errors: FieldError[]) {
  if (!values[field]) errors.push({ field, text });
  return values[field];
}

const step =
  (build: (values: Record<string, string>, errors: FieldError[]) => DecisionChange): StepOf =>
  (values) => {
    const errors: FieldError[] = [];
    const change = build(values, errors);
    return errors.length > 0 ? { errors } : { change, errors };
  };

/**
 * Each step of a decision's life after it is proposed, as its form on the decision's page
 * describes it: the path the form posts to, and the change it asks for (or what is wrong).
 */
export const DECISION_STEPS: Record<string, StepOf> = {
  notice: step((values, errors) => ({
    type: 'PublishNotice',
    publishedOn: dateField(values, 'noticeOn', errors),
  })),
  deferral: step((values, errors) => {
    const expectedOn = typedDate(values.newExpectedOn);
    if (!expectedOn)
      errors.push({ field: 'newExpectedOn', text: 'Enter the new expected date, like 30/4/2026' });
    return {
      type: 'DeferDecision',
      expectedOn: expectedOn ?? '',
      reason: required(values, 'deferReason', 'Say why it is deferred', errors),
    };
  }),
  withdrawal: step((values, errors) => ({
    type: 'WithdrawDecision',
    reason: required(values, 'withdrawReason', 'Say why it is withdrawn', errors),
    withdrawnOn: BODYS_TODAY,
  })),
  'general-exception': step((values, errors) => {
    const informedOn = dateField(values, 'informedOn', errors);
    return {
      type: 'RecordGeneralException',
      scrutinyChairInformedOn: informedOn,
      reason: required(values, 'exceptionReason', 'Say why the decision cannot wait 28 clear days', errors),
    };
  }),
  'special-urgency': step((values, errors) => {
    const role = SPECIAL_URGENCY_ROLES.find((each) => each === values.agreedByRole);
    if (!role) errors.push({ field: 'agreedByRole', text: 'Choose the role of the person who agreed' });
    return {
      type: 'AgreeSpecialUrgency',
      agreedBy: required(values, 'agreedBy', 'Enter who agreed that the decision is urgent', errors),
      agreedByRole: role ?? 'scrutiny chair',
      reason: required(values, 'urgencyReason', 'Say why the decision cannot reasonably be deferred', errors),
      agreedOn: dateField(values, 'agreedOn', errors),
    };
  }),
  taking: step((values, errors) => ({
    type: 'TakeDecision',
    decisionText: required(values, 'decisionText', 'Enter the decision as it will be recorded', errors),
    reasons: required(values, 'reasons', 'Enter the reasons for the decision', errors),
    alternativesRejected: linesOf(values.alternativesRejected),
    conflictsOfInterest: linesOf(values.conflictsOfInterest),
    dispensations: linesOf(values.dispensations),
    takenOn: dateField(values, 'takenOn', errors),
    decidedBy: required(values, 'decidedBy', 'Enter who took the decision, as the record names them', errors),
  })),
  'record-publication': step((values, errors) => ({
    type: 'PublishRecord',
    publishedOn: dateField(values, 'recordOn', errors),
  })),
  'call-in-window-closure': step(() => ({ type: 'CloseCallInWindow' })),
  'call-in': step((values, errors) => {
    const calledInBy = linesOf(values.calledInBy);
    if (calledInBy.length === 0)
      errors.push({ field: 'calledInBy', text: 'Enter who called it in, one a line' });
    return {
      type: 'CallIn',
      calledInBy,
      reason: required(values, 'callInReason', 'Enter the reason they gave', errors),
      calledInOn: dateField(values, 'calledInOn', errors),
    };
  }),
  'call-in-outcome': step((values, errors) => {
    const outcome = CALL_IN_OUTCOMES.find((each) => each === values.outcome);
    if (!outcome) errors.push({ field: 'outcome', text: 'Choose what scrutiny decided' });
    return {
      type: 'RecordCallInOutcome',
      outcome: outcome ?? ('' as CallInOutcome),
      decidedOn: dateField(values, 'outcomeOn', errors),
      notes: values.outcomeNotes,
    };
  }),
  reconsideration: step((values, errors) => {
    if (values.reconsidered !== 'confirmed' && values.reconsidered !== 'amended')
      errors.push({ field: 'reconsidered', text: 'Say whether the decision was confirmed or amended' });
    if (values.reconsidered === 'amended' && !values.amendedText)
      errors.push({ field: 'amendedText', text: 'Enter the decision as amended' });
    return {
      type: 'ReconsiderDecision',
      outcome: values.reconsidered === 'amended' ? 'amended' : 'confirmed',
      decisionText: values.reconsidered === 'amended' ? values.amendedText : undefined,
      reconsideredOn: dateField(values, 'reconsideredOn', errors),
    };
  }),
  implementation: step((values, errors) => ({
    type: 'ImplementDecision',
    implementedOn: dateField(values, 'implementedOn', errors),
  })),
  revocation: step((values, errors) => ({
    type: 'RevokeDecision',
    reason: required(values, 'revokeReason', 'Say why it is revoked', errors),
    revokedOn: dateField(values, 'revokedOn', errors),
  })),
  supersession: step((values, errors) => ({
    type: 'SupersedeDecision',
    supersededBy: required(values, 'supersededBy', 'Choose the decision that supersedes it', errors),
    supersededOn: dateField(values, 'supersededOn', errors),
  })),
  exemption: step((values, errors) => {
    const exemption = exemptionOf(values, errors, false);
    return { type: 'MarkExempt', category: 0, reason: '', parts: [], ...exemption };
  }),
  'exemption-lifting': step((values, errors) => ({
    type: 'LiftExemption',
    reason: required(values, 'liftReason', 'Say why the information is no longer exempt', errors),
    liftedOn: BODYS_TODAY,
  })),
};

/** Every field any step's form has: what a refused form shows again as typed. */
export const STEP_FIELDS = [
  'noticeOn',
  'newExpectedOn',
  'deferReason',
  'withdrawReason',
  'informedOn',
  'exceptionReason',
  'agreedBy',
  'agreedByRole',
  'urgencyReason',
  'agreedOn',
  'decisionText',
  'reasons',
  'alternativesRejected',
  'conflictsOfInterest',
  'dispensations',
  'takenOn',
  'decidedBy',
  'recordOn',
  'calledInBy',
  'callInReason',
  'calledInOn',
  'outcome',
  'outcomeOn',
  'outcomeNotes',
  'reconsidered',
  'amendedText',
  'reconsideredOn',
  'implementedOn',
  'revokeReason',
  'revokedOn',
  'supersededBy',
  'supersededOn',
  'exemptCategory',
  'exemptReason',
  'exemptParts',
  'liftReason',
];

/** What each part of a decision that can be exempt is called on the form. */
export const EXEMPTABLE_PART_NAMES: Record<ExemptablePart, string> = {
  subject: 'What the decision is about (its subject)',
  documents: 'Documents',
  decisionText: 'The decision',
  reasons: 'Reasons',
  alternativesRejected: 'Alternatives considered and rejected',
  conflictsOfInterest: 'Conflicts of interest',
  dispensations: 'Dispensations',
};

/** The exemption fields' choices, as typed: the paragraphs of Schedule 12A, and the parts. */
export function exemptionChoices(values: Record<string, string> | undefined, none = 'Choose a paragraph') {
  return {
    categoryItems: [
      { value: '', text: none },
      ...[1, 2, 3, 4, 5, 6, 7].map((category) => ({
        value: String(category),
        text: `Paragraph ${category}`,
        selected: values?.exemptCategory === String(category),
      })),
    ],
    partItems: EXEMPTABLE_PARTS.map((part) => ({
      value: part,
      text: EXEMPTABLE_PART_NAMES[part],
      checked: (values?.exemptParts ?? '').split(',').includes(part),
    })),
  };
}
