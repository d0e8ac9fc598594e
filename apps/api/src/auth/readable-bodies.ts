import { listBodies } from '#projections/bodies/bodies.queries';
import { SqlQueryable } from '#database/sql-database';

/** Turns a read scope into body ids: "all" (an admin's every body) becomes every registered body. */
export async function bodyIdsOf(
  db: SqlQueryable,
  scope: readonly string[] | 'all',
): Promise<readonly string[]> {
  if (scope !== 'all') return scope;
  return (await listBodies(db, null)).map((body) => body.id);
}
