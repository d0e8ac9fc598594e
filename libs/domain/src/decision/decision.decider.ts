import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import { Decider, IsoDate, StoredDomainEvent } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';
import { DecisionEvent, DecisionProposed, DecisionTaken } from './decision.events';
import { earliestDateAfterClearDays, StatutoryPeriods } from './statutory-clock';

export type DecisionStage = 'none' | 'proposed' | 'withdrawn' | 'taken';

export interface Decision {
  readonly stage: DecisionStage;
  readonly bodyId: string | null;
  readonly keyDecision: boolean;
  readonly expectedOn: IsoDate | null;
  readonly noticePublishedOn: IsoDate | null;
  readonly generalException: { readonly scrutinyChairInformedOn: IsoDate } | null;
  readonly specialUrgency: boolean;
  readonly number: number | null;
}

export const initialDecision = (): Decision => ({
  stage: 'none',
  bodyId: null,
  keyDecision: false,
  expectedOn: null,
  noticePublishedOn: null,
  generalException: null,
  specialUrgency: false,
  number: null,
});

export type DecisionCommand =
  | ({ type: 'ProposeDecision' } & DecisionProposed['data'])
  | { type: 'PublishNotice'; publishedOn: IsoDate }
  | { type: 'DeferDecision'; expectedOn: IsoDate; reason: string }
  | { type: 'WithdrawDecision'; reason: string; withdrawnOn: IsoDate }
  | { type: 'RecordGeneralException'; scrutinyChairInformedOn: IsoDate; reason: string }
  | {
      type: 'AgreeSpecialUrgency';
      agreedBy: string;
      agreedByRole: 'scrutiny chair' | 'chairman' | 'vice-chairman';
      reason: string;
      agreedOn: IsoDate;
    }
  | ({ type: 'TakeDecision'; periods: StatutoryPeriods } & Omit<DecisionTaken['data'], 'route'>);

export function decideDecision(command: DecisionCommand, state: Decision): DecisionEvent[] {
  if (command.type === 'ProposeDecision') {
    if (state.stage !== 'none')
      throw new DomainError('DECISION_EXISTS', 'This decision is already proposed.', 'conflict');
    return [
      {
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
      },
    ];
  }
  if (state.stage === 'none') throw new DomainError('DECISION_NOT_FOUND', 'No such decision.', 'not_found');
  if (state.stage !== 'proposed') {
    throw new DomainError(
      `DECISION_${state.stage.toUpperCase()}`,
      `The decision is ${state.stage}; it cannot change now.`,
      'conflict',
    );
  }
  switch (command.type) {
    case 'PublishNotice':
      if (state.noticePublishedOn)
        throw new DomainError(
          'NOTICE_PUBLISHED',
          `Notice was published on ${state.noticePublishedOn}.`,
          'conflict',
        );
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

/** Regs 9-11: a key decision waits 28 clear days after notice, unless an exception route is met. */
function lawfulRoute(
  state: Decision,
  takenOn: IsoDate,
  periods: StatutoryPeriods,
): DecisionTaken['data']['route'] {
  if (!state.keyDecision) return 'not a key decision';
  if (state.specialUrgency) return 'special urgency';
  const notice = state.noticePublishedOn;
  if (notice && takenOn >= earliestDateAfterClearDays(notice, periods.keyDecisionNoticeClearDays))
    return 'notice';
  if (notice && state.generalException) {
    const from =
      state.generalException.scrutinyChairInformedOn > notice
        ? state.generalException.scrutinyChairInformedOn
        : notice;
    const earliest = earliestDateAfterClearDays(from, periods.generalExceptionClearDays);
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

export function evolveDecision(state: Decision, event: StoredDomainEvent<DecisionEvent>): Decision {
  switch (event.type) {
    case 'DecisionProposed':
      return {
        ...state,
        stage: 'proposed',
        bodyId: event.data.bodyId,
        keyDecision: event.data.keyDecision,
        expectedOn: event.data.expectedOn,
      };
    case 'DecisionNoticePublished':
      return { ...state, noticePublishedOn: event.data.publishedOn };
    case 'DecisionDeferred':
      return { ...state, expectedOn: event.data.expectedOn };
    case 'DecisionWithdrawn':
      return { ...state, stage: 'withdrawn' };
    case 'GeneralExceptionRecorded':
      return { ...state, generalException: { scrutinyChairInformedOn: event.data.scrutinyChairInformedOn } };
    case 'SpecialUrgencyAgreed':
      return { ...state, specialUrgency: true };
    case 'DecisionTaken':
      return { ...state, stage: 'taken', number: event.data.number };
  }
}

export const decisionDecider: Decider<DecisionCommand, DecisionEvent, Decision> = {
  initialState: initialDecision,
  decide: decideDecision,
  evolve: evolveDecision,
};
