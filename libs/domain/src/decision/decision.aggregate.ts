import { Aggregate } from '../shared/aggregate';
import { decisionStream } from '../shared/record-ids';
import { DecisionCommand } from './decision.commands';
import { decisionDecider } from './decision.decider';
import { decisionEffectiveDateOf, DecisionEvent } from './decision.events';
import { Decision } from './decision.state';

export const DECISION: Aggregate<DecisionCommand, DecisionEvent, Decision> = {
  decider: decisionDecider,
  streamOf: decisionStream,
  bodyOf: (decision) => decision.bodyId,
  effectiveAt: (event) => decisionEffectiveDateOf(event as DecisionEvent),
};
