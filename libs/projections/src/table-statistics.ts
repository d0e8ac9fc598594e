import { SqlDatabase } from '#database/sql-database';
import { Projection, readModelTables } from './projection';
import { ProjectorLog } from './projection-batch';

/** Events applied before a read model's tables have their statistics first taken. */
const FIRST_LOOK = 5000;
/** How much more applied before the next look. */
const GROWTH = 4;

/**
 * Keeps the planner's statistics of a read model's tables up while a catch-up fills them: they
 * are taken (ANALYZE) once this process has applied 5,000 of its events, then each time that
 * number has grown fourfold (at 20,000, 80,000, 320,000...). Autovacuum looks when it can, and
 * never on PGlite; tables it took near empty had each batch's lookups planned as scans of the
 * whole table (bench:replay's RAG history alone, on fresh tables: 170 s instead of 25 s). Once
 * taken with rows in, the planner scales the count with the table's size, so fewer looks do:
 * each costs about a second on a table of a million wide rows.
 */
export function tableStatistics(
  db: SqlDatabase,
  log: ProjectorLog,
  projection: Projection,
): (applied: number) => Promise<void> {
  const tables = readModelTables(projection);
  let applied = 0;
  let nextLook = FIRST_LOOK;
  return async (events) => {
    applied += events;
    if (applied < nextLook || tables.length === 0) return;
    nextLook = applied * GROWTH;
    try {
      await db.query(`ANALYZE ${tables.join(', ')}`);
    } catch (error) {
      // Statistics only speed the next batches: the catch-up goes on without them.
      log.error({ projection: projection.name, err: error }, 'taking statistics of the tables failed');
    }
  };
}
