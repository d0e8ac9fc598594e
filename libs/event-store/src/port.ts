import type { SqlQueryable } from '#database/sql-database';

/**
 * The event store port. Every adapter (PostgreSQL/PGlite, EventStoreDB) passes the one
 * conformance suite in test/conformance.
 *
 * Revisions: the first event of a stream is revision 0; a stream with n events is at revision
 * n - 1; a stream with no events is "no stream". The API's `version` of an aggregate is the
 * number of its events, i.e. revision + 1.
 */

export interface EventMetadata {
  readonly actor: string;
  readonly actorRole?: string;
  readonly bodyId: string;
  /** When the change was recorded (the server's clock at the command). */
  readonly recordedAt: string;
  /** When the fact happened or applies (the status for Q2, the date a decision was signed). */
  readonly effectiveAt?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly command?: string;
  readonly idempotencyKey?: string;
  /** A hash of the request the key came with, so the key reused for another request is refused. */
  readonly requestHash?: string;
  /** Set when the event was recorded by importing a file: which, its SHA-256, and the row. */
  readonly imported?: { readonly file: string; readonly sha256: string; readonly row: number };
  /** Set when words of the event naming a person are sealed with their key (see sealing/). */
  readonly sealed?: boolean;
}

export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/**
 * A place in the global log. Commit orders transactions, prepare orders events inside one;
 * PostgreSQL uses (transaction id, sequence), EventStoreDB its own (commit, prepare) positions.
 */
export interface LogPosition {
  readonly commit: number;
  readonly prepare: number;
}

export const START_OF_LOG: LogPosition = { commit: 0, prepare: 0 };

export function comparePositions(a: LogPosition, b: LogPosition): number {
  return a.commit !== b.commit ? a.commit - b.commit : a.prepare - b.prepare;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: LogPosition;
  /** The store's own commit time, independent of what the metadata claims. */
  readonly storedAt: Date;
  /**
   * The schema version and data as stored, when an upcaster read them into a newer shape (see
   * UpcastingEventStore): what the audit chain hashes and an auditor sees.
   */
  readonly asStored?: { readonly schemaVersion: number; readonly data: unknown };
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextRevision: number;
  /** Position of the last event appended. */
  readonly position: LogPosition;
}

/** The stream was not at the revision the caller expected; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} expected at revision ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Some of the event ids given were already stored, but not as this exact append. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventIds: string[]) {
    super(`event ids already stored in another place: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * The largest append a store takes, in bytes of its events' JSON: EventStoreDB's default maximum
 * append size, kept by every adapter so an append fails the same way wherever it goes.
 */
export const MAX_APPEND_BYTES = 1_048_576;

/** The events of one append are larger than the store takes; nothing was written. */
export class EventTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    readonly bytes: number,
    readonly limit: number = MAX_APPEND_BYTES,
  ) {
    super(
      `the events for ${streamId} take ${bytes} bytes; a store takes at most ${limit} bytes in one append`,
    );
    this.name = 'EventTooLargeError';
  }
}

/**
 * The bytes of an append's events as a store measures them (their JSON), once it is one a store
 * takes: every adapter refuses an append of no events, or of more than MAX_APPEND_BYTES, alike.
 */
export function appendableBytes(streamId: string, events: readonly NewEvent[]): number {
  if (events.length === 0) throw new Error(`append to ${streamId} needs at least one event`);
  const bytes = events.reduce(
    (total, event) =>
      total +
      Buffer.byteLength(JSON.stringify(event.data)) +
      Buffer.byteLength(JSON.stringify(event.metadata)),
    0,
  );
  if (bytes > MAX_APPEND_BYTES) throw new EventTooLargeError(streamId, bytes);
  return bytes;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position. */
  readonly after?: LogPosition;
  readonly maxCount?: number;
}

export interface ReadTypesOptions extends ReadAllOptions {
  /** The event types wanted (as stored: upcasting never changes a type); the rest are passed over. */
  readonly types: readonly string[];
}

/** A read of the log for some event types: those events, and how far the log was looked through. */
export interface TypedLogRead {
  readonly events: RecordedEvent[];
  /**
   * Every event of the types up to here is in `events`, so the next read goes on from here: the
   * last event's position, or further on when only events of other types came after it.
   */
  readonly readTo: LogPosition;
}

/** One stream's part of a write to several streams. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  /** A revision, or 'no_stream' for a stream this write begins. */
  readonly expectedRevision: number | 'no_stream';
}

/** What a write to several streams in one transaction may do inside it. */
export interface StreamsInTransaction {
  /** Each stream's events as the transaction sees them (none for a stream that does not exist). */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Appends to each stream at its expected revision, in order; any refusal fails the whole write. */
  append(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /**
   * The transaction's own connection, for a decorator that must read beside it (the embedded
   * database has one connection: a read outside the transaction would wait for it for ever).
   */
  readonly sql?: SqlQueryable;
}

export interface EventStore {
  /**
   * Appends atomically with an optimistic concurrency check. Re-appending events whose ids are
   * all already stored, in the same order at the end of the same stream, succeeds without writing
   * (an idempotent retry) and returns the original result.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Events of one stream in revision order; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Events of every stream in global order. Never skips an event that commits later with a lower
   * position: only events that can no longer be preceded by a late commit are returned.
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * As `readAll`, for the given event types only, passed over where the store keeps them (a
   * projection catching up alone need not be handed the others, nor parse them). At most
   * `maxCount` events; PostgreSQL looks at `maxCount` events of any type a statement, EventStoreDB
   * reads on until it has `maxCount` of the types or reaches the end.
   */
  readAllOfTypes(options: ReadTypesOptions): Promise<TypedLogRead>;
  /**
   * Runs `work` in one transaction: every append it makes is written, or none is (it throws, or
   * an append is refused). Only a store that can write several streams atomically offers this
   * (PostgreSQL and PGlite do; EventStoreDB writes one stream at a time).
   */
  readonly inOneTransaction?: <T>(work: (streams: StreamsInTransaction) => Promise<T>) => Promise<T>;
  /** Resolves when the store answers; rejects with why not (for the health check). */
  check(): Promise<void>;
  close(): Promise<void>;
}
