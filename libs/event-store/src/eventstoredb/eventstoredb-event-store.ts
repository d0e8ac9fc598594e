import {
  ANY,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AppendExpectedRevision, Position } from '@eventstore/db-client';
import {
  AppendResult,
  appendableBytes,
  comparePositions,
  EventMetadata,
  EventStore,
  EventTooLargeError,
  ExpectedRevision,
  LogPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadTypesOptions,
  RecordedEvent,
  START_OF_LOG,
  TypedLogRead,
  WrongExpectedRevisionError,
} from '../port';
import { EsdbClient, esdbClientFor, EsdbRead, EsdbRecorded } from './eventstoredb-client';

/** Kept in each event's metadata: EventStoreDB has no field of its own for the schema version. */
const SCHEMA_VERSION = 'schemaVersion';

export interface EventStoreDbOptions {
  /**
   * The prefixes of the streams that are ours. `$all` holds every application's events on the
   * server; the others' are passed over. Absent: every stream but the server's own (`$`).
   */
  readonly ownStreams?: readonly string[];
}

/**
 * The production adapter on EventStoreDB/KurrentDB. Its revisions and (commit, prepare)
 * positions are the port's own. It cannot tell that an event id was stored in another stream
 * (the server's idempotence covers only a retry at the same revision).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EsdbClient;
  /** Where a read from a position last found nothing of ours up to: the next one starts there. */
  private readonly scanned = new Map<string, Position>();

  constructor(
    connection: string | EsdbClient,
    private readonly options: EventStoreDbOptions = {},
  ) {
    this.client = typeof connection === 'string' ? esdbClientFor(connection) : connection;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const bytes = appendableBytes(streamId, events);
    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: { ...event.metadata, [SCHEMA_VERSION]: event.schemaVersion },
          }),
        ),
        { expectedRevision: toExpectedRevision(expected) },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          typeof actual === 'bigint' ? Number(actual) : 'no_stream',
        );
      }
      if (error instanceof MaxAppendSizeExceededError)
        throw new EventTooLargeError(streamId, bytes, error.maxAppendSize);
      throw error;
    }
    // With `throwOnAppendFailure=false` in the connection string a refused append resolves instead.
    if (!result.success) {
      const revision = result.nextExpectedRevision;
      throw new WrongExpectedRevisionError(
        streamId,
        expected,
        revision < 0n ? 'no_stream' : Number(revision),
      );
    }
    const position = result.position ?? (await this.positionOfLast(streamId, result.nextExpectedRevision));
    return { nextRevision: Number(result.nextExpectedRevision), position: toLogPosition(position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      await each(
        this.client.readStream(streamId, {
          fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
          ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
        }),
        (event) => {
          events.push(toRecordedEvent(event));
          return true;
        },
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * The server reads `$all` from a position inclusively, and counts its own and other
   * applications' events in a page: pages are read one past `maxCount`, each from the last event
   * the previous one held, and everything up to the furthest position seen is passed over.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { events, seen } = await this.scan(options, (event) => this.isOurs(event));
    // Nothing of ours up to the end: the next read from `after` need not look at it again.
    if (events.length === 0 && seen) this.remember(options.after ?? START_OF_LOG, seen);
    return events;
  }

  /** Filtered here, as the server's own filters give no position for what they passed over. */
  async readAllOfTypes(options: ReadTypesOptions): Promise<TypedLogRead> {
    const types = new Set(options.types);
    const { events, seen } = await this.scan(options, (event) => types.has(event.type) && this.isOurs(event));
    return { events, readTo: seen ? toLogPosition(seen) : (options.after ?? START_OF_LOG) };
  }

  /** `$all` after a position, keeping the events `wanted` (at most `maxCount`); `seen`: how far it looked. */
  private async scan(
    options: ReadAllOptions,
    wanted: (event: EsdbRecorded) => boolean,
  ): Promise<{ events: RecordedEvent[]; seen: Position | null }> {
    const maxCount = options.maxCount ?? 1000;
    const after = options.after ?? START_OF_LOG;
    const events: RecordedEvent[] = [];
    const pageSize = maxCount + 1;
    let seen: Position | null = this.scanned.get(keyOf(after)) ?? null;
    let from: Position | typeof START = seen ?? (options.after ? toPosition(after) : START);
    for (;;) {
      let read = 0;
      const exhausted = await each(
        this.client.readAll({ fromPosition: from, maxCount: pageSize }),
        (event) => {
          read++;
          if (!event.position) return true;
          const position = toLogPosition(event.position);
          if (comparePositions(position, after) <= 0) return true;
          if (seen && comparePositions(position, toLogPosition(seen)) <= 0) return true;
          seen = event.position;
          if (wanted(event)) events.push(toRecordedEvent(event));
          return events.length < maxCount;
        },
      );
      if (!exhausted || read < pageSize || !seen) return { events, seen };
      from = seen;
    }
  }

  async check(): Promise<void> {
    await each(this.client.readAll({ fromPosition: START, maxCount: 1 }), () => false);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private isOurs(event: EsdbRecorded): boolean {
    if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
    const own = this.options.ownStreams;
    return own === undefined || own.some((prefix) => event.streamId.startsWith(prefix));
  }

  private remember(after: LogPosition, seen: Position): void {
    if (this.scanned.size > 1000) this.scanned.clear();
    this.scanned.set(keyOf(after), seen);
  }

  /** An append that answered without a position: its last event, read back. */
  private async positionOfLast(streamId: string, revision: bigint): Promise<Position> {
    let position: Position | undefined;
    await each(this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 }), (event) => {
      position = event.position;
      return false;
    });
    if (!position) throw new Error(`EventStoreDB returned no position for an append to ${streamId}`);
    return position;
  }
}

/**
 * Hands each event of a read to `take` until it answers false, then cancels the read, which
 * leaving the loop alone does not (the gRPC stream under it would stay open on the server).
 * Resolves false when stopped early.
 */
async function each(read: EsdbRead, take: (event: EsdbRecorded) => boolean): Promise<boolean> {
  let finished = false;
  try {
    for await (const resolved of read) {
      if (resolved.event && !take(resolved.event)) return false;
    }
    finished = true;
    return true;
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}

const keyOf = (position: LogPosition) => `${position.commit}/${position.prepare}`;
const toPosition = (position: LogPosition): Position => ({
  commit: BigInt(position.commit),
  prepare: BigInt(position.prepare),
});

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

function toLogPosition(position: Position): LogPosition {
  return { commit: Number(position.commit), prepare: Number(position.prepare) };
}

function toRecordedEvent(event: EsdbRecorded): RecordedEvent {
  const { [SCHEMA_VERSION]: schemaVersion, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: event.data,
    metadata: metadata as unknown as EventMetadata,
    position: event.position ? toLogPosition(event.position) : { commit: -1, prepare: -1 },
    storedAt: event.created,
  };
}
