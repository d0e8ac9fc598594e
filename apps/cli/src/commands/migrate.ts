import pino from 'pino';
import { applyMigrations } from '#database/migrations';
import { ENGINE_MIGRATIONS } from '#engine/engine-migrations';
import { EngineConfig } from '#engine/config';
import { openDatabase } from '#engine/engine';

export const migrateUsage =
  'migrate\n  Applies the numbered SQL migrations not yet applied (the API also does this at start-up).';

export async function migrateCommand(config: EngineConfig): Promise<string> {
  const db = await openDatabase(config, pino({ level: 'silent' }));
  try {
    const applied = await applyMigrations(db, ENGINE_MIGRATIONS);
    return applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date';
  } finally {
    await db.close();
  }
}
