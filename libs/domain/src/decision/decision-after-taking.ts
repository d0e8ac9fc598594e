import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import { IsoDate } from '../shared/event';
import { addDays, requireIsoDate } from '../shared/iso-date';
import { DecisionEvent, DecisionTaken } from './decision.events';
import { endOfWorkingDays } from './statutory-clock';
import { DecisionCommand } from './decision.commands';
import { Decision } from './decision.state';
import type { BeforeTaking } from './decision-before-taking';
import { conflict, notBefore } from './decision-rules';

/** What can happen once a decision is taken (numbering and exemption apply at any stage). */
export type AfterTaking = Exclude<
  DecisionCommand,
  BeforeTaking | { type: 'ProposeDecision' | 'MarkExempt' | 'LiftExemption' | 'NumberDecision' }
>;

/** Once taken: the record, call-in, reconsideration, implementation, revocation, supersession. */
export function decideAfterTaking(
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
      if (!command.subjectToCallIn)
        return [
          published,
          {
            type: 'CallInNotApplicable',
            schemaVersion: 1,
            data: { reason: "The body's decisions are not subject to call-in.", on: publishedOn },
          },
        ];
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
    case 'ImplementDecision': {
      if (state.implementedOn)
        throw conflict('IMPLEMENTED', `The decision was implemented on ${state.implementedOn}.`);
      // A window that ran out before the implementation date is over: record its closing with it.
      const lapsed =
        state.callIn === 'open' &&
        state.callInClosesOn !== null &&
        command.implementedOn > state.callInClosesOn;
      if (state.callIn !== 'cleared' && state.callIn !== 'not applicable' && !lapsed)
        throw conflict('CALL_IN_NOT_CLEARED', implementationBlocker(state));
      const closed: DecisionEvent[] = lapsed
        ? [
            {
              type: 'CallInWindowClosed',
              schemaVersion: 1,
              data: { closedOn: addDays(state.callInClosesOn as IsoDate, 1) },
            },
          ]
        : [];
      return [
        ...closed,
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
    }
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
