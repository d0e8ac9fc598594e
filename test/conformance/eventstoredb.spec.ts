import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { CONFORMANCE_STREAMS, eventStoreConformance } from './event-store.conformance';

// No EventStoreDB server runs on the development machines; see README "Running against EventStoreDB".
const url = process.env.EVENTSTORE_URL;
const describeWithEventStoreDb = url
  ? describe
  : (name: string, body: () => void) => describe.skip(`${name} [skipped: set EVENTSTORE_URL to run]`, body);

describeWithEventStoreDb('event store conformance: EventStoreDB adapter', () => {
  eventStoreConformance(
    async () => {
      const store = new EventStoreDbEventStore(url as string, { ownStreams: [CONFORMANCE_STREAMS] });
      return { store, dispose: () => store.close() };
    },
    { detectsIdsStoredElsewhere: false, sharesItsLog: true },
  );
});
