import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { configFromEnvironment } from '../../apps/api/src/config';
import { openEngine } from '../../apps/api/src/engine';
import { rebuildCommand } from '../../apps/cli/src/commands/rebuild';
import { tokenCommand } from '../../apps/cli/src/commands/token';
import { ALL_PROJECTIONS } from '../../libs/projections/src';

describe('the command-line tool', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('issues a token the engine accepts, for the default body unless told otherwise', () => {
    const config = configFromEnvironment({ DATA_DIR: dataDir });
    const tokens = new TokenService(config.jwtSecret);
    expect(tokens.verify(tokenCommand(['--user', 'alice'], config))).toEqual({
      user: 'alice',
      role: 'secretary',
      bodies: ['default'],
    });
    expect(
      tokens.verify(tokenCommand(['--user', 'ada', '--role', 'auditor', '--body', 'a,b'], config)),
    ).toEqual({
      user: 'ada',
      role: 'auditor',
      bodies: ['a', 'b'],
    });
    expect(() => tokenCommand(['--user', 'x', '--role', 'clerk'], config)).toThrow(
      /--role "clerk" is not a role/,
    );
    expect(() => tokenCommand(['--user', 'x', '--body', '*'], config)).toThrow(/for admins only/);
    expect(() => tokenCommand([], config)).toThrow(/--user is required/);
  });

  it('rebuilds every projection from the log to the same rows', async () => {
    const config = configFromEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const engine = await openEngine(config, { log: pino({ level: 'silent' }), projectorIdleMs: 20 });
    const snapshot = () =>
      engine.db.query<{ event_id: string; chain_hash: string }>(
        'SELECT event_id, chain_hash FROM audit_trail ORDER BY seq',
      );
    await engine.projector.waitFor((await engine.store.readAll()).at(-1)!.position);
    const before = await snapshot();
    const processCheckpoints = () =>
      engine.db.query("SELECT * FROM projection_checkpoints WHERE projection LIKE 'process:%' ORDER BY 1");
    // The board-outcome process has its place in the log; a rebuild of read models must not rewind it.
    await engine.db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position)
       VALUES ('process:board-outcomes', 999999, 999999)
       ON CONFLICT (projection) DO UPDATE SET commit_position = 999999, prepare_position = 999999`,
    );
    const processesBefore = await processCheckpoints();
    await engine.close();

    const progress: string[] = [];
    const summary = await rebuildCommand(config, (line) => progress.push(line));
    expect(summary).toMatch(new RegExp(`rebuilt ${ALL_PROJECTIONS.length} projections`));

    const reopened = await openEngine(config, { log: pino({ level: 'silent' }) });
    try {
      const after = await reopened.db.query<{ event_id: string; chain_hash: string }>(
        'SELECT event_id, chain_hash FROM audit_trail ORDER BY seq',
      );
      expect(before.length).toBeGreaterThan(0);
      expect(after).toEqual(before);
      expect(
        await reopened.db.query(
          "SELECT * FROM projection_checkpoints WHERE projection LIKE 'process:%' ORDER BY 1",
        ),
      ).toEqual(processesBefore);
    } finally {
      await reopened.close();
    }
  });
});
