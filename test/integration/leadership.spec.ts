import { randomUUID } from 'node:crypto';
import { EventProcess, processFollower } from '#application/process-follower';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { comparePositions, LogPosition, NewEvent, RecordedEvent } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { ALL_MIGRATIONS } from '#projections';
import { Projection } from '#projections/projection';
import { Projector } from '#projections/projector';
import { describeWithPostgres, openTestPostgres, TestDatabase } from '../support/databases';

const silent = { error: () => undefined };

function noted(count: number, from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: 'ThingNoted',
    schemaVersion: 1,
    data: { n: from + i },
    metadata: { actor: 'tester', bodyId: 'body-a', recordedAt: new Date().toISOString() },
  }));
}

/** A read model that records which instance applied each event, so a second application shows. */
function appliedBy(instance: string): Projection {
  return {
    name: 'applied_by',
    handles: 'every event',
    migrations: [],
    async apply(tx, event) {
      await tx.query('INSERT INTO applied_by (event_id, instance) VALUES ($1, $2)', [event.id, instance]);
    },
  };
}

/** A process that records which instance handled each event. */
function handledBy(handled: Map<string, string[]>, instance: string): EventProcess {
  return {
    name: 'counting',
    handles: ['ThingNoted'],
    async handle(event: RecordedEvent) {
      handled.set(event.id, [...(handled.get(event.id) ?? []), instance]);
      return null;
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithPostgres('one leader per projection and process across instances', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    database = await openTestPostgres();
    await applyMigrations(database.db, ALL_MIGRATIONS);
    await database.db.query('CREATE TABLE applied_by (event_id uuid NOT NULL, instance text NOT NULL)');
    store = new PostgresEventStore(database.db);
  });
  afterEach(() => database.dispose());

  const instance = (db: SqlDatabase, name: string, handled: Map<string, string[]>) =>
    new Projector(db, new PostgresEventStore(db), [appliedBy(name)], silent, 10, [
      processFollower(db, handledBy(handled, name)),
    ]);
  /** Two instances on one database; the first leads everything before the second starts. */
  const twoInstances = async () => {
    const handled = new Map<string, string[]>();
    const a = instance(database.db, 'a', handled);
    const b = instance(database.open(), 'b', handled);
    await a.start();
    await until(() => a.leading().length === 2, 'a to lead');
    await b.start();
    return { handled, a, b };
  };
  const appliers = async () =>
    (
      await database.db.query<{ instance: string; events: number; distinct_events: number }>(
        `SELECT instance, count(*)::integer AS events, count(DISTINCT event_id)::integer AS distinct_events
           FROM applied_by GROUP BY instance ORDER BY instance`,
      )
    ).map((row) => ({ ...row }));

  it('lets one instance apply each projection and process, the other follow it, and take over when it stops', async () => {
    const { handled, a, b } = await twoInstances();
    try {
      for (let i = 0; i < 300; i += 30)
        await store.append('thing-1', noted(30, i), i === 0 ? 'no_stream' : i - 1);
      const end = (await store.readAll({ maxCount: 100_000 })).at(-1)!.position;
      // The follower answers a write's wait from the leader's checkpoint.
      expect(await b.waitFor(end, 20_000)).toEqual([]);
      expect(b.leading()).toEqual([]);
      expect(await appliers()).toEqual([{ instance: 'a', events: 300, distinct_events: 300 }]);
      await until(() => handled.size === 300, 'the process to handle every event');
      expect([...handled.values()].filter((instances) => instances.join() !== 'a')).toEqual([]);

      // The leader stops (its locks go with its connection): the other goes on from where it stopped.
      await a.stop();
      const stoppedAt = Date.now();
      await until(() => b.leading().length === 2, 'b to take the leadership');
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      await store.append('thing-1', noted(20, 300), 299);
      const later = (await store.readAll({ maxCount: 100_000 })).at(-1)!.position;
      expect(await b.waitFor(later, 20_000)).toEqual([]);
      expect(b.leading().sort()).toEqual(['applied_by', 'process:counting']);
      expect(await appliers()).toEqual([
        { instance: 'a', events: 300, distinct_events: 300 },
        { instance: 'b', events: 20, distinct_events: 20 },
      ]);
      await until(() => handled.size === 320, 'the process to handle the later events');
      expect([...handled.values()].filter((instances) => instances.length > 1)).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('settles on one leader within seconds when the leader’s connection dies, and applies each later event once', async () => {
    const { handled, a, b } = await twoInstances();
    try {
      // The leader's connection to the database dies (its locks go with it); its process lives on
      // and looks again, so either instance may lead afterwards, but only one.
      await database.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
          WHERE locktype = 'advisory' AND granted
            AND objid::bigint = (hashtext(current_schema() || ':applied_by')::bigint + 4294967296) % 4294967296`,
      );
      const lostAt = Date.now();
      const settled = () => {
        const [ofA, ofB] = [a.leading(), b.leading()];
        return ofA.length + ofB.length === 2 && (ofA.length === 0 || ofB.length === 0);
      };
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await until(settled, 'one instance to lead both');
      expect(Date.now() - lostAt).toBeLessThan(10_000);
      const leader = a.leading().length === 2 ? 'a' : 'b';
      await store.append('thing-2', noted(5), 'no_stream');
      const end = (await store.readAll({ maxCount: 100 })).at(-1)!.position;
      expect(await a.waitFor(end, 20_000)).toEqual([]);
      expect(await b.waitFor(end, 20_000)).toEqual([]);
      expect(await appliers()).toEqual([{ instance: leader, events: 5, distinct_events: 5 }]);
      await until(() => handled.size === 5, 'the process to handle the later events');
      expect([...handled.values()].filter((instances) => instances.length > 1)).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('never moves a process checkpoint back: an instance that fell behind cannot rewind the one that took over', async () => {
    await store.append('thing-3', noted(10), 'no_stream');
    const events = await store.readAll({ maxCount: 100 });
    const ahead: LogPosition = events.at(-1)!.position;
    await database.db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position) VALUES ('process:counting', $1, $2)`,
      [ahead.commit, ahead.prepare],
    );
    const handled = new Map<string, string[]>();
    const follower = processFollower(database.db, handledBy(handled, 'a'));
    // A batch of events before the stored checkpoint, as an instance that fell behind would hand in.
    const position = await follower.follow(events.slice(0, 5), events[0].position, events[4].position);
    expect(handled.size).toBe(0);
    expect(comparePositions(position!, ahead)).toBe(0);
    const [stored] = await database.db.query<{ c: number; p: number }>(
      "SELECT commit_position AS c, prepare_position AS p FROM projection_checkpoints WHERE projection = 'process:counting'",
    );
    expect({ commit: stored.c, prepare: stored.p }).toEqual(ahead);
  });
});
