import { randomUUID } from 'node:crypto';
import { foldStream } from './current-state';
import { timed, timedNow } from './phase-clock';
import { DomainError } from '#domain/shared/domain-error';
import { Decider, DomainEvent, StoredDomainEvent } from '#domain/shared/event';
import {
  EventMetadata,
  EventStore,
  LogPosition,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '#event-store/port';

/** Who asked, on whose behalf, and why: everything the event's metadata records besides the facts. */
export interface CommandContext {
  readonly actor: string;
  readonly actorRole: string;
  /** Bodies the actor may see; a record of any other body does not exist for them. */
  readonly bodies: readonly string[] | 'all';
  readonly command: string;
  readonly recordedAt: Date;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

/** The caller acted on a version that is no longer current; nothing was written. */
export class StaleVersionError extends Error {
  constructor(
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `expectedVersion ${expectedVersion} is stale: the record is at version ${actualVersion}; ` +
        'read it again and reapply your change',
    );
    this.name = 'StaleVersionError';
  }
}

export interface CommandOutcome<State> {
  readonly state: State;
  /** Number of events in the stream now (revision + 1). */
  readonly version: number;
  /** Where the last event landed in the global log; null when a retry wrote nothing. */
  readonly position: LogPosition | null;
}

export interface HandleCommandOptions<State> {
  readonly streamId: string;
  /** Body the state belongs to, or null while it does not exist. */
  readonly bodyOf: (state: State) => string | null;
  /** When given, the command is refused unless the stream is at exactly this version. */
  readonly expectedVersion?: number;
  /** The date a decided event says it applies on, for the metadata's effectiveAt. */
  readonly effectiveAt?: (event: DomainEvent) => string | undefined;
}

/**
 * The one command handler: load the stream, fold `evolve`, `decide`, append at the revision read.
 * Any change in between makes the append fail, and the caller gets a stale-version refusal.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  /** The command, or how to make it from the current state (e.g. with the body's settings). */
  command: Command | ((state: State) => Promise<Command>),
  context: CommandContext,
  options: HandleCommandOptions<State>,
): Promise<CommandOutcome<State>> {
  const history = await timed('load', () => store.readStream(options.streamId));
  const state = timedNow('fold', () => foldStream(decider, history));
  const body = options.bodyOf(state);
  if (body !== null && context.bodies !== 'all' && !context.bodies.includes(body)) {
    throw new DomainError('NOT_FOUND', 'No such record.', 'not_found');
  }

  const retried = earlierAnswer(history, context);
  if (retried) return { state, ...retried };

  const version = history.length;
  // Expecting a version of something that has no events: it does not exist (404), not a conflict.
  if (version === 0 && options.expectedVersion !== undefined) {
    throw new DomainError('NOT_FOUND', 'No such record.', 'not_found');
  }
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    throw new StaleVersionError(options.expectedVersion, version);
  }

  const complete =
    typeof command === 'function'
      ? await timed('settings', () => (command as (s: State) => Promise<Command>)(state))
      : command;
  const decided = timedNow('decide', () => decider.decide(complete, state));
  // Nothing to record (e.g. a retried numbering): the state stands as it is.
  if (decided.length === 0) return { state, version, position: null };
  const stored = decided.map((event) => ({ ...event, id: randomUUID() }) as StoredDomainEvent<Event>);
  const next = stored.reduce(decider.evolve, state);
  const bodyId = options.bodyOf(next);
  if (bodyId === null) throw new Error(`command ${context.command} left ${options.streamId} without a body`);

  const metadataOf = (event: DomainEvent): EventMetadata => ({
    actor: context.actor,
    actorRole: context.actorRole,
    bodyId,
    recordedAt: context.recordedAt.toISOString(),
    effectiveAt: options.effectiveAt?.(event),
    correlationId: context.correlationId,
    causationId: context.causationId,
    command: context.command,
    idempotencyKey: context.idempotencyKey,
    requestHash: context.requestHash,
  });
  try {
    const result = await timed('append', () =>
      store.append(
        options.streamId,
        stored.map((event) => ({
          id: event.id,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: withoutUndefined(metadataOf(event)),
        })),
        version === 0 ? 'no_stream' : version - 1,
      ),
    );
    return { state: next, version: result.nextRevision + 1, position: result.position };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError && context.idempotencyKey) {
      // The same request, sent again while the first was in flight, got there first: answer as it did.
      const latest = await store.readStream(options.streamId);
      const concurrent = earlierAnswer(latest, context);
      if (concurrent) {
        return { state: foldStream(decider, latest), ...concurrent };
      }
    }
    if (error instanceof WrongExpectedRevisionError) {
      const actual = error.actual === 'no_stream' ? 0 : error.actual + 1;
      throw new StaleVersionError(options.expectedVersion ?? version, actual);
    }
    throw error;
  }
}

/**
 * A retry of a request already done (same Idempotency-Key, same user) is answered as the first
 * time and writes nothing; the key sent with a different request is refused, as the IETF
 * Idempotency-Key draft says, rather than answered with another request's record.
 */
function earlierAnswer(
  history: readonly RecordedEvent[],
  context: CommandContext,
): { version: number; position: null } | null {
  if (!context.idempotencyKey) return null;
  const earlier = history.filter(
    (e) => e.metadata.idempotencyKey === context.idempotencyKey && e.metadata.actor === context.actor,
  );
  if (earlier.length === 0) return null;
  const first = earlier[0].metadata.requestHash;
  if (first !== undefined && context.requestHash !== undefined && first !== context.requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key "${context.idempotencyKey}" was already used for a different request; send a new key with a new request`,
      'unprocessable',
      'Idempotency-Key',
    );
  }
  return { version: earlier[earlier.length - 1].revision + 1, position: null };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * For commands that are safe to repeat (recording a number already given): when another writer
 * moved the stream in between, read it again and decide again, a few times.
 */
export async function handleRepeatableCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions<State>,
  attempts = 5,
): Promise<CommandOutcome<State>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handleCommand(store, decider, command, context, options);
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt >= attempts) throw error;
    }
  }
}

/** The engine acting on its own (finishing work a crash interrupted), allowed every body. */
export function systemContext(command: string, recordedAt: Date): CommandContext {
  return { actor: 'system', actorRole: 'system', bodies: 'all', command, recordedAt };
}

/**
 * The context of what a process does because of an event (an outcome raising an action, a decision
 * taken getting its number): the same actor, body and request, the event as cause.
 */
export function causedBy(recorded: RecordedEvent, command: string, clock: () => Date): CommandContext {
  return {
    actor: recorded.metadata.actor,
    actorRole: recorded.metadata.actorRole ?? 'secretary',
    bodies: [recorded.metadata.bodyId],
    command,
    recordedAt: clock(),
    correlationId: recorded.metadata.correlationId,
    causationId: recorded.id,
  };
}
