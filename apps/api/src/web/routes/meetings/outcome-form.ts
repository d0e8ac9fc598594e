import { MeetingChange } from '#application/changes/meeting-changes';
import { OutcomeInput } from '#domain/meeting/meeting.commands';
import { countedVote, VoteInput } from '#domain/meeting/vote';
import { DomainError } from '#domain/shared/domain-error';
import { ItemOutcomeRecorded } from '#domain/meeting/meeting.events';
import { FieldError, linesOf } from '../../page';
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
  'votesFor',
  'votesAgainst',
  'votesAbstained',
  'castingVote',
  'decisionSubject',
  'decisionMaker',
  'decisionMakerOther',
  'decisionDue',
  'decisionKey',
  'decisionPublicInterest',
] as const;

const CASTS = ['for', 'against', 'abstained'] as const;
/** A voter's field on the form: one select a member present, by their place in the list. */
export const voteField = (place: number) => `vote-${place}`;

export const OUTCOME_KINDS = [
  { value: 'noted', text: 'Noted' },
  { value: 'resolved', text: 'Resolved' },
  { value: 'deferred', text: 'Deferred' },
  { value: 'action raised', text: 'An action was raised' },
  { value: 'decision requested', text: 'A decision was requested' },
];

/** Paragraphs, split at blank lines. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');

/** How the item ended, as the form's radios and their fields say it; errors go to `errors`. */
function endingOf(values: Record<string, string>, errors: FieldError[]): OutcomeInput {
  const kind = values.kind;
  if (!OUTCOME_KINDS.some((each) => each.value === kind))
    errors.push({ field: 'kind', text: 'Choose how the item ended' });
  if (kind === 'noted' && !values.notedText)
    errors.push({ field: 'notedText', text: 'Write what was noted, as the minutes will say it' });
  if (kind === 'resolved' && linesOf(values.parts).length === 0)
    errors.push({ field: 'parts', text: 'Write the resolution, one part a line' });
  if (kind === 'deferred' && !values.reason)
    errors.push({ field: 'reason', text: 'Say why it was deferred' });
  return kind === 'noted'
    ? { kind: 'noted', text: values.notedText }
    : kind === 'resolved'
      ? { kind: 'resolved', parts: linesOf(values.parts), vote: null }
      : kind === 'deferred'
        ? { kind: 'deferred', toMeetingId: null, reason: values.reason }
        : kind === 'decision requested'
          ? { kind: 'decision requested' }
          : { kind: 'action raised' };
}

/**
 * The vote on a resolution, if one was taken: named (each member present, as the form lists them)
 * or counted, and the chair's casting vote on a tie. Null when the form records none.
 */
function voteOf(
  values: Record<string, string>,
  voters: readonly string[],
  chair: string | null,
  errors: FieldError[],
): VoteInput | null {
  const named = voters.flatMap((member, place) => {
    const vote = CASTS.find((cast) => cast === values[voteField(place)]);
    return vote ? [{ member, vote }] : [];
  });
  const counts = { for: values.votesFor, against: values.votesAgainst, abstained: values.votesAbstained };
  const counted = Object.values(counts).some((count) => count !== '');
  if (named.length === 0 && !counted && !values.castingVote) return null;
  if (values.kind !== 'resolved') {
    errors.push({
      field: 'votesFor',
      text: 'A vote is recorded with a resolution: choose Resolved, or clear the vote',
    });
    return null;
  }
  const tally = (cast: (typeof CASTS)[number], field: string) => {
    if (named.length > 0) return named.filter((each) => each.vote === cast).length;
    const count = counts[cast] === '' ? 0 : Number(counts[cast]);
    if (!Number.isInteger(count) || count < 0)
      errors.push({ field, text: 'Write a whole number of votes, like 5' });
    return count;
  };
  const casting = (['for', 'against'] as const).find((cast) => cast === values.castingVote) ?? null;
  const vote = {
    for: tally('for', 'votesFor'),
    against: tally('against', 'votesAgainst'),
    abstained: tally('abstained', 'votesAbstained'),
    named,
    castingVote: casting && { by: chair ?? 'The Chair', vote: casting },
  };
  // The domain's own check, so that the form comes back with what was typed (a tie, say).
  try {
    if (errors.length === 0) countedVote(vote);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    errors.push({
      field: error.field === 'vote.castingVote' ? 'castingVote' : 'votesFor',
      text: error.message,
    });
  }
  return vote;
}

/** The decision an item requested, if the form names one: the maker from the directory or as written. */
function requestedDecisionOf(values: Record<string, string>, errors: FieldError[]) {
  if (!values.decisionSubject && values.kind !== 'decision requested') return [];
  const maker = values.decisionMakerOther || values.decisionMaker;
  if (!values.decisionSubject)
    errors.push({ field: 'decisionSubject', text: 'Write the decision requested' });
  if (!maker)
    errors.push({ field: 'decisionMaker', text: 'Choose who takes the decision, or write their role' });
  const expectedOn = typedDate(values.decisionDue);
  if (!expectedOn) errors.push({ field: 'decisionDue', text: 'Write when it is expected, like 16/9/2015' });
  return [
    {
      subject: values.decisionSubject,
      decisionMaker: maker,
      expectedOn: expectedOn ?? '',
      keyDecision: values.decisionKey === 'yes',
      significantPublicInterest: values.decisionPublicInterest === 'yes',
    },
  ];
}

/**
 * The outcome the minute-taking form records for an item: what the minutes say of it, how it
 * ended, and the action it raised (its owner from the directory or as written; due at the board's
 * next meeting unless a date is given).
 */
export function outcomeOf(
  itemId: string,
  values: Record<string, string>,
  voting: { voters: readonly string[]; chair: string | null } = { voters: [], chair: null },
): { change?: MeetingChange; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const ending = endingOf(values, errors);
  const vote = voteOf(values, voting.voters, voting.chair, errors);
  const outcome = ending.kind === 'resolved' ? { ...ending, vote } : ending;
  const decisions = requestedDecisionOf(values, errors);
  const kind = values.kind;
  const owner = values.actionOwnerOther || values.actionOwner;
  const raising = values.actionTitle !== '' || kind === 'action raised';
  if (decisions.length > 0 && kind === 'deferred')
    errors.push({ field: 'decisionSubject', text: 'A deferred item requests no decision: leave it blank' });
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
      discussion: linesOf(values.discussion),
      outcome,
      actions: raising
        ? [{ title: values.actionTitle, owner, dueOn: dueOn || null, dueAtNextMeeting: !dueOn }]
        : [],
      decisions,
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
      discussion: linesOf(values.discussion),
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
