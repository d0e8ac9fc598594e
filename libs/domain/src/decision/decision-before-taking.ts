import { requiredText } from '../shared/required-text';
import { requireIsoDate } from '../shared/iso-date';
import { DecisionEvent } from './decision.events';
import { DecisionCommand } from './decision.commands';
import { Decision } from './decision.state';
import { lawfulRoute } from './key-decision-rules';
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
