import { applyMigrations } from '#database/migrations';
import { eventsRecordedBy } from '#engine/replay';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { comparePositions, START_OF_LOG } from '#event-store/port';
import { readUntil } from '../support/log-reads';
import { noted } from '../support/noted-events';
import { DATABASES, openTestDatabase } from '../support/test-engine';

describe.each(DATABASES)('the log as known at an instant, read for some event types (%s)', (kind) => {
  it('hands over the events of the types recorded by then, and looks on to the end of the log', async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      await applyMigrations(db, eventStoreMigrations);
      const store = new PostgresEventStore(db);
      await store.append(
        'thing-1',
        [
          noted('ThingNoted', 1, '2017-10-01T09:00:00Z'),
          noted('OtherNoted', 2, '2017-10-02T09:00:00Z'),
          // Recorded after the instant: not known then.
          noted('ThingNoted', 3, '2017-10-09T09:00:00Z'),
        ],
        'no_stream',
      );
      const { position: end } = await store.append(
        'thing-2',
        [noted('OtherNoted', 4, '2017-10-03T09:00:00Z')],
        'no_stream',
      );
      const known = eventsRecordedBy(store, new Date('2017-10-05T00:00:00Z'));

      const read = await readUntil(
        () => known.readAllOfTypes({ after: START_OF_LOG, types: ['ThingNoted'] }),
        (read) => comparePositions(read.readTo, end) >= 0,
      );
      expect(read.events.map((event) => event.data)).toEqual([{ n: 1 }]);
      expect(read.readTo).toEqual(end);
      const all = await readUntil(
        () => known.readAll(),
        (all) => all.length === 3,
      );
      expect(all.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
    } finally {
      await dispose();
    }
  });
});
