import { BoardDocument } from './board.document';

/** What the board decider knows of one board, folded from its events: its document, its body, and whether it was established. */
export interface Board extends BoardDocument {
  readonly exists: boolean;
  readonly bodyId: string | null;
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
