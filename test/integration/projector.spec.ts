import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase, SqlQueryable } from '#database/sql-database';
import { NewEvent, RecordedEvent } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { ALL_MIGRATIONS } from '#projections';
import { auditTrailProjection } from '#projections/audit-trail/audit-trail.projection';
import { listParked } from '#projections/parked-events';
import { Projection } from '#projections/projection';
import { Projector } from '#projections/projector';
import { describeWithPostgres, openTestPostgres, TestDatabase } from '../support/databases';
import { DATABASES, openTestDatabase } from '../support/test-engine';

const silent = { error: () => undefined };

function bodyEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: 'ThingNoted',
    schemaVersion: 1,
    data: { n: i, note: `entry ${i}` },
    metadata: { actor: 'tester', bodyId: 'body-a', recordedAt: new Date().toISOString() },
  }));
}

/** Counts every application, with no de-duplication of its own, so a double application shows. */
const tally: Projection = {
  name: 'tally',
  handles: 'every event',
  migrations: [{ id: '9001_tally', sql: 'CREATE TABLE tally (event_id uuid NOT NULL)' }],
  async apply(tx, event) {
    await tx.query('INSERT INTO tally (event_id) VALUES ($1)', [event.id]);
  },
};

async function auditRows(db: SqlQueryable) {
  const [row] = await db.query<{ total: number; distinct_events: number }>(
    'SELECT count(*)::integer AS total, count(DISTINCT event_id)::integer AS distinct_events FROM tally',
  );
  return row;
}

