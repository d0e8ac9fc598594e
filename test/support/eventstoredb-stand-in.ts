import {
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendExpectedRevision,
  EventData,
  Position,
  ReadPosition,
  ReadRevision,
} from '@eventstore/db-client';
import { EsdbClient, EsdbRead, EsdbRecorded } from '#event-store/eventstoredb/eventstoredb-client';

/**
 * A STAND-IN for `@eventstore/db-client` talking to an EventStoreDB server, in process, for the
 * test suite of a machine where no server can run. It is not EventStoreDB: it reproduces the
 * server's documented behaviour that the adapter depends on, and nothing else:
 * - `$all` is read from a position **inclusively** (`TFPos(ev) >= pos`), a page counts every
 *   event in it, the server's own (`$`) and other applications' alike;
 * - the server writes events of its own into `$all` (`$statsCollected` on `$stats-...`);
 * - appends check the expected revision and refuse with the client's `WrongExpectedVersionError`,
 *   refuse more than the maximum append size with `MaxAppendSizeExceededError`, take a retry of
 *   the same events at the same revision as done, and with `throwOnAppendFailure=false` resolve
 *   `success: false` instead of throwing;
 * - a read is a stream on the server until it is read to its end or cancelled: leaving a
 *   `for await` early closes only the client's wrapper, so the stand-in counts such a read as
 *   still open (`openReads`), as the server would hold it.
 * The real server suite runs with EVENTSTORE_URL (see README).
 */
export class EventStoreDbStandIn implements EsdbClient {
  private readonly log: (EsdbRecorded & { position: Position })[] = [];
  private readonly streams = new Map<string, { revision: bigint; ids: string[][] }>();
  private nextPosition = 1000n;
  private open = 0;

  constructor(private readonly settings: { maxAppendSize?: number; throwOnAppendFailure?: boolean } = {}) {
    this.systemEvent();
  }

  /** Reads started and neither read to their end nor cancelled. */
  get openReads(): number {
    return this.open;
  }

  /** Another application's events, written to the same server. */
  async foreign(streamName: string, count: number): Promise<void> {
    const events = Array.from({ length: count }, (_, n) => ({
      id: `${streamName}-${n}-${this.nextPosition}`,
      type: 'SomethingElse',
      data: { n },
      metadata: {},
      contentType: 'application/json',
    })) as unknown as EventData[];
    await this.appendToStream(streamName, events, { expectedRevision: ANY });
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ) {
    const size = events.reduce(
      (total, event) =>
        total + JSON.stringify(event.data).length + JSON.stringify(event.metadata ?? {}).length,
      0,
    );
    const limit = this.settings.maxAppendSize ?? 1_048_576;
    if (size > limit) throw new MaxAppendSizeExceededError(undefined, limit);
    const stream = this.streams.get(streamName);
    const current = stream ? stream.revision : -1n;
    const ids = events.map((event) => event.id as string);
    // The server's idempotence: the same events again at the revision they were written at.
    const earlier = stream?.ids.findIndex((written) => written.join() === ids.join()) ?? -1;
    if (earlier >= 0) {
      const last = stream!.ids.slice(0, earlier + 1).flat().length - 1;
      return {
        success: true,
        nextExpectedRevision: BigInt(last),
        position: this.positionOf(streamName, last),
      };
    }
    const expected = options.expectedRevision;
    const fits =
      expected === ANY ||
      (expected === NO_STREAM && !stream) ||
      (expected === STREAM_EXISTS && !!stream) ||
      (typeof expected === 'bigint' && expected === current);
    if (!fits) {
      if (this.settings.throwOnAppendFailure === false)
        return { success: false, nextExpectedRevision: current, position: undefined };
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: stream ? current : NO_STREAM,
      });
    }
    let revision = current;
    for (const event of events) {
      revision++;
      this.write(streamName, revision, event);
      if (this.log.length % 7 === 0) this.systemEvent();
    }
    this.streams.set(streamName, { revision, ids: [...(stream?.ids ?? []), ids] });
    return {
      success: true,
      nextExpectedRevision: revision,
      position: this.positionOf(streamName, Number(revision)),
    };
  }

  readStream(streamName: string, options: { fromRevision: ReadRevision; maxCount?: number }): EsdbRead {
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : 0n;
    const exists = this.streams.has(streamName);
    const events = this.log
      .filter((event) => event.streamId === streamName && event.revision >= from)
      .slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.read(events, exists ? null : new StreamNotFoundError(undefined, streamName));
  }

  readAll(options: { fromPosition: ReadPosition; maxCount: number }): EsdbRead {
    const from = typeof options.fromPosition === 'object' ? options.fromPosition.commit : 0n;
    return this.read(
      this.log.filter((event) => event.position.commit >= from).slice(0, options.maxCount),
      null,
    );
  }

  async dispose(): Promise<void> {}

  private read(events: EsdbRecorded[], failure: Error | null): EsdbRead {
    this.open++;
    let closed = false;
    const close = () => {
      if (!closed) this.open--;
      closed = true;
    };
    let index = 0;
    const iterator: AsyncIterator<{ event?: EsdbRecorded }> = {
      next: async () => {
        if (failure) {
          close();
          throw failure;
        }
        if (index < events.length) return { value: { event: events[index++] }, done: false };
        close(); // read to its end: the server closes it
        return { value: undefined, done: true };
      },
      // Leaving `for await` early ends the client's wrapper, not the server's read.
      return: async () => ({ value: undefined, done: true }),
    };
    return {
      [Symbol.asyncIterator]: () => iterator,
      cancel: async () => close(),
    };
  }

  private write(streamId: string, revision: bigint, event: EventData | { id: string; type: string }): void {
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 137n; // positions are byte offsets: increasing, not consecutive
    const { id, type, data, metadata } = event as {
      id: string;
      type: string;
      data?: unknown;
      metadata?: unknown;
    };
    this.log.push({ id, streamId, revision, type, created: new Date(), data, metadata, position });
  }

  private systemEvent(): void {
    this.write(`$stats-127.0.0.1:2113`, BigInt(this.log.length), {
      id: `stats-${this.nextPosition}`,
      type: '$statsCollected',
    });
  }

  private positionOf(streamId: string, revision: number): Position {
    return this.log.find((event) => event.streamId === streamId && event.revision === BigInt(revision))!
      .position;
  }
}
