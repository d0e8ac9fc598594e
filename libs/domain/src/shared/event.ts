/** An event as the domain sees it: a past-tense fact with a versioned schema. */
export interface DomainEvent<Type extends string = string, Version extends number = number, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: Version;
  readonly data: Data;
}

/** A domain event as read back from a stream: the same fact plus the identity it was stored under. */
export type StoredDomainEvent<E extends DomainEvent = DomainEvent> = E & { readonly id: string };

/** Calendar date as written in ISO form, YYYY-MM-DD. */
export type IsoDate = string;

/** Pure aggregate logic: decide turns a command into events, evolve folds events into state. */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: StoredDomainEvent<Event>) => State;
}
