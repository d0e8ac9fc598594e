import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadTypesOptions,
  RecordedEvent,
  StreamsInTransaction,
  TypedLogRead,
} from './port';

/** Brings a stored event to the current shape of its type; the same object when it is current. */
export type Upcast = <E extends { type: string; schemaVersion: number; data: unknown }>(event: E) => E;

/**
 * The event store as every reader should see it: events of an older schema come back in the
 * current shape, once, here, so deciders, projections and processes know one version of each
 * event. The stored form rides along as `asStored`. Appends pass through untouched.
 */
export class UpcastingEventStore implements EventStore {
  readonly inOneTransaction?: EventStore['inOneTransaction'];

  constructor(
    private readonly stored: EventStore,
    private readonly upcast: Upcast,
  ) {
    const inOneTransaction = stored.inOneTransaction;
    if (inOneTransaction)
      this.inOneTransaction = <T>(work: (streams: StreamsInTransaction) => Promise<T>) =>
        inOneTransaction((streams) =>
          work({
            sql: streams.sql,
            append: (appends) => streams.append(appends),
            readStreams: async (ids) =>
              new Map(
                [...(await streams.readStreams(ids))].map(([id, events]) => [
                  id,
                  events.map((event) => this.current(event)),
                ]),
              ),
          }),
        );
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.stored.append(streamId, events, expectedRevision);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.stored.readStream(streamId, options)).map((event) => this.current(event));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.stored.readAll(options)).map((event) => this.current(event));
  }

  async readAllOfTypes(options: ReadTypesOptions): Promise<TypedLogRead> {
    const read = await this.stored.readAllOfTypes(options);
    return { events: read.events.map((event) => this.current(event)), readTo: read.readTo };
  }

  check(): Promise<void> {
    return this.stored.check();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  private current(event: RecordedEvent): RecordedEvent {
    const current = this.upcast(event);
    return current === event
      ? event
      : { ...current, asStored: { schemaVersion: event.schemaVersion, data: event.data } };
  }
}
