import { EventStore, RecordedEvent, StreamsInTransaction } from './port';

/**
 * Several streams' reads and appends on a store that writes one stream at a time (EventStoreDB):
 * each append stands alone, so work that fails part way leaves what it appended before. Callers
 * say so, and make a second run finish the first (deciding from what is stored, not what was asked).
 */
export function streamsOneAtATime(store: EventStore): StreamsInTransaction {
  return {
    async readStreams(streamIds) {
      const streams = new Map<string, RecordedEvent[]>();
      for (const id of streamIds) streams.set(id, await store.readStream(id));
      return streams;
    },
    async append(appends) {
      const results = [];
      for (const { streamId, events, expectedRevision } of appends)
        results.push(await store.append(streamId, events, expectedRevision));
      return results;
    },
  };
}
