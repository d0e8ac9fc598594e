import { SqlDatabase, SqlTransaction } from './sql-database';

/** A numbered schema change; `id` sorts in the order changes must apply (0001_..., 0002_...). */
export interface Migration {
  readonly id: string;
  readonly sql: string;
  /** Work SQL alone cannot do (hashes the engine computes), run after `sql` in the same transaction. */
  readonly then?: (tx: SqlTransaction) => Promise<void>;
}

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK = 7_340_021;

/** Applies the migrations not yet applied, in one transaction (a failure applies none), one migrator at a time. */
export async function applyMigrations(db: SqlDatabase, migrations: readonly Migration[]): Promise<string[]> {
  const ordered = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  const ids = new Set<string>();
  for (const migration of ordered) {
    if (ids.has(migration.id)) throw new Error(`two migrations share the id ${migration.id}`);
    ids.add(migration.id);
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((row) => row.id),
    );
    const newlyApplied: string[] = [];
    for (const migration of ordered) {
      if (applied.has(migration.id)) continue;
      await tx.execScript(migration.sql);
      if (migration.then) await migration.then(tx);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      newlyApplied.push(migration.id);
    }
    return newlyApplied;
  });
}
