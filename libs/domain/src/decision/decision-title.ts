import { DecisionDocument } from './decision.document';

/** "Executive Order 73": the decision's own series (an imported log's), else the body's label. */
export function decisionTitle(
  decision: Pick<DecisionDocument, 'number' | 'series'>,
  seriesLabel: string,
): string | null {
  return decision.number === null ? null : `${decision.series ?? seriesLabel} ${decision.number}`;
}
