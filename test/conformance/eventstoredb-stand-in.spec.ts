import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { EventStoreDbStandIn } from '../support/eventstoredb-stand-in';
import { CONFORMANCE_STREAMS, eventStoreConformance } from './event-store.conformance';

// The EventStoreDB adapter over an in-process STAND-IN of the client and server (see the stand-in's
// comment): what can be shown without a server. The real server's suite is eventstoredb.spec.ts.
describe('event store conformance: EventStoreDB adapter on the client stand-in', () => {
  eventStoreConformance(
    async () => {
      const server = new EventStoreDbStandIn();
      const store = new EventStoreDbEventStore(server, { ownStreams: [CONFORMANCE_STREAMS] });
      return { store, dispose: () => store.close(), openReads: () => server.openReads };
    },
    { detectsIdsStoredElsewhere: false, sharesItsLog: true },
  );
});
