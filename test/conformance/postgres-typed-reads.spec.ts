import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { comparePositions, START_OF_LOG } from '#event-store/port';
import { readUntil } from '../support/log-reads';
import { noted } from '../support/noted-events';
import { rowsReadBy } from '../support/query-plans';
import { DATABASES, openTestDatabase } from '../support/test-engine';

/**
 * Reading some event types on PostgreSQL and PGlite: a statement looks through the next events of
 * the log in its order, as a read of every event does, whatever PostgreSQL guesses of how many are
 * of the types. Before,
 * with no statistics, it sorted the whole rest of the log for every page.
 */
describe.each(DATABASES)('reading some event types of a long log (%s)', (kind) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await applyMigrations(db, eventStoreMigrations);
    store = new PostgresEventStore(db);
    // 300,000 of one type (written straight into the table, in one transaction), then one of
    // another; never analysed, as a log just loaded.
    await db.query(
      `INSERT INTO events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata,
                           body_id, body_seq, content_hash, previous_hash, chain_hash)
       SELECT gen_random_uuid(), 'other-' || n, 0, 'OtherNoted', 1, jsonb_build_object('n', n),
              '{"actor": "tester", "bodyId": "body-b", "recordedAt": "2026-12-03T00:00:00Z"}', 'body-b', n,
              'unchained', 'unchained', 'unchained'
         FROM generate_series(1, 300000) AS n`,
    );
    await store.append('rare-1', [noted('RareNoted', 0)], 'no_stream');
  }, 120_000);
  afterAll(() => dispose());

  it('reads a page of its types through the log order, not the whole log sorted', async () => {
    const explained = (via: { query: SqlDatabase['query'] }) =>
      new PostgresEventStore(Object.assign(Object.create(db) as SqlDatabase, { query: via.query }));
    const [page] = await rowsReadBy(db, (via) =>
      explained(via).readAllOfTypes({ after: START_OF_LOG, types: ['OtherNoted'], maxCount: 5000 }),
    );
    // A batch of the projector's size and the last event of the log (the bound), not 300,001 rows sorted.
    expect(page).toBeLessThanOrEqual(5001);
  });

  it('looks through as many events as a batch holds, says how far, and finds a rare type past them', async () => {
    const batch = await readUntil(
      () => store.readAll({ after: START_OF_LOG, maxCount: 5000 }),
      (batch) => batch.length === 5000,
    );
    let read = await readUntil(
      () => store.readAllOfTypes({ after: START_OF_LOG, types: ['RareNoted'], maxCount: 5000 }),
      (read) => comparePositions(read.readTo, batch.at(-1)!.position) >= 0,
    );
    expect(read).toEqual({ events: [], readTo: batch.at(-1)!.position });
    const found = [];
    for (let statements = 1; read.events.length === 0; statements++) {
      expect(statements).toBeLessThanOrEqual(200);
      read = await store.readAllOfTypes({ after: read.readTo, types: ['RareNoted'], maxCount: 5000 });
      found.push(...read.events);
    }
    expect(found.map((event) => event.streamId)).toEqual(['rare-1']);
    expect(read.readTo).toEqual(found[0].position);
  });
});
