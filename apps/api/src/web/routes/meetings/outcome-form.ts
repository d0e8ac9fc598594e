import { MeetingChange } from '#application/changes/meeting-changes';
import { OutcomeInput } from '#domain/meeting/meeting.commands';
import { ItemOutcomeRecorded } from '#domain/meeting/meeting.events';
import { FieldError } from '../../page';
import { typedDate } from '../../time/as-at';

export const OUTCOME_FIELDS = [
  'narrative',
  'discussion',
  'kind',
  'notedText',
  'parts',
  'reason',
  'actionTitle',
  'actionOwner',
  'actionOwnerOther',
  'actionDue',
  'amendReason',
] as const;

export const OUTCOME_KINDS = [
  { value: 'noted', text: 'Noted' },
  { value: 'resolved', text: 'Resolved' },
  { value: 'deferred', text: 'Deferred' },
  { value: 'action raised', text: 'An action was raised' },
];
/** Offered when amending a minute that requested a decision (recording one is the API's, for now). */
export const DECISION_REQUESTED = { value: 'decision requested', text: 'A decision was requested' };

/** One entry a line, blank lines left out. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Paragraphs, split at blank lines. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');

/** How the item ended, as the form's radios and their fields say it; errors go to `errors`. */
function endingOf(values: Record<string, string>, errors: FieldError[]): OutcomeInput {
  const kind = values.kind;
  if (![...OUTCOME_KINDS, DECISION_REQUESTED].some((each) => each.value === kind))
    errors.push({ field: 'kind', text: 'Choose how the item ended' });
  if (kind === 'noted' && !values.notedText)
    errors.push({ field: 'notedText', text: 'Write what was noted, as the minutes will say it' });
  if (kind === 'resolved' && lines(values.parts).length === 0)
    errors.push({ field: 'parts', text: 'Write the resolution, one part a line' });
  if (kind === 'deferred' && !values.reason)
    errors.push({ field: 'reason', text: 'Say why it was deferred' });
  return kind === 'noted'
    ? { kind: 'noted', text: values.notedText }
    : kind === 'resolved'
      ? { kind: 'resolved', parts: lines(values.parts), vote: null }
      : kind === 'deferred'
        ? { kind: 'deferred', toMeetingId: null, reason: values.reason }
        : kind === 'decision requested'
          ? { kind: 'decision requested' }
          : { kind: 'action raised' };
}

/**
 * The outcome the minute-taking form records for an item: what the minutes say of it, how it
 * ended, and the action it raised (its owner from the directory or as written; due at the board's
 * next meeting unless a date is given).
 */
export function outcomeOf(
  itemId: string,
  values: Record<string, string>,
): { change?: MeetingChange; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const outcome = endingOf(values, errors);
  const kind = values.kind;
  const owner = values.actionOwnerOther || values.actionOwner;
  const raising = values.actionTitle !== '' || kind === 'action raised';
  if (raising && kind === 'deferred')
    errors.push({ field: 'actionTitle', text: 'A deferred item raises no action: leave the action blank' });
  else if (raising) {
    if (!values.actionTitle) errors.push({ field: 'actionTitle', text: 'Write the action raised' });
    if (!owner)
      errors.push({ field: 'actionOwner', text: 'Choose who owns the action, or write their name' });
  }
  const dueOn = typedDate(values.actionDue);
  if (raising && dueOn === null) errors.push({ field: 'actionDue', text: 'Write the date like 16/9/2015' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    change: {
      type: 'RecordOutcome',
      itemId,
      narrative: paragraphs(values.narrative),
      discussion: lines(values.discussion),
      outcome,
      actions: raising
        ? [{ title: values.actionTitle, owner, dueOn: dueOn || null, dueAtNextMeeting: !dueOn }]
        : [],
      decisions: [],
    },
  };
}

/** A draft minute amended: the outcome as it now reads and why (what it raised stays raised). */
export function amendmentOf(
  itemId: string,
  values: Record<string, string>,
): { change?: MeetingChange; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const outcome = endingOf(values, errors);
  if (!values.amendReason)
    errors.push({ field: 'amendReason', text: 'Say why the minute is amended, for the record' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    change: {
      type: 'AmendOutcome',
      itemId,
      narrative: paragraphs(values.narrative),
      discussion: lines(values.discussion),
      outcome,
      reason: values.amendReason,
    },
  };
}

/** The form's fields as a recorded outcome fills them: where an amendment starts. */
export function outcomeValues(recorded: ItemOutcomeRecorded['data']): Record<string, string> {
  const { outcome } = recorded;
  return {
    narrative: recorded.narrative.join('\n\n'),
    discussion: recorded.discussion.join('\n'),
    kind: outcome.kind,
    notedText: outcome.kind === 'noted' ? outcome.text : '',
    parts: outcome.kind === 'resolved' ? outcome.parts.map((part) => part.text).join('\n') : '',
    reason: outcome.kind === 'deferred' ? outcome.reason : '',
  };
}

/** What the meeting's page says of an item's recorded outcome, in a line. */
export function outcomeSummary(outcome: {
  kind: string;
  text?: string;
  parts?: readonly { text: string }[];
  reason?: string;
}): string {
  switch (outcome.kind) {
    case 'noted':
      return `Noted: ${outcome.text}`;
    case 'resolved':
      return `Resolved: ${(outcome.parts ?? []).map((part) => part.text).join(' ')}`;
    case 'deferred':
      return `Deferred: ${outcome.reason}`;
    default:
      return outcome.kind === 'action raised' ? 'An action was raised' : 'A decision was requested';
  }
}
