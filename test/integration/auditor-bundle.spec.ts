import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportCommand } from '../../apps/cli/src/commands/export';
import { importCommand } from '../../apps/cli/src/commands/import';
import { DATABASES, startTestApi, TestApi, testConfig } from '../support/test-engine';

const WORK_PLAN = join(__dirname, '..', 'fixtures', 'import', 'work-plan-2017-18.csv');

/** Unzips a bundle into a folder of its own, as an auditor would. */
async function unzipped(zipFile: string, into: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(zipFile));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    mkdirSync(dirname(join(into, name)), { recursive: true });
    writeFileSync(join(into, name), await entry.async('nodebuffer'));
  }
  return into;
}

/** Runs the verifier the bundle carries, with Node alone: its output and whether it passed. */
function verify(folder: string): { passed: boolean; said: string } {
  try {
    return {
      passed: true,
      said: execFileSync(process.execPath, ['verify-bundle.mjs'], { cwd: folder }).toString(),
    };
  } catch (error) {
    return { passed: false, said: String((error as { stdout?: Buffer }).stdout ?? error) };
  }
}

describe.each(DATABASES)('the auditor’s bundle (%s)', (kind) => {
  let api: TestApi;
  let dir: string;
  const config = testConfig();

  beforeAll(async () => {
    api = await startTestApi(kind);
    dir = mkdtempSync(join(tmpdir(), 'governance-bundle-'));
    await importCommand(['actions', WORK_PLAN, '--plan', 'Work plan 2017-18', '--partial'], config, {
      engine: api.engine,
    });
    const other = await api
      .http()
      .post('/api/actions')
      .set({ Authorization: `Bearer ${api.token('olly', 'secretary', ['other-body'])}` })
      .send({
        bodyId: 'other-body',
        ref: 'X1',
        plan: 'Elsewhere',
        title: 'Another body’s action',
        dueDate: 'TBC',
      });
    expect([201, 404]).toContain(other.status); // the other body may not be registered: either way, none of it is ours
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every event of the body with its chain, the registers and a manifest, and verifies from its own files', async () => {
    const out = join(dir, 'bundle.zip');
    const said = await exportCommand(['bundle', out], config, { engine: api.engine });
    expect(said).toMatch(/bundle.zip: the auditor's bundle of default, \d+ events, chain head [0-9a-f]{64}/);
    const folder = await unzipped(out, join(dir, 'bundle'));
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((file: { name: string }) => file.name)).toEqual([
      'events.jsonl',
      'registers/actions.csv',
      'registers/decisions.csv',
      'verification.json',
      'README.txt',
      'verify-bundle.mjs',
    ]);
    const events = readFileSync(join(folder, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events).toHaveLength(manifest.events);
    expect(events.every((event) => event.metadata.bodyId === 'default')).toBe(true);
    expect(events.filter((event) => event.metadata.imported).length).toBeGreaterThan(5);
    // The verifier's chain is the engine's own: its head is the audit trail's last link.
    const [last] = await api.engine.db.query<{ chain_hash: string }>(
      `SELECT chain_hash FROM audit_trail WHERE body_id = 'default' ORDER BY body_seq DESC LIMIT 1`,
    );
    expect(manifest.chainHead).toBe(last.chain_hash);
    expect(JSON.parse(readFileSync(join(folder, 'verification.json'), 'utf8'))).toMatchObject({
      verified: true,
      store: { verified: true, eventsChecked: manifest.events },
      publicKey: expect.stringContaining('BEGIN PUBLIC KEY'),
    });
    expect(readFileSync(join(folder, 'registers/actions.csv'), 'utf8')).toContain(
      'Develop crime reduction campaign',
    );
    expect(readFileSync(join(folder, 'README.txt'), 'utf8')).toContain('node verify-bundle.mjs');
    expect(verify(folder)).toEqual({
      passed: true,
      said: expect.stringMatching(/^VERIFIED: 6 files match the manifest; \d+ events follow/),
    });
  });

  it('tells an auditor which line was altered, and that a file no longer matches its manifest', async () => {
    const out = join(dir, 'bundle-to-alter.zip');
    await exportCommand(['bundle', out], config, { engine: api.engine });
    const folder = await unzipped(out, join(dir, 'altered'));
    const lines = readFileSync(join(folder, 'events.jsonl'), 'utf8').split('\n');
    const third = JSON.parse(lines[2]);
    third.metadata.actor = 'someone else';
    lines[2] = JSON.stringify(third);
    writeFileSync(join(folder, 'events.jsonl'), lines.join('\n'));
    const { passed, said } = verify(folder);
    expect(passed).toBe(false);
    expect(said).toContain('events.jsonl: SHA-256 is');
    expect(said).toContain(`events.jsonl line 3 (event ${third.eventId}`);

    const removed = await unzipped(out, join(dir, 'removed'));
    const kept = readFileSync(join(removed, 'events.jsonl'), 'utf8').split('\n');
    writeFileSync(join(removed, 'events.jsonl'), [...kept.slice(0, 4), ...kept.slice(5)].join('\n'));
    expect(verify(removed).said).toContain('events.jsonl line 5');
  });

  it('holds the events recorded in a range, chained from the link before it', async () => {
    const out = join(dir, 'bundle-later.zip');
    const said = await exportCommand(['bundle', out, '--from', '2099-01-01'], config, { engine: api.engine });
    expect(said).toContain('0 events');
    const folder = await unzipped(out, join(dir, 'later'));
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.previousChainHash).toBe(manifest.chainHead);
    expect(verify(folder).passed).toBe(true);
    await expect(
      exportCommand(['bundle', out, '--to', '31/03/2018'], config, { engine: api.engine }),
    ).rejects.toThrow('--to "31/03/2018" is not a day: write it as 2017-04-01');
  });
});
