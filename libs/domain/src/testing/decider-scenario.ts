import { randomUUID } from 'node:crypto';
import { DomainError } from '../shared/domain-error';
import { Decider, DomainEvent, StoredDomainEvent } from '../shared/event';

type Expected<Event extends DomainEvent> = { readonly type: Event['type']; readonly data?: unknown };

/**
 * A decider test in the domain's words: given what happened, when a command comes, then these
 * events (or a refusal naming its code and field, or nothing). The history is events, not
 * commands, so a scenario states the past as the log holds it.
 */
export function scenario<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    /** Events may carry the id they were stored under, for commands that name an earlier event. */
    given(...history: (Event & { id?: string })[]) {
      const stored = history.map(
        (event) => ({ ...event, id: event.id ?? randomUUID() }) as StoredDomainEvent<Event>,
      );
      const state = stored.reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: Command) {
          const decide = () => decider.decide(command, state);
          return {
            /** The state once the events the command decided are folded in. */
            thenState(): State {
              return decide()
                .map((event) => ({ ...event, id: randomUUID() }) as StoredDomainEvent<Event>)
                .reduce(decider.evolve, state);
            },
            then(...expected: Expected<Event>[]): Event[] {
              const events = decide();
              expect(events).toMatchObject(expected);
              expect(events).toHaveLength(expected.length);
              return events;
            },
            /** `code` may be an asymmetric matcher (`expect.any(String)`) where only the field matters. */
            thenRefuses(code: unknown, field?: string): DomainError {
              let refusal: unknown;
              try {
                decide();
              } catch (error) {
                refusal = error;
              }
              expect(refusal).toBeInstanceOf(DomainError);
              expect(refusal).toMatchObject({ code, ...(field !== undefined ? { field } : {}) });
              return refusal as DomainError;
            },
            thenNothing(): void {
              expect(decide()).toEqual([]);
            },
          };
        },
      };
    },
  };
}

/**
 * Writes a history event of an aggregate by its type and data, checked by the compiler:
 * `const fact = factOf<DecisionEvent>(); fact('DecisionNoticePublished', { publishedOn })`.
 * Types at a later schema version pass it as the third argument.
 */
export function factOf<Event extends DomainEvent>() {
  return <Type extends Event['type']>(
    type: Type,
    data: Extract<Event, { type: Type }>['data'],
    schemaVersion: Extract<Event, { type: Type }>['schemaVersion'] = 1,
  ) => ({ type, schemaVersion, data }) as Extract<Event, { type: Type }>;
}
