import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import { Decider, IsoDate, StoredDomainEvent } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';
import {
  CallInOutcome,
  DecisionCalledIn,
  DecisionEvent,
  DecisionMarkedExempt,
  DecisionProposed,
  DecisionRoute,
  DecisionTaken,
  decisionEffectiveDateOf,
  EXEMPTABLE_PARTS,
  SpecialUrgencyAgreed,
} from './decision.events';
import { earliestDateAfterClearDays, endOfWorkingDays, StatutoryPeriods } from './statutory-clock';

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

export type DecisionCommand =
  | ({ type: 'ProposeDecision'; exemption?: DecisionMarkedExempt['data'] } & DecisionProposed['data'])
  | ({ type: 'MarkExempt' } & DecisionMarkedExempt['data'])
  | { type: 'LiftExemption'; reason: string; liftedOn: IsoDate }
  | { type: 'PublishNotice'; publishedOn: IsoDate }
  | { type: 'DeferDecision'; expectedOn: IsoDate; reason: string }
  | { type: 'WithdrawDecision'; reason: string; withdrawnOn: IsoDate }
  | { type: 'RecordGeneralException'; scrutinyChairInformedOn: IsoDate; reason: string }
  | ({ type: 'AgreeSpecialUrgency' } & SpecialUrgencyAgreed['data'])
  | ({ type: 'TakeDecision'; periods: StatutoryPeriods } & Omit<DecisionTaken['data'], 'route'>)
  | { type: 'NumberDecision'; number: number }
  | { type: 'PublishRecord'; publishedOn: IsoDate; periods: StatutoryPeriods }
  | { type: 'CloseCallInWindow'; today: IsoDate }
  | { type: 'CallIn'; calledInBy: string[]; reason: string; calledInOn: IsoDate }
  | { type: 'RecordCallInOutcome'; outcome: CallInOutcome; decidedOn: IsoDate; notes: string }
  | {
      type: 'ReconsiderDecision';
      outcome: 'confirmed' | 'amended';
      decisionText?: string;
      reconsideredOn: IsoDate;
    }
  | { type: 'ImplementDecision'; implementedOn: IsoDate }
  | { type: 'RevokeDecision'; reason: string; revokedOn: IsoDate }
  | { type: 'SupersedeDecision'; supersededBy: string; supersededByNumber: number; supersededOn: IsoDate };

const conflict = (code: string, message: string, field?: string) =>
  new DomainError(code, message, 'conflict', field);

function notBefore(date: IsoDate, earliest: IsoDate | null, field: string, what: string): IsoDate {
  requireIsoDate(date, field);
  if (earliest && date < earliest)
    throw new DomainError(
      'DATE_TOO_EARLY',
      `${field} ${date} is before ${what} (${earliest})`,
      'invalid',
      field,
    );
  return date;
}

function exemptionOf(input: DecisionMarkedExempt['data']): DecisionMarkedExempt['data'] {
  if (!Number.isInteger(input.category) || input.category < 1 || input.category > 7) {
    throw new DomainError(
      'INVALID_EXEMPTION_CATEGORY',
      `exemption category ${input.category} is not a paragraph of Schedule 12A; use 1-7`,
      'invalid',
      'category',
    );
  }
  const unknown = input.parts.find((part) => !(EXEMPTABLE_PARTS as readonly string[]).includes(part));
  if (unknown !== undefined || input.parts.length === 0) {
    throw new DomainError(
      'INVALID_EXEMPT_PARTS',
      `parts must list one or more of ${EXEMPTABLE_PARTS.join(', ')}`,
      'invalid',
      'parts',
    );
  }
  return {
    category: input.category,
    reason: requiredText(input.reason, 'reason'),
    parts: [...new Set(input.parts)],
  };
}

