import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import { Decider, StoredDomainEvent } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';
import {
  DecisionEvent,
  DecisionMarkedExempt,
  DecisionTaken,
  decisionEffectiveDateOf,
  EXEMPTABLE_PARTS,
} from './decision.events';
import { DecisionCommand } from './decision.commands';
import { Decision, initialDecision } from './decision.state';
import { DecisionStage, Evidence } from './decision.document';
import { decideAfterTaking } from './decision-after-taking';
import { decideBeforeTaking } from './decision-before-taking';
import { conflict } from './decision-rules';
import { unknownEventType } from '../shared/upcasting';

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
      schemaVersion: 2,
      data: {
        bodyId: command.bodyId,
        subject: requiredText(command.subject, 'subject'),
        decisionMaker: requiredText(command.decisionMaker, 'decisionMaker'),
        decisionMakerPersonId: command.decisionMakerPersonId ?? null,
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
      // Numbered again with the number it has (the numbering process after an import): nothing new.
      if (
        state.number === command.number &&
        (command.series === undefined || command.series === state.series)
      )
        return [];
      if (state.number !== null)
        throw conflict('DECISION_NUMBERED', `The decision is already numbered ${state.number}.`);
      return [
        {
          type: 'DecisionNumbered',
          schemaVersion: 2,
          data: { number: command.number, series: command.series ?? null },
        },
      ];
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
      return { ...state, number: event.data.number, series: event.data.series };
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
    case 'CallInNotApplicable':
      return { ...state, callIn: 'not applicable' };
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
    default:
      return unknownEventType(event);
  }
}

export const decisionDecider: Decider<DecisionCommand, DecisionEvent, Decision> = {
  initialState: initialDecision,
  decide: decideDecision,
  evolve: evolveDecision,
};
