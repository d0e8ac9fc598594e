import { SqlQueryable } from '#database/sql-database';

/** The `n`th of the ids the plan tests fill tables with. */
export const numberedId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** The same id in SQL, of the integer expression `n` (a generate_series column). */
export const numberedIdSql = (n: string) => `('00000000-0000-4000-8000-' || lpad(${n}::text, 12, '0'))`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** The rows a plan's scans of tables went through, kept or not. */
function rowsRead(node: PlanNode): number {
  const here = node['Relation Name']
    ? ((node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      (node['Actual Loops'] ?? 1)
    : 0;
  return here + (node.Plans ?? []).reduce((sum, plan) => sum + rowsRead(plan), 0);
}

/**
 * Runs every statement under EXPLAIN ANALYZE, keeping the plan PostgreSQL ran it by, then again
 * for its rows, which the code under test goes on with.
 */
function explaining(db: SqlQueryable, plans: PlanNode[]): SqlQueryable {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]> {
      // In the order the statements were asked for, though reads side by side may finish in another.
      const index = plans.push({ 'Node Type': 'not run yet' }) - 1;
      const [row] = await db.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${text}`,
        params,
      );
      const plan = row['QUERY PLAN'];
      plans[index] = (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
      return db.query<Row>(text, params);
    },
  } as SqlQueryable;
}

/** The rows each statement of `read` went through (in the order asked), run against `db` under EXPLAIN ANALYZE. */
export async function rowsReadBy(
  db: SqlQueryable,
  read: (db: SqlQueryable) => Promise<unknown>,
): Promise<number[]> {
  const plans: PlanNode[] = [];
  await read(explaining(db, plans));
  return plans.map(rowsRead);
}