async function waitUntil(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 20000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(DATABASES)('the projector (%s)', (kind) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;
  let openAnother: () => SqlDatabase;

  beforeEach(async () => {
    const database = await openTestDatabase(kind);
    ({ db, dispose } = database);
    openAnother = kind === 'postgres' ? database.open : () => db;
    await applyMigrations(db, [...ALL_MIGRATIONS, ...tally.migrations]);
  });
  afterEach(() => dispose());

  it('resumes from its stored checkpoint after a restart and applies nothing twice', async () => {
    const store = new PostgresEventStore(db);
    await store.append('thing-1', bodyEvents(150), 'no_stream');
    const first = new Projector(db, store, [auditTrailProjection, tally], silent, 10);
    await first.start();
    await waitUntil(async () => (await auditRows(db)).total > 0, 'the first batches');
    await first.stop();
    await store.append('thing-1', bodyEvents(150), 149);

    const second = new Projector(db, store, [auditTrailProjection, tally], silent, 10);
    await second.start();
    await waitUntil(async () => (await auditRows(db)).total === 300, 'all 300 events');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await second.stop();
    expect(await auditRows(db)).toEqual({ total: 300, distinct_events: 300 });
  });

  it('retries a batch the database failed from its checkpoint, leaving no half-applied batch', async () => {
    const store = new PostgresEventStore(db);
    await store.append('thing-2', bodyEvents(40), 'no_stream');
    let failures = 0;
    const flaky: Projection = {
      ...tally,
      async apply(tx: SqlQueryable, event: RecordedEvent) {
        await tally.apply(tx, event);
        if ((event.data as { n: number }).n === 25 && failures++ === 0)
          throw Object.assign(new Error('connection lost'), { code: '08006' });
      },
    };
    const errors: unknown[] = [];
    const projector = new Projector(db, store, [flaky], { error: (details) => errors.push(details) }, 10);
    await projector.start();
    await waitUntil(async () => (await auditRows(db)).total === 40, 'the retried batch');
    await projector.stop();
    expect(errors).toHaveLength(1);
    expect(await auditRows(db)).toEqual({ total: 40, distinct_events: 40 });
    expect(await listParked(db)).toEqual([]);
  });

  it('parks an event it cannot apply, and the later events of its stream, and applies the rest', async () => {
    const store = new PostgresEventStore(db);
    await store.append('thing-3', bodyEvents(10), 'no_stream');
    await store.append('thing-4', bodyEvents(10), 'no_stream');
    const picky: Projection = {
      ...tally,
      async apply(tx: SqlQueryable, event: RecordedEvent) {
        if (event.streamId === 'thing-3' && (event.data as { n: number }).n === 5)
          throw new Error('bad event');
        await tally.apply(tx, event);
      },
    };
    const projector = new Projector(db, store, [picky], silent, 10);
    await projector.start();
    const last = (await store.readAll()).at(-1)!.position;
    expect(await projector.waitFor(last)).toEqual([]);
    await projector.stop();
    const parked = await listParked(db);
    expect(parked.map((event) => [event.streamId, event.error === null ? 'held' : 'failed'])).toEqual([
      ['thing-3', 'failed'],
      ...Array.from({ length: 4 }, () => ['thing-3', 'held']),
    ]);
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::integer AS count FROM tally');
    expect(count).toBe(15);
  });

  it('parks, in a later batch of a set-based projection, the events of a stream held since one failed', async () => {
    const store = new PostgresEventStore(db);
    await store.append('thing-5', bodyEvents(3), 'no_stream');
    const batches: number[] = [];
    const setBased: Projection = {
      ...tally,
      async apply(tx: SqlQueryable, event: RecordedEvent) {
        if (event.streamId === 'thing-5' && (event.data as { n: number }).n === 1)
          throw new Error('bad event');
        await tally.apply(tx, event);
      },
      async applyBatch(tx: SqlQueryable, events: readonly RecordedEvent[]) {
        batches.push(events.length);
        for (const event of events) await this.apply(tx, event);
      },
    };
    const projector = new Projector(db, store, [setBased], silent, 10);
    await projector.start();
    try {
      // The append that failed answers the projection that parked its events.
      expect(await projector.waitFor((await store.readAll()).at(-1)!.position)).toEqual(['tally']);
      batches.length = 0;
      await store.append('thing-5', bodyEvents(2), 2);
      await store.append('thing-6', bodyEvents(3), 'no_stream');
      expect(await projector.waitFor((await store.readAll()).at(-1)!.position)).toEqual([]);
    } finally {
      await projector.stop();
    }
    // The later batch went to applyBatch without the held stream's events, which were parked.
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(3);
    const parked = await listParked(db);
    expect(parked.map((event) => [event.streamId, event.error === null ? 'held' : 'failed'])).toEqual([
      ['thing-5', 'failed'],
      ['thing-5', 'held'],
      ['thing-5', 'held'],
      ['thing-5', 'held'],
    ]);
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::integer AS count FROM tally');
    expect(count).toBe(4);
  });

  it('lets two projector processes share one database and apply each event once', async () => {
    const otherDb = openAnother();
    const store = new PostgresEventStore(db);
    const a = new Projector(db, store, [auditTrailProjection, tally], silent, 5);
    const b = new Projector(
      otherDb,
      new PostgresEventStore(otherDb),
      [auditTrailProjection, tally],
      silent,
      5,
    );
    await Promise.all([a.start(), b.start()]);
    for (let i = 0; i < 20; i++) await store.append(`thing-3-${i}`, bodyEvents(25), 'no_stream');
    await waitUntil(async () => (await auditRows(db)).total >= 500, 'all 500 events');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all([a.stop(), b.stop()]);
    expect(await auditRows(db)).toEqual({ total: 500, distinct_events: 500 });
  });

  it('reads each batch of the log once for every projection, and hands each only the events it handles', async () => {
    const store = new PostgresEventStore(db);
    for (let i = 0; i < 12; i++) await store.append(`thing-5-${i}`, bodyEvents(100), 'no_stream');
    await store.append('other-1', [{ ...bodyEvents(1)[0], type: 'OtherNoted' }], 'no_stream');
    let read = 0;
    const counting = Object.assign(Object.create(store) as PostgresEventStore, {
      readAll: async (options?: Parameters<PostgresEventStore['readAll']>[0]) => {
        const events = await store.readAll(options);
        read += events.length;
        return events;
      },
    });
    const seen = new Map<string, Set<string>>();
    const picky = (name: string, handles: Projection['handles']): Projection => ({
      name,
      handles,
      migrations: [],
      async apply(_tx, event) {
        seen.set(name, (seen.get(name) ?? new Set()).add(event.type));
      },
    });
    const projections = [
      picky('notes', ['ThingNoted']),
      picky('others', ['OtherNoted']),
      picky('everything', 'every event'),
      picky('nothing', ['NeverHappens']),
    ];
    const projector = new Projector(db, counting, projections, silent, 10);
    await projector.start();
    const last = (await store.readAll({ maxCount: 100_000 })).at(-1)!.position;
    expect(await projector.waitFor(last, 20_000)).toEqual([]);
    await projector.stop();
    // Four projections, 1,201 events: read once (not four times), give or take a batch's end.
    expect(read).toBeGreaterThanOrEqual(1201);
    expect(read).toBeLessThan(1201 * 2);
    expect(Object.fromEntries([...seen].map(([name, types]) => [name, [...types].sort()]))).toEqual({
      notes: ['ThingNoted'],
      others: ['OtherNoted'],
      everything: ['OtherNoted', 'ThingNoted'],
    });
    const checkpoints = await db.query<{ projection: string }>(
      `SELECT projection FROM projection_checkpoints
        WHERE (commit_position, prepare_position) >= ($1::bigint, $2::bigint) ORDER BY projection`,
      [last.commit, last.prepare],
    );
    expect(checkpoints.map((row) => row.projection)).toEqual(['everything', 'notes', 'nothing', 'others']);
  });

  describe('a projection catching up alone', () => {
    /** 1,200 ThingNoted in 12 appends, each followed by an OtherNoted: the log ends with one. */
    async function mixedLog(store: PostgresEventStore) {
      for (let i = 0; i < 12; i++) {
        await store.append(`thing-6-${i}`, bodyEvents(100), 'no_stream');
        await store.append(`other-6-${i}`, [{ ...bodyEvents(1)[0], type: 'OtherNoted' }], 'no_stream');
      }
      return (await store.readAll({ maxCount: 100_000 })).at(-1)!.position;
    }
    /** The store, counting the events each kind of read hands over. */
    function counted(store: PostgresEventStore) {
      const read = { every: 0, typed: 0 };
      const counting = Object.assign(Object.create(store) as PostgresEventStore, {
        readAll: async (options?: Parameters<PostgresEventStore['readAll']>[0]) => {
          const events = await store.readAll(options);
          read.every += events.length;
          return events;
        },
        readAllOfTypes: async (options: Parameters<PostgresEventStore['readAllOfTypes']>[0]) => {
          const typed = await store.readAllOfTypes(options);
          read.typed += typed.events.length;
          return typed;
        },
      });
      return { counting, read };
    }
    const applied = new Map<string, string[]>();
    const recording = (name: string, handles: Projection['handles']): Projection => ({
      name,
      handles,
      migrations: [],
      async apply(_tx, event) {
        applied.set(name, [...(applied.get(name) ?? []), event.id]);
      },
    });
    beforeEach(() => applied.clear());

    it('reads only the event types it handles, and reaches the end of a log that ends with others', async () => {
      const store = new PostgresEventStore(db);
      const last = await mixedLog(store);
      const { counting, read } = counted(store);
      const projector = new Projector(db, counting, [recording('notes', ['ThingNoted'])], silent, 10);
      await projector.start();
      expect(await projector.waitFor(last, 20_000)).toEqual([]);
      await projector.stop();
      expect(read).toEqual({ every: 0, typed: 1200 });
      expect(new Set(applied.get('notes')).size).toBe(1200);
      expect(applied.get('notes')).toHaveLength(1200);
      const [checkpoint] = await db.query<{ at_end: boolean }>(
        `SELECT (commit_position, prepare_position) = ($1::bigint, $2::bigint) AS at_end
           FROM projection_checkpoints WHERE projection = 'notes'`,
        [last.commit, last.prepare],
      );
      expect(checkpoint.at_end).toBe(true);
    });

    it('reads on at once while its reads move on, though each hands over less than a batch', async () => {
      const store = new PostgresEventStore(db);
      // 6,000 of its events among 6,000 others: each read of 5,000 events holds about half of its own.
      for (let i = 0; i < 6; i++) {
        await store.append(`thing-8-${i}`, bodyEvents(1000), 'no_stream');
        await store.append(
          `other-8-${i}`,
          bodyEvents(1000).map((event) => ({ ...event, type: 'OtherNoted' })),
          'no_stream',
        );
      }
      const last = (await store.readAll({ maxCount: 100_000 })).at(-1)!.position;
      // Idle for a minute between looks: only a catch-up that reads on at once finishes in time.
      const projector = new Projector(db, store, [recording('notes', ['ThingNoted'])], silent, 60_000);
      await projector.start();
      try {
        expect(await projector.waitFor(last, 20_000)).toEqual([]);
      } finally {
        await projector.stop();
      }
      expect(applied.get('notes')).toHaveLength(6000);
    });

    it('catches up a projection added later while the others wait at the end, then all go on together', async () => {
      const store = new PostgresEventStore(db);
      const last = await mixedLog(store);
      const before = new Projector(db, store, [recording('everything', 'every event')], silent, 10);
      await before.start();
      expect(await before.waitFor(last, 20_000)).toEqual([]);
      await before.stop();
      applied.clear();

      const { counting, read } = counted(store);
      const projections = [recording('everything', 'every event'), recording('notes', ['ThingNoted'])];
      const projector = new Projector(db, counting, projections, silent, 10);
      await projector.start();
      expect(await projector.waitFor(last, 20_000)).toEqual([]);
      // The newcomer read its own events; the one at the end was handed nothing again.
      expect(read).toEqual({ every: 0, typed: 1200 });
      expect(applied.get('notes')).toHaveLength(1200);
      expect(applied.get('everything')).toBeUndefined();

      const { position } = await store.append(
        'other-7',
        [{ ...bodyEvents(1)[0], type: 'OtherNoted' }],
        'no_stream',
      );
      expect(await projector.waitFor(position, 20_000)).toEqual([]);
      await projector.stop();
      expect(applied.get('everything')).toHaveLength(1);
      expect(applied.get('notes')).toHaveLength(1200);
    });
  });

  it('applies a projection that goes event by event in transactions of at most 1,000 events', async () => {
    const store = new PostgresEventStore(db);
    for (let i = 0; i < 10; i++) await store.append(`thing-8-${i}`, bodyEvents(250), 'no_stream');
    const byTransaction: Projection = {
      name: 'by_transaction',
      handles: 'every event',
      migrations: [],
      async apply(tx, event) {
        await tx.query('INSERT INTO tally (event_id, txid) VALUES ($1, txid_current())', [event.id]);
      },
    };
    await db.query('ALTER TABLE tally ADD COLUMN txid bigint');
    const projector = new Projector(db, store, [byTransaction], silent, 10);
    await projector.start();
    expect(
      await projector.waitFor((await store.readAll({ maxCount: 10_000 })).at(-1)!.position, 60_000),
    ).toEqual([]);
    await projector.stop();
    const sizes = await db.query<{ events: number }>(
      'SELECT count(*)::integer AS events FROM tally GROUP BY txid ORDER BY 1 DESC',
    );
    expect(sizes.reduce((sum, row) => sum + row.events, 0)).toBe(2500);
    expect(sizes[0].events).toBeLessThanOrEqual(1000);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
  });

  it('lets the other projections go on while one cannot reach the database', async () => {
    const store = new PostgresEventStore(db);
    await store.append('thing-6', bodyEvents(30), 'no_stream');
    const down: Projection = {
      ...tally,
      name: 'down',
      async apply() {
        throw Object.assign(new Error('connection lost'), { code: '08006' });
      },
    };
    const projector = new Projector(db, store, [down, tally], silent, 10);
    await projector.start();
    await waitUntil(async () => (await auditRows(db)).total === 30, 'the healthy projection');
    const last = (await store.readAll()).at(-1)!.position;
    expect(await projector.waitFor(last, 500)).toEqual(['down']);
    await projector.stop();
  });
});

