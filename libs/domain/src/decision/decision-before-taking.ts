import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import { IsoDate } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';
import { DecisionEvent, DecisionRoute } from './decision.events';
import { earliestDateAfterClearDays, StatutoryPeriods } from './statutory-clock';
import type { Decision, DecisionCommand } from './decision.decider';
import { conflict } from './decision-rules';

/** What can change while a decision is proposed. */
export type BeforeTaking = Extract<
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

/** While a decision is proposed: notice, deferral, withdrawal, the exception routes, and taking it. */
export function decideBeforeTaking(command: BeforeTaking, state: Decision): DecisionEvent[] {
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
