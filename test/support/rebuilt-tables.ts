import { SqlQueryable } from '#database/sql-database';
import { SqlDatabase } from '#database/sql-database';
import { EventStore } from '#event-store/port';
import { Projection, readModelTables } from '#projections/projection';

/** Every table a projection's migrations create, each as its rows in a fixed order. */
export async function tablesOf(tx: SqlQueryable, projection: Projection): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const name of readModelTables(projection))
    tables[name] = await tx.query(`SELECT * FROM ${name} t ORDER BY t::text`);
  return tables;
}

/** Empties a projection's tables, as the fresh tables of a rebuild start. */
export async function emptyTables(tx: SqlQueryable, projection: Projection): Promise<void> {
  for (const table of readModelTables(projection)) await tx.query(`DELETE FROM ${table}`);
}

/**
 * The projection's tables after a rebuild from the whole log in batches of `size`, applied
 * set-based as a catch-up applies them, in a transaction rolled back afterwards.
 */
export async function rebuiltInBatches(
  db: SqlDatabase,
  store: EventStore,
  projection: Projection,
  size: number,
): Promise<Record<string, unknown[]>> {
  const handled = projection.handles === 'every event' ? null : new Set(projection.handles);
  const events = (await store.readAll({ maxCount: 100_000 })).filter(
    (event) => handled === null || handled.has(event.type),
  );
  let tables: Record<string, unknown[]> = {};
  await db
    .transaction(async (tx) => {
      await emptyTables(tx, projection);
      for (let from = 0; from < events.length; from += size)
        await projection.applyBatch!(tx, events.slice(from, from + size));
      tables = await tablesOf(tx, projection);
      throw new Error('rolled back');
    })
    .catch((error: Error) => {
      if (error.message !== 'rolled back') throw error;
    });
  return tables;
}

/**
 * Expects each projection, rebuilt from the whole log in batches of 3 and of 1,000, to hold
 * exactly the rows it holds live (and the live rows not to be empty: a vacuous check proves nothing).
 */
export async function expectRebuildsAsLive(
  db: SqlDatabase,
  store: EventStore,
  projections: readonly Projection[],
): Promise<void> {
  for (const projection of projections) {
    const live = await tablesOf(db, projection);
    expect(Object.values(live).some((rows) => rows.length > 0)).toBe(true);
    for (const size of [3, 1000])
      expect({ size, tables: await rebuiltInBatches(db, store, projection, size) }).toEqual({
        size,
        tables: live,
      });
  }
}
