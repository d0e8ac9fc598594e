import {
  ANY,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AppendExpectedRevision, Position } from '@eventstore/db-client';
import {
  AppendResult,
  comparePositions,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  LogPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../port';

/** Kept in each event's metadata: EventStoreDB has no field of its own for the schema version. */
const SCHEMA_VERSION = 'schemaVersion';

/**
 * The production adapter on EventStoreDB/KurrentDB. Its revisions and (commit, prepare)
 * positions are the port's own. It cannot tell that an event id was stored in another stream
 * (the server's idempotence covers only a retry at the same revision).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      const result = await this.client.appendToStream(
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
      if (!result.position) throw new Error(`EventStoreDB returned no position for an append to ${streamId}`);
      return { nextRevision: Number(result.nextExpectedRevision), position: toLogPosition(result.position) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          typeof actual === 'bigint' ? Number(actual) : 'no_stream',
        );
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
        ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
      })) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const after = options.after;
    const events: RecordedEvent[] = [];
    // The server's "from" is inclusive and counts its own system events: read on until enough are ours.
    let from: Position | typeof START = after
      ? { commit: BigInt(after.commit), prepare: BigInt(after.prepare) }
      : START;
    for (;;) {
      let read = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: from,
        maxCount,
      })) {
        read++;
        const event = resolved.event;
        if (!event?.position) continue;
        last = event.position;
        if (event.type.startsWith('$') || event.streamId.startsWith('$')) continue;
        const recorded = toRecordedEvent(event);
        if (after && comparePositions(recorded.position, after) <= 0) continue;
        events.push(recorded);
        if (events.length === maxCount) return events;
      }
      if (read < maxCount || !last) return events;
      from = last;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

function toLogPosition(position: Position): LogPosition {
  return { commit: Number(position.commit), prepare: Number(position.prepare) };
}

interface EsdbRecorded {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata?: unknown;
  position?: Position;
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
