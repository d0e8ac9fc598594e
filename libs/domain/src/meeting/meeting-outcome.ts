import { DomainError, quoted } from '../shared/domain-error';
import { requireIsoDate } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { ItemOutcome, MeetingEvent } from './meeting.events';
import { countedVote } from './vote';
import type { MeetingCommand, OutcomeInput } from './meeting.commands';
import type { Meeting } from './meeting.state';
import { conflict, itemOf, texts } from './meeting-rules';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** An item's outcome, with the actions it raises and the decisions it requests. */
export function recordOutcome(
  command: Extract<MeetingCommand, { type: 'RecordOutcome' }>,
  state: Meeting,
): MeetingEvent[] {
  const item = itemOf(state, command.itemId);
  if (item.withdrawn) throw conflict('ITEM_WITHDRAWN', 'The item was withdrawn from the agenda.');
  if (item.minuteNumber === null)
    throw conflict('MINUTES_NOT_NUMBERED', 'The minutes are not numbered yet; try again shortly.');
  if (item.outcome)
    throw conflict('OUTCOME_RECORDED', `The outcome of minute ${item.minuteNumber} is already recorded.`);
  if (state.minutes !== 'none')
    throw conflict('MINUTES_DRAFTED', 'The minutes are drafted; outcomes can no longer change.');
  const minuteNumber = item.minuteNumber as number;
  const outcome = outcomeOf(command.outcome);
  if (outcome.kind === 'deferred' && (command.actions.length > 0 || command.decisions.length > 0))
    throw new DomainError(
      'DEFERRED_WITH_ACTIONS',
      'A deferred item raises no actions or decisions.',
      'invalid',
      'actions',
    );
  if (outcome.kind === 'action raised' && command.actions.length === 0)
    throw new DomainError(
      'REQUIRED',
      'an "action raised" outcome needs at least one action',
      'invalid',
      'actions',
    );
  if (outcome.kind === 'decision requested' && command.decisions.length === 0)
    throw new DomainError(
      'REQUIRED',
      'a "decision requested" outcome needs at least one decision',
      'invalid',
      'decisions',
    );
  const letters = outcome.kind === 'resolved' ? outcome.parts.map((p) => p.letter) : [];
  const partOf = (part: string | null | undefined, field: string) => {
    if (part === undefined || part === null) return null;
    if (!letters.includes(part))
      throw new DomainError(
        'UNKNOWN_PART',
        `${field} ${quoted(part)} is not a lettered part of the resolution`,
        'invalid',
        field,
      );
    return part;
  };
  const ref = `${command.board.code}-${state.date.slice(0, 7)}/${minuteNumber}`;
  const actions = command.actions.map((action, i): MeetingEvent => {
    const dueOn = action.dueOn ? requireIsoDate(action.dueOn, `actions[${i}].dueOn`) : null;
    if (!dueOn && !action.dueAtNextMeeting)
      throw new DomainError(
        'REQUIRED',
        `actions[${i}] needs dueOn or dueAtNextMeeting`,
        'invalid',
        `actions[${i}].dueOn`,
      );
    const part = partOf(action.part, `actions[${i}].part`);
    return {
      type: 'BoardActionRaised',
      schemaVersion: 1,
      data: {
        itemId: item.itemId,
        minuteNumber,
        part,
        // One action per minute keeps the plain ref; several are told apart by part or order.
        ref: command.actions.length === 1 ? ref : `${ref}(${part ?? i + 1})`,
        plan: command.board.actionLogPlan,
        title: requiredText(action.title, `actions[${i}].title`),
        owner: requiredText(action.owner, `actions[${i}].owner`),
        dueOn,
        dueAtNextMeeting: !dueOn,
      },
    };
  });
  const decisions = command.decisions.map((decision, i): MeetingEvent => ({
    type: 'BoardDecisionRequested',
    schemaVersion: 2,
    data: {
      ...decision,
      decisionMakerPersonId: decision.decisionMakerPersonId ?? null,
      itemId: item.itemId,
      minuteNumber,
      part: partOf(decision.part, `decisions[${i}].part`),
      subject: requiredText(decision.subject, `decisions[${i}].subject`),
      decisionMaker: requiredText(decision.decisionMaker, `decisions[${i}].decisionMaker`),
      expectedOn: requireIsoDate(decision.expectedOn, `decisions[${i}].expectedOn`),
    },
  }));
  return [
    {
      type: 'ItemOutcomeRecorded',
      schemaVersion: 1,
      data: {
        itemId: item.itemId,
        minuteNumber,
        narrative: texts(command.narrative, 'narrative'),
        discussion: texts(command.discussion, 'discussion'),
        outcome,
      },
    },
    ...actions,
    ...decisions,
  ];
}

