import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { DATABASES, migratedDatabase } from '../support/test-engine';

/** The log hands out the instant each event was stored as milliseconds, not as text to parse. */
describe.each(DATABASES)('when an event was stored (%s)', (kind) => {
  const db = migratedDatabase(kind, eventStoreMigrations);

  it('reads as the stored instant to the millisecond, from the log and from its stream', async () => {
    const store = new PostgresEventStore(db());
    const streamId = `action-${randomUUID()}`;
    const metadata = { actor: 'tester', bodyId: 'default', recordedAt: new Date().toISOString() };
    await store.append(
      streamId,
      [1, 2, 3].map(() => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata })),
      'no_stream',
    );
    const stored = await db().query<{ event_id: string; at: string }>(
      `SELECT event_id::text, to_char(stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM events WHERE stream_id = $1`,
      [streamId],
    );
    const atOf = new Map(stored.map((row) => [row.event_id, row.at]));
    const fromLog = (await store.readAll()).filter((event) => event.streamId === streamId);
    const fromStream = await store.readStream(streamId);
    expect(fromLog).toHaveLength(3);
    for (const event of [...fromLog, ...fromStream]) {
      expect(event.storedAt).toBeInstanceOf(Date);
      expect(event.storedAt.toISOString()).toBe(atOf.get(event.id));
    }
  });
});
