import { DomainEvent, StoredDomainEvent } from '../../domain/src/shared/event';
import { EventStore } from '../../event-store/src/port';

/** A stream folded with its decider: the authoritative state, where a projection may lag. */
export async function currentState<E extends DomainEvent, S>(
  store: EventStore,
  decider: { readonly initialState: () => S; readonly evolve: (state: S, event: StoredDomainEvent<E>) => S },
  streamId: string,
): Promise<S> {
  const events = await store.readStream(streamId);
  return events.reduce(
    (state, event) => decider.evolve(state, event as unknown as StoredDomainEvent<E>),
    decider.initialState(),
  );
}
