import { AssuranceMatter, BoardMember, Cadence } from './board.events';

/**
 * One board as its read model stores it and the API shows it. Declared field by field, apart from
 * the decider's state: what the decider keeps for itself (its body, whether it was established)
 * is never stored or shown.
 */
export interface BoardDocument {
  readonly name: string;
  readonly code: string;
  readonly members: readonly BoardMember[];
  readonly cadence: Cadence | null;
  readonly actionLogPlan: string;
  readonly firstMinuteNumber: number;
  readonly assuranceMatters: readonly AssuranceMatter[];
}

/** The document of a board, picked from its state field by field. */
export const boardDocumentOf = (board: BoardDocument): BoardDocument => ({
  name: board.name,
  code: board.code,
  members: board.members,
  cadence: board.cadence,
  actionLogPlan: board.actionLogPlan,
  firstMinuteNumber: board.firstMinuteNumber,
  assuranceMatters: board.assuranceMatters,
});
