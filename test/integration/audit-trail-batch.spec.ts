import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { NewEvent } from '#event-store/port';
import { auditTrailProjection } from '#projections/audit-trail/audit-trail.projection';
import { openTestPglite, TestDatabase } from '../support/databases';

const noted = (bodyId: string, n: number): NewEvent => ({
  id: randomUUID(),
  type: 'ThingNoted',
  schemaVersion: 1,
  data: { n, reason: `because ${n}` },
  metadata: { actor: 'tester', bodyId, recordedAt: new Date().toISOString() },
});

describe('the audit trail applied a batch at a time', () => {
  let one: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    one = await openTestPglite();
    other = await openTestPglite();
  });
  afterAll(async () => {
    await one?.dispose();
    await other?.dispose();
  });

  it('writes the same entries, numbers and chain as applying one event at a time', async () => {
    const store = new PostgresEventStore(one.db);
    for (let i = 0; i < 10; i++)
      await store.append(
        `thing-${i}`,
        [noted('body-a', i), noted('body-b', i), noted('body-a', i + 100)],
        'no_stream',
      );
    const events = await store.readAll({ maxCount: 1000 });
    const rows = (db: TestDatabase) =>
      db.db.query(
        `SELECT body_id, body_seq::integer AS seq, event_id, chain_hash, summary, reason, recorded_at
           FROM audit_trail ORDER BY body_id, body_seq`,
      );
    await one.db.transaction(async (tx) => {
      for (const event of events) await auditTrailProjection.apply(tx, event);
    });
    await other.db.transaction(async (tx) => {
      await auditTrailProjection.applyBatch!(tx, events.slice(0, 7));
      await auditTrailProjection.applyBatch!(tx, events.slice(7));
    });
    const byOne = await rows(one);
    expect(byOne).toHaveLength(30);
    expect(byOne.filter((row) => row.body_id === 'body-a').map((row) => row.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await rows(other)).toEqual(byOne);
  });
});
