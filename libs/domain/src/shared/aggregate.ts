import { Decider, DomainEvent, IsoDate } from './event';

/**
 * What the command gateway needs to run any command of one aggregate: its decider, the stream
 * an id lives on, the body a state belongs to (null while it does not exist: nobody may touch
 * another body's record), and the date an event applies on, for the metadata.
 */
export interface Aggregate<Command, Event extends DomainEvent, State> {
  readonly decider: Decider<Command, Event, State>;
  readonly streamOf: (id: string) => string;
  readonly bodyOf: (state: State) => string | null;
  readonly effectiveAt?: (event: DomainEvent) => IsoDate | undefined;
}
