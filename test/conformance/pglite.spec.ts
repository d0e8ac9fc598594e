import { applyMigrations } from '#database/migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { openTestPglite } from '../support/databases';
import { eventStoreConformance } from './event-store.conformance';

describe('event store conformance: PostgreSQL adapter on embedded PGlite', () => {
  eventStoreConformance(async () => {
    const { db, dispose } = await openTestPglite();
    await applyMigrations(db, eventStoreMigrations);
    return { store: new PostgresEventStore(db), dispose };
  });
});
