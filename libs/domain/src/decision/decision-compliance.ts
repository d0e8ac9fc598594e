import { IsoDate } from '../shared/event';
import { addDays } from '../shared/iso-date';
import { DecisionDocument, Evidence } from './decision.document';
import { callInAsOf } from './decision-status';
import { generalExceptionEarliest } from './key-decision-rules';
import { DecisionEvent } from './decision.events';
import { earliestDateAfterClearDays, StatutoryPeriods } from './statutory-clock';

export type RuleStatus = 'met' | 'pending' | 'at risk' | 'not applicable';

/** One statutory rule as it applies to one decision, with the events that bear on it. */
export interface RuleCheck {
  readonly rule: string;
  readonly status: RuleStatus;
  readonly detail: string;
  readonly evidence: readonly Evidence[];
}

export interface Compliance {
  /** `on track`: nothing wrong yet, something still to do; `at risk`: a rule will be broken unless acted on. */
  readonly status: 'compliant' | 'on track' | 'at risk' | 'not applicable';
  readonly rules: readonly RuleCheck[];
}

const NOTICE_RULE = 'Notice of a key decision (reg 9)';
const GENERAL_EXCEPTION_RULE = 'General exception (reg 10)';
const SPECIAL_URGENCY_RULE = 'Special urgency (reg 11)';
const CALL_IN_RULE = 'Call-in by scrutiny';

/** How a decision stands against the statutory rules on `today`, computed from its events alone. */
export function complianceOf(
  decision: DecisionDocument,
  today: IsoDate,
  periods: StatutoryPeriods,
): Compliance {
  if (decision.stage === 'none' || decision.stage === 'withdrawn')
    return { status: 'not applicable', rules: [] };
  const evidenceOf = (...types: DecisionEvent['type'][]): Evidence[] =>
    types.flatMap((type) => (decision.evidence[type] ? [decision.evidence[type] as Evidence] : []));
  const rules = [
    ...noticeRules(decision, today, periods, evidenceOf),
    ...(decision.taken ? [callInRule(decision, today, evidenceOf)] : []),
  ];
  const status = rules.some((r) => r.status === 'at risk')
    ? 'at risk'
    : rules.some((r) => r.status === 'pending')
      ? 'on track'
      : 'compliant';
  return { status, rules };
}

type EvidenceOf = (...types: DecisionEvent['type'][]) => Evidence[];

