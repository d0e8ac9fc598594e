import { DomainEvent, StoredDomainEvent } from '#domain/shared/event';
import { EventStore, RecordedEvent } from '#event-store/port';

interface Folds<E extends DomainEvent, S> {
  readonly initialState: () => S;
  readonly evolve: (state: S, event: StoredDomainEvent<E>) => S;
}

/** A stream's events folded with its decider's `evolve`, from its initial state. */
export function foldStream<E extends DomainEvent, S>(
  decider: Folds<E, S>,
  events: readonly RecordedEvent[],
): S {
  return events.reduce(
    (state, event) => decider.evolve(state, event as unknown as StoredDomainEvent<E>),
    decider.initialState(),
  );
}

/** A stream folded with its decider: the authoritative state, where a projection may lag. */
export async function currentState<E extends DomainEvent, S>(
  store: EventStore,
  decider: Folds<E, S>,
  streamId: string,
): Promise<S> {
  return foldStream(decider, await store.readStream(streamId));
}