// Two connections are needed for another process to hold a row: PostgreSQL only (PGlite has one).
describeWithPostgres('the projector beside another process on PostgreSQL', () => {
  let database: TestDatabase;
  let db: SqlDatabase;
  beforeEach(async () => {
    database = await openTestPostgres();
    db = database.db;
    await applyMigrations(db, [...ALL_MIGRATIONS, ...tally.migrations]);
  });
  afterEach(() => database.dispose());

  it('passes over a projection whose checkpoint another process holds, applies the rest, and comes back to it', async () => {
    const otherDb = database.open();
    const store = new PostgresEventStore(db);
    for (let i = 0; i < 4; i++) await store.append(`thing-7-${i}`, bodyEvents(25), 'no_stream');
    const projector = new Projector(db, store, [auditTrailProjection, tally], silent, 5);
    await projector.start();
    const audited = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM audit_trail'))[0].n;
    let seenWhileHeld: { total: number } | null = null;
    await otherDb.transaction(async (tx) => {
      // Another instance applying tally right now: its checkpoint row is locked until it commits.
      await tx.query("SELECT 1 FROM projection_checkpoints WHERE projection = 'tally' FOR UPDATE");
      for (let i = 4; i < 8; i++) await store.append(`thing-7-${i}`, bodyEvents(25), 'no_stream');
      await waitUntil(async () => (await audited()) >= 200, 'the audit trail, not held, to apply all 200');
      seenWhileHeld = await auditRows(db);
    });
    // At most the first four appends reached tally before the lock; none after it while held.
    expect(seenWhileHeld!.total).toBeLessThanOrEqual(100);
    await waitUntil(async () => (await auditRows(db)).total >= 200, 'tally to catch up once released');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await projector.stop();
    expect(await auditRows(db)).toEqual({ total: 200, distinct_events: 200 });
  });
});
