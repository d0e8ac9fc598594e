import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { ALL_MIGRATIONS, ALL_PROJECTIONS } from '#projections';
import { Projection, readModelTables } from '#projections/projection';
import { Projector } from '#projections/projector';
import { noted } from '../support/noted-events';
import { DATABASES, openTestDatabase } from '../support/test-engine';

const silent = { error: () => undefined };

/**
 * A read model of one row an event, in a table autovacuum leaves alone (and with no index, whose
 * building would count the rows): its statistics are the projector's alone to take.
 */
function rowPerEvent(name: string): Projection {
  return {
    name,
    handles: [`${name}Noted`],
    migrations: [
      { id: `9100_${name}`, sql: `CREATE TABLE ${name} (n integer) WITH (autovacuum_enabled = false)` },
    ],
    async apply(tx, event) {
      await tx.query(`INSERT INTO ${name} (n) VALUES ($1)`, [(event.data as { n: number }).n]);
    },
    async applyBatch(tx, events) {
      await tx.query(`INSERT INTO ${name} (n) SELECT unnest($1::integer[])`, [
        events.map((event) => (event.data as { n: number }).n),
      ]);
    },
  };
}

/** The planner's count of a table's rows: -1 until its statistics are first taken. */
async function plannerRows(db: SqlDatabase, table: string): Promise<number> {
  const [row] = await db.query<{ reltuples: number }>(
    'SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = to_regclass($1)',
    [table],
  );
  return Number(row.reltuples);
}

describe.each(DATABASES)('statistics of a read model’s tables (%s)', (kind) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;
  const large = rowPerEvent('large');
  const small = rowPerEvent('small');

  beforeEach(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await applyMigrations(db, [...ALL_MIGRATIONS, ...large.migrations, ...small.migrations]);
  });
  afterEach(() => dispose());

  it('are taken as a catch-up fills the tables, and not for a read model of a few events', async () => {
    const store = new PostgresEventStore(db);
    for (let part = 0; part < 6; part++)
      await store.append(
        `large-${part}`,
        Array.from({ length: 1000 }, (_, n) => noted('largeNoted', part * 1000 + n)),
        'no_stream',
      );
    const { position: last } = await store.append(
      'small-0',
      Array.from({ length: 300 }, (_, n) => noted('smallNoted', n)),
      'no_stream',
    );
    expect([await plannerRows(db, 'large'), await plannerRows(db, 'small')]).toEqual([-1, -1]);

    const projector = new Projector(db, store, [large, small], silent, 10);
    await projector.start();
    expect(await projector.waitFor(last, 60_000)).toEqual([]);
    await projector.stop();

    const [{ rows }] = await db.query<{ rows: number }>('SELECT count(*)::integer AS rows FROM large');
    expect(rows).toBe(6000);
    // Taken once the first 5,000 events were in, not again for the last 1,000.
    expect(await plannerRows(db, 'large')).toBe(5000);
    expect(await plannerRows(db, 'small')).toBe(-1);
  });

  it('are taken of every table each projection’s migrations leave, as they name them', async () => {
    const named = ALL_PROJECTIONS.flatMap((projection) => readModelTables(projection));
    expect(named).toEqual(
      expect.arrayContaining(['action_register', 'audit_trail', 'rag_counts', 'reminders']),
    );
    const [{ missing }] = await db.query<{ missing: string[] }>(
      'SELECT coalesce(array_agg(name), ARRAY[]::text[]) AS missing FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NULL',
      [named],
    );
    expect(missing).toEqual([]);
  });
});
