import { Upcaster } from '../shared/upcasting';
import { DecisionNumbered, DecisionProposed } from './decision.events';

export const DECISION_UPCASTERS: readonly Upcaster[] = [
  {
    type: 'DecisionProposed',
    fromVersion: 1,
    // Proposed before the directory was: the decision maker as written, no person identified.
    upcast: (data): DecisionProposed['data'] => ({
      ...(data as Omit<DecisionProposed['data'], 'decisionMakerPersonId'>),
      decisionMakerPersonId: null,
    }),
  },
  {
    type: 'DecisionNumbered',
    fromVersion: 1,
    // Numbered before series were kept: in the body's one series.
    upcast: (data): DecisionNumbered['data'] => ({ ...(data as { number: number }), series: null }),
  },
];
