import { accessMigrations } from '#access/access.migrations';
import { Migration } from '#database/migrations';
import { ALL_MIGRATIONS } from '#projections';

/** Every schema change of the engine's database: the log, the read models, then sign-in's tables. */
export const ENGINE_MIGRATIONS: readonly Migration[] = [...ALL_MIGRATIONS, ...accessMigrations];
