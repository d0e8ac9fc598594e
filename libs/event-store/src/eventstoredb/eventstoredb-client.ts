import { EventStoreDBClient } from '@eventstore/db-client';
import type {
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  EventData,
  Position,
  ReadPosition,
  ReadRevision,
} from '@eventstore/db-client';

/** An event as the client hands it back. */
export interface EsdbRecorded {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: Position;
}

/** A read the client streams: iterate it, and cancel it to close the server's read early. */
export interface EsdbRead extends AsyncIterable<{ readonly event?: EsdbRecorded }> {
  cancel(): Promise<void>;
}

/**
 * The part of `@eventstore/db-client` the adapter uses: the real client in production, or the
 * test suite's in-process stand-in (test/support/eventstoredb-stand-in.ts), which reproduces the
 * server's documented read semantics where no server can run.
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<EsdbAppendResult>;
  readStream(streamName: string, options: { fromRevision: ReadRevision; maxCount?: number }): EsdbRead;
  readAll(options: { fromPosition: ReadPosition; maxCount: number }): EsdbRead;
  dispose(): Promise<void>;
}

/**
 * The client for a connection string. KurrentDB's `kurrentdb://` (and `kurrentdb+discover://`)
 * name the same protocol as `esdb://`, which is all this client version reads.
 */
export function esdbClientFor(connectionString: string): EsdbClient {
  const esdb = connectionString.replace(/^kurrentdb(\+discover)?:\/\//i, (_, discover) =>
    discover ? 'esdb+discover://' : 'esdb://',
  );
  const client = EventStoreDBClient.connectionString(esdb);
  return {
    appendToStream: (streamName, events, options) => client.appendToStream(streamName, events, options),
    readStream: (streamName, options) =>
      client.readStream(streamName, { direction: 'forwards', ...options }) as unknown as EsdbRead,
    readAll: (options) => client.readAll({ direction: 'forwards', ...options }) as unknown as EsdbRead,
    dispose: () => client.dispose(),
  };
}
