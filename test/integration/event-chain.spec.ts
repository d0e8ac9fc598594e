import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { CHAIN_START, contentHashOf, linkHash } from '#event-store/chain/event-chain';
import { newChainSigningKey } from '#event-store/chain/chain-checkpoint';
import { NewEvent, WrongExpectedRevisionError } from '#event-store/port';
import { EventChains } from '#event-store/postgres/event-chain';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import {
  contentHashOfRow,
  STORED_EVENT_COLUMNS,
  StoredEventRow,
} from '#event-store/postgres/stored-event-row';
import { ALL_MIGRATIONS } from '#projections';
import { DATABASES, openTestDatabase } from '../support/test-engine';
import { TestDatabase } from '../support/databases';

const event = (bodyId: string, type: string, data: unknown): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'secretary@north.gov.uk', bodyId, recordedAt: '2017-10-10T09:00:00.000Z' },
});

/** North: three actions of four events each, appended in turns; south: one action of five. */
async function recordTwoBodies(store: PostgresEventStore): Promise<void> {
  for (let round = 0; round < 4; round++) {
    for (const action of ['a', 'b', 'c']) {
      await store.append(
        `action-north-${action}`,
        [event('north', round === 0 ? 'ActionCreated' : 'ActionStatusSet', { round, action })],
        round === 0 ? 'no_stream' : round - 1,
      );
    }
  }
  await store.append(
    'action-south-a',
    [0, 1, 2, 3, 4].map((round) => event('south', 'ActionStatusSet', { round })),
    'no_stream',
  );
}

/** What an attacker with the database's owner role can do: switch off the engine's triggers. */
const asAttacker = (db: SqlDatabase) => db.query('ALTER TABLE events DISABLE TRIGGER USER');

const eventIdAt = async (db: SqlDatabase, bodyId: string, seq: number) =>
  (
    await db.query<{ event_id: string }>('SELECT event_id FROM events WHERE body_id = $1 AND body_seq = $2', [
      bodyId,
      seq,
    ])
  )[0].event_id;

/** Recomputes every hash of a body's chain from its rows as they now are, as a careful attacker would. */
async function rechain(db: SqlDatabase, bodyId: string): Promise<void> {
  const rows = await db.query<StoredEventRow & { global_position: string }>(
    `SELECT global_position::text, ${STORED_EVENT_COLUMNS} FROM events WHERE body_id = $1 ORDER BY body_seq`,
    [bodyId],
  );
  let previous = CHAIN_START;
  for (const [index, row] of rows.entries()) {
    const content = contentHashOfRow(row);
    const link = linkHash(previous, index + 1, row.stream_revision, content);
    await db.query(
      `UPDATE events SET body_seq = $2, content_hash = $3, previous_hash = $4, chain_hash = $5
        WHERE global_position = $1::bigint`,
      [row.global_position, index + 1, content, previous, link],
    );
    previous = link;
  }
  await db.query('UPDATE event_chains SET seq = $2, head = $3 WHERE body_id = $1', [
    bodyId,
    rows.length,
    previous,
  ]);
}