function noticeRules(
  decision: DecisionDocument,
  today: IsoDate,
  periods: StatutoryPeriods,
  evidenceOf: EvidenceOf,
): RuleCheck[] {
  if (!decision.keyDecision) {
    return [
      {
        rule: NOTICE_RULE,
        status: 'not applicable',
        detail: 'Not a key decision.',
        evidence: evidenceOf('DecisionProposed'),
      },
    ];
  }
  const taken = decision.taken;
  if (taken) {
    switch (taken.route) {
      case 'notice':
        return [
          {
            rule: NOTICE_RULE,
            status: 'met',
            detail: `Notice published on ${decision.noticePublishedOn}; taken on ${taken.takenOn}, after ${periods.keyDecisionNoticeClearDays} clear days.`,
            evidence: evidenceOf('DecisionNoticePublished', 'DecisionTaken'),
          },
        ];
      case 'general exception':
        return [
          {
            rule: GENERAL_EXCEPTION_RULE,
            status: 'met',
            detail: `Scrutiny chair informed on ${decision.generalException?.scrutinyChairInformedOn}, notice published on ${decision.noticePublishedOn}; taken on ${taken.takenOn}.`,
            evidence: evidenceOf('DecisionNoticePublished', 'GeneralExceptionRecorded', 'DecisionTaken'),
          },
        ];
      default:
        return [
          {
            rule: SPECIAL_URGENCY_RULE,
            status: 'met',
            detail: `Urgency agreed by ${decision.specialUrgency?.agreedBy} (${decision.specialUrgency?.agreedByRole}) on ${decision.specialUrgency?.agreedOn}.`,
            evidence: evidenceOf('SpecialUrgencyAgreed', 'DecisionTaken'),
          },
        ];
    }
  }

  const expectedOn = decision.expectedOn as IsoDate;
  if (decision.specialUrgency) {
    return [
      {
        rule: SPECIAL_URGENCY_RULE,
        status: 'met',
        detail: `Urgency agreed by ${decision.specialUrgency.agreedBy} (${decision.specialUrgency.agreedByRole}); it may be taken without notice.`,
        evidence: evidenceOf('SpecialUrgencyAgreed'),
      },
    ];
  }
  const notice = decision.noticePublishedOn;
  if (!notice) {
    const latest = latestNoticeDate(expectedOn, periods.keyDecisionNoticeClearDays);
    return [
      today <= latest
        ? {
            rule: NOTICE_RULE,
            status: 'pending',
            detail: `Publish the notice by ${latest} to take the decision on ${expectedOn}.`,
            evidence: [],
          }
        : {
            rule: NOTICE_RULE,
            status: 'at risk',
            detail: `The notice was due by ${latest} for a decision on ${expectedOn}; published today it allows a decision from ${earliestDateAfterClearDays(today, periods.keyDecisionNoticeClearDays)}. Defer it, or record a general exception or special urgency.`,
            evidence: [],
          },
    ];
  }
  const earliest = earliestDateAfterClearDays(notice, periods.keyDecisionNoticeClearDays);
  if (expectedOn >= earliest) {
    return [
      {
        rule: NOTICE_RULE,
        status: 'met',
        detail: `Notice published on ${notice}; the decision may be taken from ${earliest}.`,
        evidence: evidenceOf('DecisionNoticePublished'),
      },
    ];
  }
  const short: RuleCheck = {
    rule: NOTICE_RULE,
    status: decision.generalException ? 'not applicable' : 'at risk',
    detail: `Notice published on ${notice} allows a decision from ${earliest}, but it is expected on ${expectedOn}.`,
    evidence: evidenceOf('DecisionNoticePublished'),
  };
  if (!decision.generalException) return [short];
  const geEarliest = generalExceptionEarliest(
    notice,
    decision.generalException.scrutinyChairInformedOn,
    periods,
  );
  return [
    short,
    {
      rule: GENERAL_EXCEPTION_RULE,
      status: expectedOn >= geEarliest ? 'met' : 'at risk',
      detail: `Under the general exception it may be taken from ${geEarliest}; it is expected on ${expectedOn}.`,
      evidence: evidenceOf('DecisionNoticePublished', 'GeneralExceptionRecorded'),
    },
  ];
}

/** The last day a notice can be published and still give `clearDays` clear days before `decisionOn`. */
export function latestNoticeDate(decisionOn: IsoDate, clearDays: number): IsoDate {
  return addDays(decisionOn, -(clearDays + 1));
}

function callInRule(decision: DecisionDocument, today: IsoDate, evidenceOf: EvidenceOf): RuleCheck {
  const rule = CALL_IN_RULE;
  switch (callInAsOf(decision, today)) {
    case 'not applicable':
      return decision.taken?.route === 'special urgency'
        ? {
            rule,
            status: 'not applicable',
            detail: 'Taken under special urgency: not subject to call-in.',
            evidence: evidenceOf('SpecialUrgencyAgreed'),
          }
        : {
            rule,
            status: 'not applicable',
            detail: "The body's decisions are not subject to call-in.",
            evidence: evidenceOf('CallInNotApplicable'),
          };
    case 'record not published':
      return {
        rule,
        status: 'pending',
        detail: 'Publish the decision record to open the call-in window.',
        evidence: evidenceOf('DecisionTaken'),
      };
    case 'open':
      return {
        rule,
        status: 'pending',
        detail: `Open until the end of ${decision.callInClosesOn}.`,
        evidence: evidenceOf('DecisionRecordPublished', 'CallInWindowOpened'),
      };
    case 'called in':
      return {
        rule,
        status: 'pending',
        detail: `Called in on ${decision.calledIn?.calledInOn} by ${decision.calledIn?.calledInBy.join(', ')}; awaiting the outcome.`,
        evidence: evidenceOf('CallInWindowOpened', 'DecisionCalledIn'),
      };
    case 'referred':
      return {
        rule,
        status: 'pending',
        detail: `${decision.callInOutcome}: awaiting reconsideration.`,
        evidence: evidenceOf('DecisionCalledIn', 'CallInOutcomeRecorded'),
      };
    case 'cleared':
      return {
        rule,
        status: 'met',
        detail: decision.calledIn
          ? `Called in; outcome: ${decision.callInOutcome}.`
          : `Not called in; the window closed at the end of ${decision.callInClosesOn}.`,
        evidence: evidenceOf(
          'CallInWindowOpened',
          'CallInWindowClosed',
          'DecisionCalledIn',
          'CallInOutcomeRecorded',
          'DecisionReconsidered',
        ),
      };
  }
}
