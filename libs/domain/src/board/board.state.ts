import { AssuranceMatter, BoardMember, Cadence } from './board.events';

/** What the board decider knows of one board, folded from its events. */
export interface Board {
  readonly exists: boolean;
  readonly bodyId: string | null;
  readonly name: string;
  readonly code: string;
  readonly members: readonly BoardMember[];
  readonly cadence: Cadence | null;
  readonly actionLogPlan: string;
  readonly firstMinuteNumber: number;
  readonly assuranceMatters: readonly AssuranceMatter[];
}

export const initialBoard = (): Board => ({
  exists: false,
  bodyId: null,
  name: '',
  code: '',
  members: [],
  cadence: null,
  actionLogPlan: '',
  firstMinuteNumber: 1,
  assuranceMatters: [],
});
