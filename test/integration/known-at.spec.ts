import pino from 'pino';
import { KnownAtReadModels } from '#engine/known-at';
import { actionApi, seedAction } from '../support/action-api';
import { DATABASES } from '../support/test-engine';

describe.each(DATABASES)('the read models as known at an instant, replayed (%s)', (kind) => {
  let now = new Date('2017-10-05T09:00:00Z');
  let harness: Awaited<ReturnType<typeof actionApi>>;
  let actionId: string;
  // Other tests replay beside this one on PostgreSQL: each replay is told by its own schema's name.
  const schemaOf = async (db: { query: typeof harness.api.engine.db.query }) =>
    (await db.query<{ name: string }>('SELECT current_schema() AS name'))[0].name;
  const exists = async (schema: string) =>
    (await harness.api.engine.db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).length > 0;
  const statusIn = async (db: { query: typeof harness.api.engine.db.query }) =>
    (
      await db.query<{ status: string | null }>('SELECT status FROM action_register WHERE action_id = $1', [
        actionId,
      ])
    )[0]?.status;
  const replays = (options = {}) =>
    new KnownAtReadModels(
      harness.api.engine.db,
      harness.api.engine.store,
      pino({ level: 'silent' }),
      () => now,
      options,
    );

  beforeAll(async () => {
    harness = await actionApi(kind, () => now);
    actionId = (await harness.create(seedAction('K01'))).id;
    const status = (value: string, expectedVersion: number) =>
      harness.api
        .http()
        .post(`/api/actions/${actionId}/status`)
        .set(harness.auth(harness.officer))
        .send({ status: value, commentary: value, effectiveDate: '2017-09-30', expectedVersion })
        .expect(200);
    await status('GREEN', 1);
    now = new Date('2017-10-10T16:00:00Z');
    await status('RED', 2);
    now = new Date('2017-11-01T09:00:00Z');
  });
  afterAll(() => harness?.api.close());

  it('reads the live read models when no instant is asked, or one not yet past', async () => {
    const known = replays();
    expect(await known.at(undefined)).toBe(harness.api.engine.db);
    expect(await known.at('2030-01-01T00:00:00Z')).toBe(harness.api.engine.db);
    await known.close();
  });

  it('replays what was recorded by the instant, keeps it for the next read, and drops it at close', async () => {
    const known = replays();
    const then = await known.at('2017-10-06T00:00:00Z');
    expect(await statusIn(then)).toBe('GREEN');
    expect(await statusIn(harness.api.engine.db)).toBe('RED');
    expect(await known.at('2017-10-06T00:00:00.000Z')).toBe(then);
    const earlier = await known.at('2017-10-01T00:00:00Z');
    expect(await statusIn(earlier)).toBeUndefined();
    const made = [await schemaOf(then), await schemaOf(earlier)];
    expect(made[0]).toMatch(/^known_at_\d+_[0-9a-f]{8}$/);
    expect(new Set(made).size).toBe(2);
    await known.close();
    for (const schema of made) expect(await exists(schema)).toBe(false);
  });

  it('replays an instant less than a minute past afresh, but once for the reads of one request', async () => {
    const justNow = new Date(now.getTime() - 10_000).toISOString();
    const shared = replays();
    const [first, second] = await Promise.all([shared.at(justNow), shared.at(justNow)]);
    expect(second).toBe(first);
    expect(await shared.at(justNow)).toBe(first);
    await shared.close();
    const afresh = replays({ unsettledSharedMs: 0, dropAfterMs: 0 });
    const once = await afresh.at(justNow);
    const again = await afresh.at(justNow);
    expect(again).not.toBe(once);
    expect(await statusIn(again)).toBe('RED');
    await afresh.close();
  });

  it('keeps only as many replays as it is told, dropping the least used', async () => {
    const known = replays({ kept: 1, dropAfterMs: 0 });
    const first = await schemaOf(await known.at('2017-10-06T00:00:00Z'));
    const second = await schemaOf(await known.at('2017-10-11T00:00:00Z'));
    expect([await exists(first), await exists(second)]).toEqual([false, true]);
    expect(await statusIn(await known.at('2017-10-11T00:00:00Z'))).toBe('RED');
    await known.close();
    expect(await exists(second)).toBe(false);
  });

  it('drops replays an engine left behind a day ago, and leaves those being read', async () => {
    const abandoned = 'known_at_1000000000_abcd1234';
    const fresh = `known_at_${Math.floor(Date.now() / 1000)}_abcd1234`;
    for (const name of [abandoned, fresh]) await harness.api.engine.db.query(`CREATE SCHEMA "${name}"`);
    await replays().dropAbandoned();
    expect([await exists(abandoned), await exists(fresh)]).toEqual([false, true]);
    await harness.api.engine.db.query(`DROP SCHEMA "${fresh}"`);
  });
});