export function decideDecision(command: DecisionCommand, state: Decision): DecisionEvent[] {
  if (command.type === 'ProposeDecision') {
    if (state.stage !== 'none')
      throw new DomainError('DECISION_EXISTS', 'This decision is already proposed.', 'conflict');
    const proposed: DecisionEvent = {
      type: 'DecisionProposed',
      schemaVersion: 1,
      data: {
        bodyId: command.bodyId,
        subject: requiredText(command.subject, 'subject'),
        decisionMaker: requiredText(command.decisionMaker, 'decisionMaker'),
        expectedOn: requireIsoDate(command.expectedOn, 'expectedOn'),
        keyDecision: command.keyDecision,
        significantPublicInterest: command.significantPublicInterest,
        documents: command.documents,
      },
    };
    if (!command.exemption) return [proposed];
    return [
      proposed,
      { type: 'DecisionMarkedExempt', schemaVersion: 1, data: exemptionOf(command.exemption) },
    ];
  }
  if (state.stage === 'none') throw new DomainError('DECISION_NOT_FOUND', 'No such decision.', 'not_found');

  switch (command.type) {
    case 'MarkExempt':
      return [{ type: 'DecisionMarkedExempt', schemaVersion: 1, data: exemptionOf(command) }];
    case 'LiftExemption':
      if (!state.exemption) throw conflict('NOT_EXEMPT', 'The decision holds no exempt information.');
      return [
        {
          type: 'DecisionExemptionLifted',
          schemaVersion: 1,
          data: {
            reason: requiredText(command.reason, 'reason'),
            liftedOn: requireIsoDate(command.liftedOn, 'liftedOn'),
          },
        },
      ];
    case 'NumberDecision':
      requireStage(state, 'taken', 'revoked', 'superseded');
      if (state.number === command.number) return [];
      if (state.number !== null)
        throw conflict('DECISION_NUMBERED', `The decision is already numbered ${state.number}.`);
      return [{ type: 'DecisionNumbered', schemaVersion: 1, data: { number: command.number } }];
    case 'PublishNotice':
    case 'DeferDecision':
    case 'WithdrawDecision':
    case 'RecordGeneralException':
    case 'AgreeSpecialUrgency':
    case 'TakeDecision':
      requireStage(state, 'proposed');
      return decideBeforeTaking(command, state);
    default:
      requireStage(state, 'taken');
      return decideAfterTaking(command, state, state.taken as DecisionTaken['data']);
  }
}

function requireStage(state: Decision, ...stages: DecisionStage[]): void {
  if (stages.includes(state.stage)) return;
  const taken = stages.includes('taken');
  throw conflict(
    `DECISION_${state.stage.toUpperCase()}`,
    taken
      ? `The decision is ${state.stage}; it must be taken first, and not revoked or superseded.`
      : `The decision is ${state.stage}; this can only be done while it is proposed.`,
  );
}

/** What can change while a decision is proposed. */
type BeforeTaking = Extract<
  DecisionCommand,
  {
    type:
      | 'PublishNotice'
      | 'DeferDecision'
      | 'WithdrawDecision'
      | 'RecordGeneralException'
      | 'AgreeSpecialUrgency'
      | 'TakeDecision';
  }
>;
/** What can happen once a decision is taken (numbering and exemption apply at any stage). */
type AfterTaking = Exclude<
  DecisionCommand,
  BeforeTaking | { type: 'ProposeDecision' | 'MarkExempt' | 'LiftExemption' | 'NumberDecision' }
>;

