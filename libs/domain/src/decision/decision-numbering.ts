import { DomainEvent } from '../shared/event';

/**
 * A body's register of decision numbers: one event per number, in order, so the stream's length
 * is the last number given. Appending at the revision read makes two allocations of one number
 * impossible, and every number belongs to a decision already taken, so none is lost.
 */
export type DecisionNumberAssigned = DomainEvent<
  'DecisionNumberAssigned',
  1,
  { decisionId: string; number: number }
>;
