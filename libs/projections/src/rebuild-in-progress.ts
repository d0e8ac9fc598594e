import { Migration } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';

/**
 * While a rebuild replays the log, read models show the past (a reminder sent in 2018 is pending
 * again until the replay reaches its record), so nothing may act on them: a rebuild marks itself
 * here, and reminder delivery in every process waits. A rebuild that died stops counting once
 * its heartbeat is two minutes old.
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
];

/** SQL that holds while no rebuild is replaying the log. */
export const NO_REBUILD_RUNNING = `NOT EXISTS (
  SELECT 1 FROM rebuild_in_progress WHERE heartbeat_at > now() - interval '2 minutes')`;

export async function markRebuildStarted(tx: SqlQueryable): Promise<void> {
  await tx.query(
    `INSERT INTO rebuild_in_progress (rebuild) VALUES ('projections')
     ON CONFLICT (rebuild) DO UPDATE SET started_at = now(), heartbeat_at = now()`,
  );
}

export async function markRebuildAlive(db: SqlQueryable): Promise<void> {
  await db.query("UPDATE rebuild_in_progress SET heartbeat_at = now() WHERE rebuild = 'projections'");
}

export async function markRebuildFinished(db: SqlQueryable): Promise<void> {
  await db.query("DELETE FROM rebuild_in_progress WHERE rebuild = 'projections'");
}