function decideBeforeTaking(command: BeforeTaking, state: Decision): DecisionEvent[] {
  switch (command.type) {
    case 'PublishNotice':
      if (state.noticePublishedOn)
        throw conflict('NOTICE_PUBLISHED', `Notice was published on ${state.noticePublishedOn}.`);
      return [
        {
          type: 'DecisionNoticePublished',
          schemaVersion: 1,
          data: { publishedOn: requireIsoDate(command.publishedOn, 'publishedOn') },
        },
      ];
    case 'DeferDecision':
      return [
        {
          type: 'DecisionDeferred',
          schemaVersion: 1,
          data: {
            expectedOn: requireIsoDate(command.expectedOn, 'expectedOn'),
            reason: requiredText(command.reason, 'reason'),
          },
        },
      ];
    case 'WithdrawDecision':
      return [
        {
          type: 'DecisionWithdrawn',
          schemaVersion: 1,
          data: {
            reason: requiredText(command.reason, 'reason'),
            withdrawnOn: requireIsoDate(command.withdrawnOn, 'withdrawnOn'),
          },
        },
      ];
    case 'RecordGeneralException':
      return [
        {
          type: 'GeneralExceptionRecorded',
          schemaVersion: 1,
          data: {
            scrutinyChairInformedOn: requireIsoDate(
              command.scrutinyChairInformedOn,
              'scrutinyChairInformedOn',
            ),
            reason: requiredText(command.reason, 'reason'),
          },
        },
      ];
    case 'AgreeSpecialUrgency':
      return [
        {
          type: 'SpecialUrgencyAgreed',
          schemaVersion: 1,
          data: {
            agreedBy: requiredText(command.agreedBy, 'agreedBy'),
            agreedByRole: command.agreedByRole,
            reason: requiredText(command.reason, 'reason'),
            agreedOn: requireIsoDate(command.agreedOn, 'agreedOn'),
          },
        },
      ];
    case 'TakeDecision': {
      const { periods, type, ...taken } = command;
      requireIsoDate(taken.takenOn, 'takenOn');
      return [
        {
          type: 'DecisionTaken',
          schemaVersion: 1,
          data: {
            ...taken,
            decisionText: requiredText(taken.decisionText, 'decisionText'),
            reasons: requiredText(taken.reasons, 'reasons'),
            decidedBy: requiredText(taken.decidedBy, 'decidedBy'),
            route: lawfulRoute(state, taken.takenOn, periods),
          },
        },
      ];
    }
  }
}

function decideAfterTaking(
  command: AfterTaking,
  state: Decision,
  taken: DecisionTaken['data'],
): DecisionEvent[] {
  switch (command.type) {
    case 'PublishRecord': {
      if (state.recordPublishedOn)
        throw conflict('RECORD_PUBLISHED', `The record was published on ${state.recordPublishedOn}.`);
      const publishedOn = notBefore(
        command.publishedOn,
        taken.takenOn,
        'publishedOn',
        'the date it was taken',
      );
      const published: DecisionEvent = {
        type: 'DecisionRecordPublished',
        schemaVersion: 1,
        data: { publishedOn },
      };
      // Urgent decisions are not subject to call-in (constitutions follow reg 11's reasoning).
      if (taken.route === 'special urgency') return [published];
      const closesOn = endOfWorkingDays(
        publishedOn,
        command.periods.callInWorkingDays,
        command.periods.bankHolidays,
      );
      return [
        published,
        { type: 'CallInWindowOpened', schemaVersion: 1, data: { opensOn: publishedOn, closesOn } },
      ];
    }
    case 'CloseCallInWindow':
      if (state.callIn !== 'open')
        throw conflict('CALL_IN_NOT_OPEN', `There is no open call-in window (call-in is ${state.callIn}).`);
      if (command.today <= (state.callInClosesOn as IsoDate))
        throw conflict(
          'CALL_IN_WINDOW_OPEN',
          `The call-in window is open until the end of ${state.callInClosesOn}; it can be closed from the day after.`,
        );
      return [{ type: 'CallInWindowClosed', schemaVersion: 1, data: { closedOn: command.today } }];
    case 'CallIn': {
      if (state.callIn !== 'open')
        throw conflict(
          'CALL_IN_NOT_OPEN',
          state.callIn === 'record not published'
            ? 'The decision cannot be called in before its record is published.'
            : `The decision cannot be called in: call-in is ${state.callIn}.`,
        );
      const calledInOn = notBefore(
        command.calledInOn,
        state.recordPublishedOn,
        'calledInOn',
        'the record was published',
      );
      if (calledInOn > (state.callInClosesOn as IsoDate))
        throw conflict(
          'CALL_IN_WINDOW_CLOSED',
          `The call-in window closed at the end of ${state.callInClosesOn}.`,
          'calledInOn',
        );
      const calledInBy = command.calledInBy.map((who) => who.trim()).filter((who) => who !== '');
      if (calledInBy.length === 0)
        throw new DomainError(
          'REQUIRED',
          'calledInBy must name who called the decision in',
          'invalid',
          'calledInBy',
        );
      return [
        {
          type: 'DecisionCalledIn',
          schemaVersion: 1,
          data: { calledInBy, reason: requiredText(command.reason, 'reason'), calledInOn },
        },
      ];
    }
    case 'RecordCallInOutcome':
      if (state.callIn !== 'called in')
        throw conflict(
          'NOT_CALLED_IN',
          `There is no call-in awaiting an outcome (call-in is ${state.callIn}).`,
        );
      return [
        {
          type: 'CallInOutcomeRecorded',
          schemaVersion: 1,
          data: {
            outcome: command.outcome,
            decidedOn: notBefore(
              command.decidedOn,
              state.calledIn?.calledInOn ?? null,
              'decidedOn',
              'the call-in',
            ),
            notes: command.notes.trim(),
          },
        },
      ];
    case 'ReconsiderDecision': {
      if (state.callIn !== 'referred')
        throw conflict(
          'NOT_REFERRED',
          `The decision has not been referred back (call-in is ${state.callIn}).`,
        );
      const decisionText =
        command.outcome === 'amended'
          ? requiredText(command.decisionText, 'decisionText')
          : taken.decisionText;
      return [
        {
          type: 'DecisionReconsidered',
          schemaVersion: 1,
          data: {
            outcome: command.outcome,
            decisionText,
            reconsideredOn: requireIsoDate(command.reconsideredOn, 'reconsideredOn'),
          },
        },
      ];
    }
    case 'ImplementDecision':
      if (state.implementedOn)
        throw conflict('IMPLEMENTED', `The decision was implemented on ${state.implementedOn}.`);
      if (state.callIn !== 'cleared' && state.callIn !== 'not applicable')
        throw conflict('CALL_IN_NOT_CLEARED', implementationBlocker(state));
      return [
        {
          type: 'DecisionImplemented',
          schemaVersion: 1,
          data: {
            implementedOn: notBefore(
              command.implementedOn,
              taken.takenOn,
              'implementedOn',
              'the date it was taken',
            ),
          },
        },
      ];
    case 'RevokeDecision':
      return [
        {
          type: 'DecisionRevoked',
          schemaVersion: 1,
          data: {
            reason: requiredText(command.reason, 'reason'),
            revokedOn: notBefore(command.revokedOn, taken.takenOn, 'revokedOn', 'the date it was taken'),
          },
        },
      ];
    case 'SupersedeDecision':
      return [
        {
          type: 'DecisionSuperseded',
          schemaVersion: 1,
          data: {
            supersededBy: command.supersededBy,
            supersededByNumber: command.supersededByNumber,
            supersededOn: notBefore(
              command.supersededOn,
              taken.takenOn,
              'supersededOn',
              'the date it was taken',
            ),
          },
        },
      ];
  }
}

