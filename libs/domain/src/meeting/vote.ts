import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';

export type VoteCast = 'for' | 'against' | 'abstained';

/** A vote on a resolution, when one is taken. */
export interface Vote {
  readonly for: number;
  readonly against: number;
  readonly abstained: number;
  /** Named votes where the minutes record them (a recorded vote). */
  readonly named: readonly { readonly member: string; readonly vote: VoteCast }[];
  /** The chair's casting vote, given only on a tie. */
  readonly castingVote: { readonly by: string; readonly vote: 'for' | 'against' } | null;
  /** Derived: more for than against, or a tie the casting vote carried. */
  readonly carried: boolean;
}

export type VoteInput = Omit<Vote, 'carried' | 'named' | 'castingVote'> & {
  readonly named?: Vote['named'];
  readonly castingVote?: Vote['castingVote'];
};

/** Checks the tallies agree with each other and works out whether the resolution was carried. */
export function countedVote(input: VoteInput, field = 'vote'): Vote {
  for (const tally of ['for', 'against', 'abstained'] as const) {
    if (!Number.isInteger(input[tally]) || input[tally] < 0)
      throw new DomainError(
        'INVALID_VOTE',
        `${field}.${tally} must be a whole number from 0`,
        'invalid',
        `${field}.${tally}`,
      );
  }
  const named = (input.named ?? []).map((n, i) => ({
    member: requiredText(n.member, `${field}.named[${i}].member`),
    vote: n.vote,
  }));
  if (named.length > 0) {
    for (const tally of ['for', 'against', 'abstained'] as const) {
      const counted = named.filter((n) => n.vote === tally).length;
      if (counted !== input[tally]) {
        throw new DomainError(
          'VOTE_MISMATCH',
          `${field}.${tally} is ${input[tally]} but ${counted} named votes are ${tally}`,
          'invalid',
          `${field}.${tally}`,
        );
      }
    }
  }
  const castingVote = input.castingVote ?? null;
  const tie = input.for === input.against;
  if (castingVote && !tie) {
    throw new DomainError(
      'CASTING_VOTE_WITHOUT_TIE',
      `the chair has a casting vote only on a tie (${input.for} for, ${input.against} against)`,
      'invalid',
      `${field}.castingVote`,
    );
  }
  if (castingVote) requiredText(castingVote.by, `${field}.castingVote.by`);
  const carried = input.for > input.against || (tie && castingVote?.vote === 'for');
  return { for: input.for, against: input.against, abstained: input.abstained, named, castingVote, carried };
}
