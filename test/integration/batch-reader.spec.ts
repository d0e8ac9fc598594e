import { applyMigrations } from '#database/migrations';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { EventStore, START_OF_LOG } from '#event-store/port';
import { BatchReader } from '#projections/batch-reader';
import { TestDatabase } from '../support/databases';
import { noted } from '../support/noted-events';
import { openTestDatabase } from '../support/test-engine';

/** The real store, with each read it is asked for written down as it is asked. */
function countingReads(store: EventStore): { store: EventStore; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    // The store's own methods, but for its two reads of the log.
    store: Object.assign(Object.create(store) as EventStore, {
      readAll: (options) => {
        reads.push('every event');
        return store.readAll(options);
      },
      readAllOfTypes: (options) => {
        reads.push(options.types.join(', '));
        return store.readAllOfTypes(options);
      },
    } satisfies Partial<EventStore>),
  };
}

// PGlite: one connection, so the log is read whole at once (no horizon), and the reads are all this test's.
describe('the projector reading the log in batches', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await applyMigrations(database.db, eventStoreMigrations);
    store = new PostgresEventStore(database.db);
    // 12 events: a ThingNoted every third, the rest OtherNoted.
    await store.append(
      'thing-1',
      Array.from({ length: 12 }, (_, n) => noted(n % 3 === 0 ? 'ThingNoted' : 'OtherNoted', n)),
      'no_stream',
    );
  });
  afterAll(() => database.dispose());

  it('starts the read of the next batch when a full one is handed over, and hands that over next', async () => {
    const { store: counted, reads } = countingReads(store);
    const reader = new BatchReader(counted, 5);
    const looked: string[] = [];
    const first = await reader.next(START_OF_LOG, null, async () => void looked.push('before'));
    expect(first.events.map((event) => event.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    expect(first.more).toBe(true);
    expect(reads).toEqual(['every event', 'every event']); // the second batch's read started already
    const second = await reader.next(first.readTo, null, async () => void looked.push('before'));
    expect(second.events.map((event) => event.data)).toEqual([5, 6, 7, 8, 9].map((n) => ({ n })));
    expect(looked).toEqual(['before']); // the batch read ahead did not wait again
    const third = await reader.next(second.readTo, null, async () => undefined);
    expect(third.events).toHaveLength(2);
    expect(third.more).toBe(false); // short of a batch: the end for now, nothing read ahead
    expect(reads).toHaveLength(3);
    await reader.settle();
  });

  it('reads ahead a typed read while it moves on, though it hands over fewer events than a batch', async () => {
    const { store: counted, reads } = countingReads(store);
    const reader = new BatchReader(counted, 5);
    const types = ['ThingNoted'];
    const handed: unknown[] = [];
    let after = START_OF_LOG;
    for (;;) {
      const batch = await reader.next(after, types, async () => undefined);
      handed.push(...batch.events.map((event) => event.data));
      if (!batch.more) break;
      after = batch.readTo;
    }
    expect(handed).toEqual([0, 3, 6, 9].map((n) => ({ n })));
    // Events 0-4, 5-9, 10-11 and the end, each asked for once, each while the one before was handed over.
    expect(reads).toEqual(['ThingNoted', 'ThingNoted', 'ThingNoted', 'ThingNoted']);
  });

  it('drops what it read ahead when asked for another position or other types, and reads that now', async () => {
    const { store: counted, reads } = countingReads(store);
    const reader = new BatchReader(counted, 5);
    const first = await reader.next(START_OF_LOG, ['ThingNoted'], async () => undefined);
    const looked: string[] = [];
    const other = await reader.next(first.readTo, ['OtherNoted'], async () => void looked.push('before'));
    expect(other.events.map((event) => event.data)).toEqual([5, 7, 8].map((n) => ({ n })));
    expect(looked).toEqual(['before']);
    expect(reads.slice(0, 3)).toEqual(['ThingNoted', 'ThingNoted', 'OtherNoted']);
    await reader.settle();
  });
});
