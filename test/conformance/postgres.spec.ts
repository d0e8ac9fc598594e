import { applyMigrations } from '../../libs/database/src/migrations';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { eventStoreMigrations } from '../../libs/event-store/src/postgres/event-store.migrations';
import { describeWithPostgres, openTestPostgres } from '../support/databases';
import { eventStoreConformance } from './event-store.conformance';

describeWithPostgres('event store conformance: PostgreSQL adapter on a PostgreSQL server', () => {
  eventStoreConformance(async () => {
    const { db, dispose } = await openTestPostgres();
    await applyMigrations(db, eventStoreMigrations);
    return { store: new PostgresEventStore(db), dispose };
  });
});