function implementationBlocker(state: Decision): string {
  switch (state.callIn) {
    case 'record not published':
      return 'The decision record must be published, and the call-in window pass, before it is implemented.';
    case 'open':
      return `The call-in window is open until the end of ${state.callInClosesOn}; implement it after the window closes.`;
    case 'called in':
      return 'The decision has been called in; record the call-in outcome first.';
    default:
      return 'The decision was referred back; record its reconsideration first.';
  }
}

/** Regs 9-11: a key decision waits 28 clear days after notice, unless an exception route is met. */
function lawfulRoute(state: Decision, takenOn: IsoDate, periods: StatutoryPeriods): DecisionRoute {
  if (!state.keyDecision) return 'not a key decision';
  if (state.specialUrgency) {
    // Reg 11: the agreement that the decision cannot wait comes before the decision, not after.
    if (state.specialUrgency.agreedOn <= takenOn) return 'special urgency';
    throw new DomainError(
      'SPECIAL_URGENCY_AFTER_DECISION',
      `special urgency (reg 11) was agreed on ${state.specialUrgency.agreedOn}, after the decision date ${takenOn}; the agreement must come first`,
      'conflict',
      'takenOn',
    );
  }
  const notice = state.noticePublishedOn;
  if (notice && takenOn >= earliestDateAfterClearDays(notice, periods.keyDecisionNoticeClearDays))
    return 'notice';
  if (notice && state.generalException) {
    const earliest = generalExceptionEarliest(
      notice,
      state.generalException.scrutinyChairInformedOn,
      periods,
    );
    if (takenOn >= earliest) return 'general exception';
    throw new DomainError(
      'GENERAL_EXCEPTION_PERIOD',
      `general exception (reg 10) needs ${periods.generalExceptionClearDays} clear days after notice and the scrutiny chair being informed; earliest lawful date is ${earliest}`,
      'conflict',
      'takenOn',
    );
  }
  if (!notice) {
    throw new DomainError(
      'KEY_DECISION_NOTICE_MISSING',
      'a key decision needs a notice on the forward plan (reg 9), a general exception (reg 10) or special urgency (reg 11) before it is taken',
      'conflict',
      'takenOn',
    );
  }
  throw new DomainError(
    'KEY_DECISION_NOTICE_PERIOD',
    `key decision notice (reg 9) needs ${periods.keyDecisionNoticeClearDays} clear days; earliest lawful date is ${earliestDateAfterClearDays(notice, periods.keyDecisionNoticeClearDays)}`,
    'conflict',
    'takenOn',
  );
}

