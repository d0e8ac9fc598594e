import { applyMigrations } from '#database/migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { describeWithPostgres, openTestPostgres } from '../support/databases';
import { eventStoreConformance } from './event-store.conformance';

describeWithPostgres('event store conformance: PostgreSQL adapter on a PostgreSQL server', () => {
  eventStoreConformance(async () => {
    const { db, dispose } = await openTestPostgres();
    await applyMigrations(db, eventStoreMigrations);
    return { store: new PostgresEventStore(db), dispose };
  });
});