/**
 * A draft minute amended: allowed until the minutes are approved (approved minutes are corrected
 * only by a resolution of a later meeting). The actions and decisions the item raised are records
 * of their own and stay; the amended outcome must still agree with them.
 */
export function amendOutcome(
  command: Extract<MeetingCommand, { type: 'AmendOutcome' }>,
  state: Meeting,
): MeetingEvent[] {
  const item = itemOf(state, command.itemId);
  if (!item.outcome || item.minuteNumber === null)
    throw conflict('NO_OUTCOME', 'The item has no outcome to amend; record its outcome first.');
  if (state.minutes === 'approved' || state.minutes === 'published')
    throw conflict(
      'MINUTES_APPROVED',
      'The minutes are approved and are never changed: correct them by a resolution of a later meeting.',
    );
  const outcome = outcomeOf(command.outcome);
  const raised = item.actions.length + item.decisions.length;
  if (outcome.kind === 'deferred' && raised > 0)
    throw new DomainError(
      'DEFERRED_WITH_ACTIONS',
      'The item raised actions or decisions, so it cannot read as deferred.',
      'invalid',
      'outcome.kind',
    );
  if (
    (outcome.kind === 'action raised' && item.actions.length === 0) ||
    (outcome.kind === 'decision requested' && item.decisions.length === 0)
  )
    throw new DomainError(
      'NOTHING_RAISED',
      `The item raised no ${outcome.kind === 'action raised' ? 'action' : 'decision'}: an amendment does not raise one.`,
      'invalid',
      'outcome.kind',
    );
  const { narrative, discussion, outcome: before } = item.outcome;
  return [
    {
      type: 'ItemOutcomeAmended',
      schemaVersion: 1,
      data: {
        itemId: item.itemId,
        minuteNumber: item.minuteNumber,
        narrative: texts(command.narrative, 'narrative'),
        discussion: texts(command.discussion, 'discussion'),
        outcome,
        amends: { narrative, discussion, outcome: before },
        reason: requiredText(command.reason, 'reason'),
      },
    },
  ];
}

function outcomeOf(input: OutcomeInput): ItemOutcome {
  switch (input.kind) {
    case 'noted':
      return { kind: 'noted', text: requiredText(input.text, 'outcome.text') };
    case 'resolved': {
      const parts = texts(input.parts, 'outcome.parts');
      if (parts.length === 0 || parts.length > LETTERS.length)
        throw new DomainError(
          'REQUIRED',
          `a resolution needs 1-${LETTERS.length} parts`,
          'invalid',
          'outcome.parts',
        );
      return {
        kind: 'resolved',
        parts: parts.map((text, i) => ({ letter: parts.length > 1 ? LETTERS[i] : null, text })),
        vote: input.vote ? countedVote(input.vote, 'outcome.vote') : null,
      };
    }
    case 'deferred':
      return {
        kind: 'deferred',
        toMeetingId: input.toMeetingId,
        reason: requiredText(input.reason, 'outcome.reason'),
      };
    default:
      return { kind: input.kind };
  }
}
