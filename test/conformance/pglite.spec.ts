import { applyMigrations } from '../../libs/database/src/migrations';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { eventStoreMigrations } from '../../libs/event-store/src/postgres/event-store.migrations';
import { openTestPglite } from '../support/databases';
import { eventStoreConformance } from './event-store.conformance';

describe('event store conformance: PostgreSQL adapter on embedded PGlite', () => {
  eventStoreConformance(async () => {
    const { db, dispose } = await openTestPglite();
    await applyMigrations(db, eventStoreMigrations);
    return { store: new PostgresEventStore(db), dispose };
  });
});
