import { SqlQueryable } from '#database/sql-database';
import { JsonRows } from '../json-rows';

/**
 * Counts kept for the RAG report as at any date: each current entry counts for its status from the
 * day both it and its action are in effect (the later of its date and the action's creation) until
 * the next entry's date; each action counts in its plan's population from its creation. The rows
 * hold only the changes (+1, −1) per plan, theme, status and day, so a count as at a date sums a few
 * hundred rows instead of scanning every entry.
 */
export interface Contribution {
  status: string;
  from_on: string;
  until_on: string | null;
  body_id: string;
  plan: string;
  theme_key: string;
}

/** The population's pseudo-status: how many actions a plan held by a date. */
export const POPULATION = 'POPULATION';

/** An entry's contribution, from its row: its status, and from and until when it counts. */
export const contributionColumns = (until = 'effective_until') =>
  `CASE WHEN kind = 'cancelled' THEN 'CANCELLED' ELSE status END AS status,
   greatest(created_on, effective_on)::text AS from_on, ${until}::text AS until_on,
   body_id, plan, coalesce(theme, '') AS theme_key`;

/**
 * Adds to the counts what `after` contributes and takes away what `before` did (an action's
 * population is a contribution from its creation on, with no end).
 */
export async function countChanges(
  tx: SqlQueryable,
  before: readonly Contribution[],
  after: readonly Contribution[],
): Promise<void> {
  const deltas = new Map<
    string,
    { row: Omit<Contribution, 'from_on' | 'until_on'>; on: string; delta: number }
  >();
  const add = (entry: Contribution, sign: number) => {
    if (entry.until_on !== null && entry.until_on <= entry.from_on) return; // never in effect
    const { status, body_id, plan, theme_key } = entry;
    for (const [on, delta] of [
      [entry.from_on, sign],
      [entry.until_on, -sign],
    ] as const) {
      if (on === null) continue;
      const key = [status, on, body_id, plan, theme_key].join('\u0000');
      const known = deltas.get(key) ?? { row: { status, body_id, plan, theme_key }, on, delta: 0 };
      deltas.set(key, { ...known, delta: known.delta + delta });
    }
  };
  for (const entry of before) add(entry, -1);
  for (const entry of after) add(entry, +1);
  const changes = [...deltas.values()].filter((change) => change.delta !== 0);
  if (changes.length > 0)
    await addCounts(
      tx,
      changes.map(({ row, on, delta }) => ({ ...row, on, delta })),
    );
}

const COUNTS = new JsonRows<{
  body_id: string;
  plan: string;
  theme_key: string;
  status: string;
  on_date: string;
  delta: number;
}>('body_id text, plan text, theme_key text, status text, on_date date, delta integer');

async function addCounts(
  tx: SqlQueryable,
  changes: readonly {
    status: string;
    on: string;
    delta: number;
    body_id: string;
    plan: string;
    theme_key: string;
  }[],
): Promise<void> {
  const rows = COUNTS.json(changes.map(({ on, ...change }) => ({ ...change, on_date: on })));
  await tx.query(
    `INSERT INTO rag_counts (${COUNTS.names})
     SELECT ${COUNTS.names} FROM ${COUNTS.relation('$1', 'c')}
     ON CONFLICT (body_id, plan, theme_key, status, on_date) DO UPDATE SET delta = rag_counts.delta + EXCLUDED.delta`,
    [rows],
  );
  // A change undone by a later batch leaves no row, as a replay that sees both at once leaves none:
  // a rebuilt table equals the live one, row for row.
  await tx.query(
    `DELETE FROM rag_counts r USING ${COUNTS.relation('$1', 'c')}
      WHERE r.delta = 0 AND r.body_id = c.body_id AND r.plan = c.plan AND r.theme_key = c.theme_key
        AND r.status = c.status AND r.on_date = c.on_date`,
    [rows],
  );
}
