import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainCommand, verifyCommand } from '../../apps/cli/src/commands/chain';
import { importCommand } from '../../apps/cli/src/commands/import';
import { DATABASES, startTestApi, TestApi, testConfig } from '../support/test-engine';

const THEME_SEVEN = join(__dirname, '..', 'fixtures', 'import', 'theme-7-2017-q2.csv');

describe.each(DATABASES)('npm run cli -- verify and chain (%s)', (kind) => {
  let api: TestApi;
  let dir: string;
  const config = testConfig();
  const run = (command: typeof verifyCommand | typeof chainCommand, args: string[]) =>
    command(args, config, { engine: api.engine });

  beforeAll(async () => {
    api = await startTestApi(kind);
    dir = mkdtempSync(join(tmpdir(), 'governance-verify-'));
    await importCommand(['actions', THEME_SEVEN, '--plan', 'Theme 7 2017-18'], config, {
      engine: api.engine,
    });
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs the heads that moved, prints them to hold elsewhere, and verifies against them', async () => {
    const signed = JSON.parse((await run(chainCommand, ['sign'])) as string);
    expect(signed).toEqual([expect.objectContaining({ bodyId: 'default', signature: expect.any(String) })]);
    expect(JSON.parse((await run(chainCommand, ['sign'])) as string)).toEqual([]);
    const heads = (await run(chainCommand, ['heads', '--body', 'default'])) as string;
    expect(JSON.parse(heads)).toEqual(signed);
    expect(await run(chainCommand, ['key'])).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const held = join(dir, 'heads.json');
    writeFileSync(held, heads);
    const { report, broken } = await verifyCommand(['--against', held], config, { engine: api.engine });
    expect(broken).toBe(false);
    expect(report).toMatch(
      /^default: chain verified \(\d+ events, 2 signed heads, \d+ events\/s\); head [0-9a-f]{64}$/m,
    );
    expect(report).toMatch(/^default: audit trail follows from the log \(\d+ entries\)$/m);
  });

  it('says where a chain breaks and what happened, and exits as broken', async () => {
    const [victim] = await api.engine.db.query<{ event_id: string; seq: string }>(
      `SELECT event_id, body_seq::text AS seq FROM events
        WHERE body_id = 'default' AND event_type = 'ActionProgressRecorded' ORDER BY body_seq LIMIT 1`,
    );
    await api.engine.db.query('ALTER TABLE events DISABLE TRIGGER USER');
    await api.engine.db.query(
      `UPDATE events SET data = jsonb_set(data, '{note}', '"all on track"') WHERE event_id = $1`,
      [victim.event_id],
    );
    await api.engine.db.query('ALTER TABLE events ENABLE TRIGGER USER');
    const { report, broken } = await verifyCommand(['--body', 'default'], config, { engine: api.engine });
    expect(broken).toBe(true);
    expect(report).toContain(
      `default: chain BROKEN at event ${victim.seq} (${victim.event_id}): altered: event ${victim.event_id}`,
    );
  });

  it('refuses a file of held heads it cannot read, saying why', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"not": "a head"}');
    await expect(verifyCommand(['--against', bad], config, { engine: api.engine })).rejects.toThrow(
      /--against .*bad.json: not the signed heads "chain heads" prints/,
    );
    await expect(run(chainCommand, ['publish'])).rejects.toThrow(/say sign, heads or key/);
  });
});
