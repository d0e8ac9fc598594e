import { accessMigrations } from '#access/access.migrations';
import { subscriptionMigrations } from '#application/subscriptions/subscriptions.migrations';
import { Migration } from '#database/migrations';
import { ALL_MIGRATIONS } from '#projections';

/** Every schema change of the engine's database: the log, the read models, sign-in's tables, subscribers'. */
export const ENGINE_MIGRATIONS: readonly Migration[] = [
  ...ALL_MIGRATIONS,
  ...accessMigrations,
  ...subscriptionMigrations,
];
