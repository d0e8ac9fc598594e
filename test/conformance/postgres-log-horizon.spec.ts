import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase, SqlTransaction } from '#database/sql-database';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { comparePositions, NewEvent, START_OF_LOG } from '#event-store/port';
import { readUntil } from '../support/log-reads';
import { describeWithPostgres, openTestPostgres, TestDatabase } from '../support/databases';

function noted(n: number, bodyId = 'body-a'): NewEvent {
  return {
    id: randomUUID(),
    type: 'ThingNoted',
    schemaVersion: 1,
    data: { n },
    metadata: { actor: 'tester', bodyId, recordedAt: new Date().toISOString() },
  };
}

/**
 * Opens a transaction on `db`, runs `first` in it, and keeps it open until the returned close is
 * called: an append run as the first statement stands for one still in flight.
 */
async function holdOpen(db: SqlDatabase, first: (tx: SqlTransaction) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const isOpen = new Promise<void>((resolve) => (started = resolve));
  const done = db.transaction(async (tx) => {
    await first(tx);
    started();
    await released;
  });
  await isOpen;
  return async () => {
    release();
    await done;
  };
}

describeWithPostgres(
  'the PostgreSQL log horizon: late commits, and transactions that are not appends',
  () => {
    let database: TestDatabase;
    let elsewhere: TestDatabase;
    let store: PostgresEventStore;

    beforeEach(async () => {
      database = await openTestPostgres();
      elsewhere = await openTestPostgres();
      await applyMigrations(database.db, eventStoreMigrations);
      await applyMigrations(elsewhere.db, eventStoreMigrations);
      store = new PostgresEventStore(database.db);
    });
    afterEach(async () => {
      await database.dispose();
      await elsewhere.dispose();
    });

    it('is not held back by a long transaction in another schema, nor by a report reading this log', async () => {
      const closeOther = await holdOpen(elsewhere.db, (tx) =>
        new PostgresEventStore(tx as unknown as SqlDatabase).append('other-1', [noted(0)], 'no_stream'),
      );
      const closeReport = await holdOpen(database.open(), async (tx) => {
        await tx.query('SELECT count(*) FROM events');
        await tx.query('SELECT pg_current_xact_id()');
      });
      try {
        await store.append('thing-1', [noted(1)], 'no_stream');
        const read = await store.readAll({ after: START_OF_LOG });
        expect(read.map((event) => event.streamId)).toEqual(['thing-1']);
      } finally {
        await closeOther();
        await closeReport();
      }
    });

    it('never passes an append still in flight: a later commit waits for it, then both are read in order', async () => {
      const closeAppend = await holdOpen(database.open(), (tx) =>
        new PostgresEventStore(tx as unknown as SqlDatabase).append('slow', [noted(1)], 'no_stream'),
      );
      let closed = false;
      try {
        // Another body's: appends to one body's chain take its lock in turn, so only another
        // body's append can commit while this one is in flight.
        await store.append('quick', [noted(2, 'body-b')], 'no_stream');
        expect(await store.readAll({ after: START_OF_LOG })).toEqual([]);
        await closeAppend();
        closed = true;
        const read = await store.readAll({ after: START_OF_LOG });
        expect(read.map((event) => event.streamId)).toEqual(['slow', 'quick']);
      } finally {
        if (!closed) await closeAppend();
      }
    });

    it('never looks past an append still in flight when reading some types: it says how far it looked', async () => {
      await store.append('before', [{ ...noted(0), type: 'OtherNoted' }], 'no_stream');
      const [earlier] = await store.readAll({ after: START_OF_LOG });
      const closeAppend = await holdOpen(database.open(), (tx) =>
        new PostgresEventStore(tx as unknown as SqlDatabase).append('slow', [noted(1)], 'no_stream'),
      );
      let closed = false;
      try {
        await store.append('quick', [{ ...noted(2, 'body-b'), type: 'OtherNoted' }], 'no_stream');
        const held = await readUntil(
          () => store.readAllOfTypes({ after: START_OF_LOG, types: ['ThingNoted'] }),
          (held) => comparePositions(held.readTo, earlier.position) >= 0,
        );
        // Only the event before the append in flight was looked at: a reader going on from there reads `slow`.
        expect(held).toEqual({ events: [], readTo: earlier.position });
        await closeAppend();
        closed = true;
        const { position: end } = await store.append(
          'last',
          [{ ...noted(3), type: 'OtherNoted' }],
          'no_stream',
        );
        const read = await readUntil(
          () => store.readAllOfTypes({ after: held.readTo, types: ['ThingNoted'] }),
          (read) => comparePositions(read.readTo, end) >= 0,
        );
        expect(read.events.map((event) => event.streamId)).toEqual(['slow']);
        expect(read.readTo).toEqual(end);
      } finally {
        if (!closed) await closeAppend();
      }
    });
  },
);
