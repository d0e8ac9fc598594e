import { Migration } from '#database/migrations';

/**
 * Rebuilds used to replay the log into the live read models, which showed the past meanwhile, so a
 * rebuild marked itself here and reminder delivery waited. A rebuild now builds fresh tables and
 * swaps them in caught up (`rebuildWithSwap`): the live read models never show the past, and the
 * mark is gone.
 */
export const rebuildMigrations: Migration[] = [
  {
    id: '0021_rebuild_in_progress',
    sql: `
      CREATE TABLE rebuild_in_progress (
        rebuild text PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: '0124_rebuild_swaps_tables',
    sql: `DROP TABLE rebuild_in_progress;`,
  },
];
