import { randomBytes } from 'node:crypto';
import { replayCommand } from '../../apps/cli/src/commands/replay';
import { rebuildWithSwap } from '#engine/rebuild-swap';
import { actionApi, seedAction } from '../support/action-api';
import { DATABASES, testConfig } from '../support/test-engine';

/** Tables that are not read models: where readers stand, which log the engine holds to, the replay's own. */
const NOT_READ_MODELS = [
  'schema_migrations',
  'projection_checkpoints',
  'parked_events',
  'event_log_kind',
  'replay',
];

describe.each(DATABASES)(
  'replaying the log into a schema of its own, as it stood at an instant (%s)',
  (kind) => {
    let now = new Date('2017-10-05T09:00:00Z');
    let harness: Awaited<ReturnType<typeof actionApi>>;
    const config = testConfig();
    // PostgreSQL's schemas outlive a test's: each run names its own, and drops them.
    const run = randomBytes(4).toString('hex');
    const asKnownSchema = `audit_2017q2_${run}`;
    const nowSchema = `replay_now_${run}`;
    const replay = (...args: string[]) => replayCommand(args, config, { engine: harness.api.engine });
    const sql = <Row>(text: string) => harness.api.engine.db.query<Row>(text);

    beforeAll(async () => {
      harness = await actionApi(kind, () => now);
      const { api, auth, officer, create } = harness;
      const action = await create(seedAction('7C09'));
      const status = (body: object) =>
        api.http().post(`/api/actions/${action.id}/status`).set(auth(officer)).send(body).expect(200);
      await status({
        status: 'GREEN',
        commentary: 'On track',
        effectiveDate: '2017-09-30',
        expectedVersion: 1,
      });
      // Recorded late, on 10 October: Q2 was Red after all.
      now = new Date('2017-10-10T16:00:00Z');
      await status({
        status: 'RED',
        commentary: 'Budget withdrawn',
        effectiveDate: '2017-09-30',
        expectedVersion: 2,
      });
      await api.engine.projector.waitFor(
        (await api.engine.store.readAll({ maxCount: 100_000 })).at(-1)!.position,
      );
    });
    afterAll(async () => {
      for (const schema of [asKnownSchema, nowSchema])
        await harness?.api.engine.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await harness?.api.close();
    });

    it('builds the read models as known at the instant, leaving the live ones as they are', async () => {
      const said = await replay('--until', '2017-10-06T00:00:00Z', '--schema', asKnownSchema);
      expect(said).toContain(
        `Read models as they stood at 2017-10-06T00:00:00.000Z are in schema ${asKnownSchema}`,
      );
      expect(said).toMatch(/Tables: .*action_register.*audit_trail/);
      const asKnown = await sql<{ status: string }>(
        `SELECT status FROM ${asKnownSchema}.action_register WHERE ref = '7C09'`,
      );
      const live = await sql<{ status: string }>(`SELECT status FROM action_register WHERE ref = '7C09'`);
      expect([asKnown[0].status, live[0].status]).toEqual(['GREEN', 'RED']);
      const [counts] = await sql<{ then: number; today: number }>(
        `SELECT (SELECT count(*)::integer FROM ${asKnownSchema}.audit_trail) AS then,
              (SELECT count(*)::integer FROM audit_trail) AS today`,
      );
      expect(counts.then).toBe(counts.today - 1);
      const [info] = await sql<{ events: number }>(`SELECT events::integer FROM ${asKnownSchema}.replay`);
      expect(info.events).toBe(counts.then);
    });

    it('replayed to now, every read model equals the live one, table by table', async () => {
      await replay('--until', '2030-01-01T00:00:00Z', '--schema', nowSchema);
      const tables = (
        await sql<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = '${nowSchema}' ORDER BY table_name`,
        )
      )
        .map((row) => row.table_name)
        .filter((name) => !NOT_READ_MODELS.includes(name));
      expect(tables).toEqual(
        expect.arrayContaining(['action_register', 'audit_trail', 'decisions', 'rag_history']),
      );
      const differences: Record<string, number> = {};
      for (const table of tables) {
        const [{ differ }] = await sql<{ differ: number }>(
          `SELECT ((SELECT count(*) FROM (SELECT * FROM ${nowSchema}.${table} EXCEPT ALL SELECT * FROM ${table}) a) +
                 (SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT ALL SELECT * FROM ${nowSchema}.${table}) b))::integer
                 AS differ`,
        );
        differences[table] = differ;
      }
      expect(differences).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
    });

    it('rebuilds into fresh tables while the live ones serve, swaps them in, and the live applier reads on from there', async () => {
      const { api, auth, secretary, create } = harness;
      const listed = async () =>
        (await api.http().get('/api/actions').query({ limit: 100 }).set(auth(secretary)).expect(200)).body
          .items.length as number;
      const rows = () => sql('SELECT * FROM action_register ORDER BY action_id');
      const trail = () => sql('SELECT * FROM audit_trail ORDER BY body_id, body_seq');
      const [actions, registerBefore, trailBefore] = [await listed(), await rows(), await trail()];
      let rebuilding = true;
      const answers: number[] = [];
      const reading = (async () => {
        while (rebuilding) answers.push(await listed());
      })();
      const summary = await rebuildWithSwap(api.engine.db, api.engine.store, api.engine.log);
      rebuilding = false;
      await reading;
      expect(answers.length).toBeGreaterThan(0);
      expect(new Set(answers)).toEqual(new Set([actions])); // never a partial register
      expect(summary.tables).toEqual(
        expect.arrayContaining(['action_register', 'audit_trail', 'rag_counts']),
      );
      expect(await rows()).toEqual(registerBefore);
      expect(await trail()).toEqual(trailBefore);
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::integer AS count FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`,
      );
      expect(count).toBe(0);
      await create(seedAction('7C10'));
      expect(await listed()).toBe(actions + 1);
    });

    it('refuses a schema that exists, a name it cannot use, and an instant it cannot read', async () => {
      await expect(replay('--until', '2017-10-06', '--schema', asKnownSchema)).rejects.toThrow(
        `schema ${asKnownSchema} exists already`,
      );
      await expect(replay('--until', '2017-10-06', '--schema', 'Audit; DROP')).rejects.toThrow(
        'must be a new name of lower-case letters, digits and _',
      );
      await expect(replay('--until', 'last Tuesday', '--schema', 'x')).rejects.toThrow(
        '--until "last Tuesday" is not an instant',
      );
    });
  },
);