export function generalExceptionEarliest(
  noticePublishedOn: IsoDate,
  scrutinyChairInformedOn: IsoDate,
  periods: StatutoryPeriods,
): IsoDate {
  const from = scrutinyChairInformedOn > noticePublishedOn ? scrutinyChairInformedOn : noticePublishedOn;
  return earliestDateAfterClearDays(from, periods.generalExceptionClearDays);
}

export function evolveDecision(state: Decision, event: StoredDomainEvent<DecisionEvent>): Decision {
  const next = applyFact(state, event);
  const evidence: Evidence = {
    eventId: event.id,
    type: event.type,
    on: decisionEffectiveDateOf(event) ?? null,
  };
  return { ...next, evidence: { ...next.evidence, [event.type]: evidence } };
}

function applyFact(state: Decision, event: DecisionEvent): Decision {
  switch (event.type) {
    case 'DecisionProposed':
      return { ...state, stage: 'proposed', ...event.data };
    case 'DecisionMarkedExempt':
      return { ...state, exemption: event.data };
    case 'DecisionExemptionLifted':
      return { ...state, exemption: null };
    case 'DecisionNoticePublished':
      return { ...state, noticePublishedOn: event.data.publishedOn };
    case 'DecisionDeferred':
      return { ...state, expectedOn: event.data.expectedOn, deferrals: [...state.deferrals, event.data] };
    case 'DecisionWithdrawn':
      return { ...state, stage: 'withdrawn', withdrawal: event.data };
    case 'GeneralExceptionRecorded':
      return { ...state, generalException: event.data };
    case 'SpecialUrgencyAgreed':
      return { ...state, specialUrgency: event.data };
    case 'DecisionTaken':
      return { ...state, stage: 'taken', taken: event.data };
    case 'DecisionNumbered':
      return { ...state, number: event.data.number };
    case 'DecisionRecordPublished':
      return {
        ...state,
        recordPublishedOn: event.data.publishedOn,
        callIn: state.taken?.route === 'special urgency' ? 'not applicable' : state.callIn,
      };
    case 'CallInWindowOpened':
      return { ...state, callIn: 'open', callInClosesOn: event.data.closesOn };
    case 'CallInWindowClosed':
      return { ...state, callIn: 'cleared' };
    case 'DecisionCalledIn':
      return { ...state, callIn: 'called in', calledIn: event.data };
    case 'CallInOutcomeRecorded':
      return {
        ...state,
        callIn: event.data.outcome === 'no further action' ? 'cleared' : 'referred',
        callInOutcome: event.data.outcome,
      };
    case 'DecisionReconsidered':
      return {
        ...state,
        callIn: 'cleared',
        taken: state.taken && { ...state.taken, decisionText: event.data.decisionText },
      };
    case 'DecisionImplemented':
      return { ...state, implementedOn: event.data.implementedOn };
    case 'DecisionRevoked':
      return { ...state, stage: 'revoked', revocation: event.data };
    case 'DecisionSuperseded':
      return {
        ...state,
        stage: 'superseded',
        supersededBy: {
          id: event.data.supersededBy,
          number: event.data.supersededByNumber,
          on: event.data.supersededOn,
        },
      };
  }
}

export const decisionDecider: Decider<DecisionCommand, DecisionEvent, Decision> = {
  initialState: initialDecision,
  decide: decideDecision,
  evolve: evolveDecision,
};