describe.each(DATABASES)('the store hash-chains each body’s events (%s)', (kind) => {
  let database: TestDatabase;
  let db: SqlDatabase;
  let store: PostgresEventStore;
  let chains: EventChains;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await applyMigrations(db, ALL_MIGRATIONS);
    store = new PostgresEventStore(db);
    chains = new EventChains(db, store, newChainSigningKey(), () => new Date('2017-10-11T08:00:00Z'));
    await recordTwoBodies(store);
  });
  afterEach(() => database.dispose());

  it('numbers each body’s events in its own chain, and a chain untouched verifies', async () => {
    expect(await chains.verify('north')).toMatchObject({
      verified: true,
      eventsChecked: 12,
      firstBreak: null,
    });
    expect(await chains.verify('south')).toMatchObject({
      verified: true,
      eventsChecked: 5,
      firstBreak: null,
    });
    const [row] = await db.query<{ body_seq: string; previous_hash: string }>(
      `SELECT body_seq::text, previous_hash FROM events WHERE stream_id = 'action-south-a' AND stream_revision = 0`,
    );
    expect(row).toEqual({ body_seq: '1', previous_hash: CHAIN_START });
  });

  it('finds an event whose data was changed, and says which', async () => {
    const target = await eventIdAt(db, 'north', 5);
    await asAttacker(db);
    await db.query(`UPDATE events SET data = '{"round":1,"action":"z"}' WHERE event_id = $1`, [target]);
    const result = await chains.verify('north');
    expect(result).toMatchObject({ verified: false, eventsChecked: 4 });
    expect(result.firstBreak).toMatchObject({ kind: 'altered', seq: 5, eventId: target });
    expect(result.firstBreak?.detail).toContain('data or metadata was changed');
  });

  it('finds an event moved to another stream revision', async () => {
    const target = await eventIdAt(db, 'north', 10);
    await asAttacker(db);
    await db.query('UPDATE events SET stream_revision = 40 WHERE event_id = $1', [target]);
    expect((await chains.verify('north')).firstBreak).toMatchObject({
      kind: 'altered',
      seq: 10,
      eventId: target,
    });
  });

  it('finds a deleted event, whether or not the later ones were renumbered', async () => {
    await asAttacker(db);
    await db.query(`DELETE FROM events WHERE body_id = 'north' AND body_seq = 7`);
    expect((await chains.verify('north')).firstBreak).toMatchObject({
      kind: 'deleted',
      seq: 7,
      eventId: null,
    });

    await db.query(`UPDATE events SET body_seq = body_seq - 1 WHERE body_id = 'north' AND body_seq > 7`);
    expect((await chains.verify('north')).firstBreak).toMatchObject({ kind: 'deleted', seq: 7 });
  });

  it('finds the last event deleted, by the chain’s recorded head', async () => {
    await asAttacker(db);
    await db.query(`DELETE FROM events WHERE body_id = 'north' AND body_seq = 12`);
    const result = await chains.verify('north');
    expect(result).toMatchObject({ verified: false, eventsChecked: 11 });
    expect(result.firstBreak).toMatchObject({ kind: 'deleted', seq: 12 });
  });

  it('finds an event inserted in the middle with links that look right, and one added at the end', async () => {
    await asAttacker(db);
    await db.query(`UPDATE events SET body_seq = body_seq + 1000 WHERE body_id = 'north' AND body_seq >= 5`);
    await db.query(`UPDATE events SET body_seq = body_seq - 999 WHERE body_id = 'north' AND body_seq > 1000`);
    const forged = event('north', 'ActionCreated', { forged: true });
    const [before] = await db.query<{ chain_hash: string }>(
      `SELECT chain_hash FROM events WHERE body_id = 'north' AND body_seq = 4`,
    );
    const content = contentHashOf({ ...forged, streamId: 'action-north-forged' });
    await db.query(
      `INSERT INTO events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata,
                           body_id, body_seq, content_hash, previous_hash, chain_hash)
       VALUES ($1, 'action-north-forged', 0, 'ActionCreated', 1, $2, $3, 'north', 5, $4, $5, $6)`,
      [
        forged.id,
        JSON.stringify(forged.data),
        JSON.stringify(forged.metadata),
        content,
        before.chain_hash,
        linkHash(before.chain_hash, 5, 0, content),
      ],
    );
    expect((await chains.verify('north')).firstBreak).toMatchObject({ kind: 'inserted', seq: 5 });

    await db.query(`DELETE FROM events WHERE event_id = $1`, [forged.id]);
    await db.query(`UPDATE events SET body_seq = body_seq - 1 WHERE body_id = 'north' AND body_seq > 5`);
    const extra = event('north', 'ActionCreated', { extra: true });
    await db.query(
      `INSERT INTO events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata,
                           body_id, body_seq, content_hash, previous_hash, chain_hash)
       VALUES ($1, 'action-north-extra', 0, 'ActionCreated', 1, $2, $3, 'north', 13, 'x', 'y', 'z')`,
      [extra.id, JSON.stringify(extra.data), JSON.stringify(extra.metadata)],
    );
    expect((await chains.verify('north')).firstBreak).toMatchObject({
      kind: 'inserted',
      seq: 13,
      eventId: extra.id,
    });
  });

  it('finds two events swapped in the chain', async () => {
    const fifth = await eventIdAt(db, 'north', 5);
    const sixth = await eventIdAt(db, 'north', 6);
    await asAttacker(db);
    await db.query(`UPDATE events SET body_seq = -1 WHERE event_id = $1`, [fifth]);
    await db.query(`UPDATE events SET body_seq = 5 WHERE event_id = $1`, [sixth]);
    await db.query(`UPDATE events SET body_seq = 6 WHERE event_id = $1`, [fifth]);
    expect((await chains.verify('north')).firstBreak).toMatchObject({
      kind: 'reordered',
      seq: 5,
      eventId: sixth,
    });
  });

  it('verifies one body without reading another’s events: south’s tampering leaves north verified', async () => {
    await asAttacker(db);
    await db.query(`UPDATE events SET data = '{"round":9}' WHERE body_id = 'south' AND body_seq = 2`);
    expect(await chains.verify('north')).toMatchObject({ verified: true, eventsChecked: 12 });
    expect((await chains.verify('south')).firstBreak).toMatchObject({ kind: 'altered', seq: 2 });
  });

  it('shows a chain recomputed after a change against the head the engine signed, stored or held elsewhere', async () => {
    const [signed] = await chains.signMovedHeads();
    expect(signed).toMatchObject({ bodyId: 'north', seq: 12 });
    expect(await chains.signMovedHeads()).toHaveLength(0); // nothing moved since
    expect(await chains.verify('north')).toMatchObject({
      verified: true,
      eventsChecked: 13,
      checkpointsChecked: 1,
    });

    await asAttacker(db);
    await db.query(
      `UPDATE events SET data = '{"round":0,"action":"z"}' WHERE body_id = 'north' AND body_seq = 3`,
    );
    await rechain(db, 'north');
    expect((await chains.verify('north')).firstBreak).toMatchObject({ kind: 'rewritten', seq: 12 });

    // The signed head itself removed as well: the chain reads whole, but not against a copy held elsewhere.
    await db.query(`DELETE FROM events WHERE body_id = 'north' AND event_type = 'ChainHeadSigned'`);
    await rechain(db, 'north');
    expect(await chains.verify('north')).toMatchObject({ verified: true });
    const result = await chains.verify('north', { heldHeads: [signed] });
    expect(result.firstBreak).toMatchObject({ kind: 'rewritten', seq: 12 });
    expect(result.firstBreak?.detail).toContain('events at or before it were changed');
  });

  it('refuses a signed head whose signature the engine’s key did not make', async () => {
    const [signed] = await chains.signMovedHeads();
    const forged = { ...signed, head: 'f'.repeat(64) };
    const result = await chains.verify('north', { heldHeads: [forged] });
    expect(result.firstBreak).toMatchObject({ kind: 'rewritten', seq: 12 });
    expect(result.firstBreak?.detail).toContain('did not make');
  });

  it('keeps one chain while appends to a body run side by side, alone and in transactions of several streams', async () => {
    const streams = Array.from({ length: 6 }, (_, index) => `action-north-busy${index}`);
    const single = Promise.all(
      streams.map(async (streamId) => {
        for (let round = 0; round < 10; round++)
          await store.append(streamId, [event('north', 'ActionStatusSet', { round })], 'any');
      }),
    );
    // Each transaction reads three of the same streams and writes to them; a refusal (another
    // append got there first) is tried again, as the importer's caller would. No deadlock may occur.
    const together = (async () => {
      for (let round = 0; round < 5; round++) {
        for (;;) {
          try {
            await store.inOneTransaction(async (tx) => {
              const read = await tx.readStreams(streams.slice(0, 3));
              await tx.append(
                [...read].map(([streamId, events]) => ({
                  streamId,
                  events: [event('north', 'ActionProgressRecorded', { round })],
                  expectedRevision: events.length === 0 ? 'no_stream' : events[events.length - 1].revision,
                })),
              );
            });
            break;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
          }
        }
      }
    })();
    await Promise.all([single, together]);
    expect(await chains.verify('north')).toMatchObject({ verified: true, eventsChecked: 12 + 60 + 15 });
  });
});

