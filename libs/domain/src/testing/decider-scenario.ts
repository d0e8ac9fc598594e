import { randomUUID } from 'node:crypto';
import { DomainError } from '../shared/domain-error';
import { Decider, DomainEvent } from '../shared/event';

type Expected<Event extends DomainEvent> = { readonly type: Event['type']; readonly data?: unknown };

/**
 * A decider test in the domain's words: given what happened, when a command comes, then these
 * events (or a refusal naming its code and field, or nothing). The history is events, not
 * commands, so a scenario states the past as the log holds it.
 */
export function scenario<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(...history: Event[]) {
      const state = history.reduce(
        (current, event) => decider.evolve(current, { ...event, id: randomUUID() }),
        decider.initialState(),
      );
      return {
        state,
        when(command: Command) {
          const decide = () => decider.decide(command, state);
          return {
            then(...expected: Expected<Event>[]): Event[] {
              const events = decide();
              expect(events).toMatchObject(expected);
              expect(events).toHaveLength(expected.length);
              return events;
            },
            thenRefuses(code: string, field?: string): DomainError {
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
