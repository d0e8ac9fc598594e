import { Aggregate } from '#domain/shared/aggregate';
import { DomainEvent } from '#domain/shared/event';
import { EventStore, LogPosition } from '#event-store/port';
import { CommandContext, CommandOutcome, handleCommand } from './command-handling';

export interface CommandRun<Command, State> {
  /** The record's id; its stream follows from the aggregate. */
  readonly id: string;
  /** The command, or how to complete it from the current state (the body's settings, today, ...). */
  readonly command: Command | ((state: State) => Promise<Command>);
  readonly context: CommandContext;
  /** When given, refused unless the record is at exactly this version. */
  readonly expectedVersion?: number;
  /** False when a step that follows writes again and waits for that (taking a decision numbers it). */
  readonly awaitReadModels?: boolean;
}

export type CommandWritten<State> = CommandOutcome<State> & { readonly id: string };

/**
 * Executes a command for any aggregate from its registration: load, decide, append (the one
 * command handler), then wait for the read models, as the caller's `awaitReadModels` says (an
 * HTTP request marks what did not catch up; a script may not wait at all).
 */
export class CommandGateway {
  constructor(
    private readonly store: EventStore,
    private readonly awaitReadModels: (position: LogPosition | null) => Promise<void>,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    aggregate: Aggregate<Command, Event, State>,
    run: CommandRun<Command, State>,
  ): Promise<CommandWritten<State>> {
    const outcome = await handleCommand(this.store, aggregate.decider, run.command, run.context, {
      streamId: aggregate.streamOf(run.id),
      bodyOf: aggregate.bodyOf,
      effectiveAt: aggregate.effectiveAt,
      expectedVersion: run.expectedVersion,
    });
    if (run.awaitReadModels !== false) await this.awaitReadModels(outcome.position);
    return { ...outcome, id: run.id };
  }

  /** For a step that writes on its own (numbering): wait for the read models as a command would. */
  readModelsReach(position: LogPosition | null): Promise<void> {
    return this.awaitReadModels(position);
  }
}