describe.each(DATABASES)('events stored before the chain existed (%s)', (kind) => {
  it('are chained in log order by the migration that brings the chain', async () => {
    const database = await openTestDatabase(kind);
    try {
      const { db } = database;
      if (kind === 'pglite') {
        await db.query('DROP TABLE events, streams, event_chains CASCADE');
        await db.query(`DELETE FROM schema_migrations WHERE id IN ('0001_event_store', '0003_event_chain')`);
        await db.query('DROP FUNCTION chain_links, events_are_immutable');
      }
      await applyMigrations(
        db,
        ALL_MIGRATIONS.filter((migration) => migration.id === '0001_event_store'),
      );
      const earlier = [
        event('north', 'ActionCreated', { n: 1 }),
        event('south', 'ActionCreated', { n: 2 }),
        event('north', 'ActionStatusSet', { n: 3 }),
      ];
      for (const [index, each] of earlier.entries())
        await db.query(
          `INSERT INTO events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata)
           VALUES ($1, $2, $3, $4, 1, $5, $6)`,
          [
            each.id,
            index === 1 ? 'action-s' : 'action-n',
            index === 2 ? 1 : 0,
            each.type,
            JSON.stringify(each.data),
            JSON.stringify(each.metadata),
          ],
        );
      await db.query(`INSERT INTO streams VALUES ('action-n', 1), ('action-s', 0)`);

      expect(await applyMigrations(db, ALL_MIGRATIONS)).toContain('0003_event_chain');
      const store = new PostgresEventStore(db);
      await store.append('action-n', [event('north', 'ActionCompleted', { n: 4 })], 1);
      const chains = new EventChains(db, store, newChainSigningKey(), () => new Date());
      expect(await chains.verify('north')).toMatchObject({ verified: true, eventsChecked: 3 });
      expect(await chains.verify('south')).toMatchObject({ verified: true, eventsChecked: 1 });
      const order = await db.query<{ event_id: string }>(
        `SELECT event_id FROM events WHERE body_id = 'north' ORDER BY body_seq LIMIT 2`,
      );
      expect(order.map((row) => row.event_id)).toEqual([earlier[0].id, earlier[2].id]);
    } finally {
      await database.dispose();
    }
  });
});
