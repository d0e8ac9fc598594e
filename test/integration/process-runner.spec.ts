import { randomUUID } from 'node:crypto';
import { EventProcess, ProcessRunner } from '../../libs/application/src/process-runner';
import { applyMigrations } from '../../libs/database/src/migrations';
import { SqlDatabase } from '../../libs/database/src/sql-database';
import { comparePositions, LogPosition, NewEvent, RecordedEvent } from '../../libs/event-store/src/port';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { ALL_MIGRATIONS } from '../../libs/projections/src';
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

/** Counts what each runner handled, so an event handled twice, or by both, shows. */
function counting(handled: Map<string, string[]>, runner: string): EventProcess {
  return {
    name: 'counting',
    async handle(event: RecordedEvent) {
      handled.set(event.id, [...(handled.get(event.id) ?? []), runner]);
      return null;
    },
  };
}

async function checkpointOf(db: SqlDatabase): Promise<LogPosition | null> {
  const [row] = await db.query<{ c: number; p: number }>(
    "SELECT commit_position AS c, prepare_position AS p FROM projection_checkpoints WHERE projection = 'process:counting'",
  );
  return row ? { commit: row.c, prepare: row.p } : null;
}

describeWithPostgres('process runners on several instances', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    database = await openTestPostgres();
    await applyMigrations(database.db, ALL_MIGRATIONS);
    store = new PostgresEventStore(database.db);
  });
  afterEach(() => database.dispose());

  /** Waits until the checkpoint reaches `target`, checking at every look that it never moved back. */
  async function followCheckpoint(target: LogPosition): Promise<void> {
    let seen: LogPosition | null = null;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const now = await checkpointOf(database.db);
      if (seen && now) expect(comparePositions(now, seen)).toBeGreaterThanOrEqual(0);
      seen = now ?? seen;
      if (now && comparePositions(now, target) >= 0) return;
      if (Date.now() > deadline) throw new Error('the checkpoint did not reach the end of the log');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('lets one runner handle each event once; the other takes over when it stops, from where it stopped', async () => {
    const handled = new Map<string, string[]>();
    const otherDb = database.open();
    const a = new ProcessRunner(database.db, store, [counting(handled, 'a')], silent, 10);
    const b = new ProcessRunner(
      otherDb,
      new PostgresEventStore(otherDb),
      [counting(handled, 'b')],
      silent,
      10,
    );
    await Promise.all([a.start(), b.start()]);
    try {
      for (let i = 0; i < 300; i += 30)
        await store.append('thing-1', noted(30, i), i === 0 ? 'no_stream' : i - 1);
      await followCheckpoint((await store.readAll({ maxCount: 100_000 })).at(-1)!.position);
      expect(handled.size).toBe(300);
      expect([...handled.values()].filter((runners) => runners.length > 1)).toEqual([]);
      const firstHolder = [...handled.values()][0][0];
      expect(new Set([...handled.values()].flat())).toEqual(new Set([firstHolder]));

      // The holder stops (its lease goes with it): the other goes on from the stored checkpoint.
      await (firstHolder === 'a' ? a : b).stop();
      await store.append('thing-1', noted(20, 300), 299);
      await followCheckpoint((await store.readAll({ maxCount: 100_000 })).at(-1)!.position);
      expect(handled.size).toBe(320);
      expect([...handled.values()].filter((runners) => runners.length > 1)).toEqual([]);
      const later = [...handled.values()].slice(300).flat();
      expect(new Set(later)).toEqual(new Set([firstHolder === 'a' ? 'b' : 'a']));
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('never moves a checkpoint back: a stale runner whose lease lapsed cannot rewind the one that took over', async () => {
    await store.append('thing-2', noted(10), 'no_stream');
    const events = await store.readAll({ maxCount: 100 });
    const ahead = events.at(-1)!.position;
    await database.db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position) VALUES ('process:counting', $1, $2)`,
      [ahead.commit, ahead.prepare],
    );
    const handled = new Map<string, string[]>();
    const runner = new ProcessRunner(database.db, store, [counting(handled, 'a')], silent, 10);
    // A batch of events before the stored checkpoint, as a runner that fell behind would hand in.
    const position = await (
      runner as unknown as {
        handleBatch(p: EventProcess, n: string, e: RecordedEvent[], f: LogPosition): Promise<LogPosition>;
      }
    ).handleBatch(counting(handled, 'a'), 'process:counting', events.slice(0, 5), events[0].position);
    expect(handled.size).toBe(0);
    expect(comparePositions(position, ahead)).toBe(0);
    expect(await checkpointOf(database.db)).toEqual(ahead);
    await runner.stop();
  });
});
