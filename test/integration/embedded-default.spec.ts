import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { configFromEnvironment } from '#engine/config';
import { openEngine } from '#engine/engine';
import { PgliteDatabase } from '#database/pglite-database';
import { findBody } from '#projections/bodies/bodies.queries';

describe('the embedded default (PGlite in DATA_DIR)', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second process on the same data directory with a clear message', async () => {
    const db = await PgliteDatabase.open(dataDir);
    try {
      await expect(PgliteDatabase.open(dataDir)).rejects.toThrow(
        /DATA_DIR .* is in use by process \d+ on .*; stop it first/,
      );
    } finally {
      await db.close();
    }
    const again = await PgliteDatabase.open(dataDir);
    await again.close();
  });

  it('keeps its events, its default body and its signing secret across a restart', async () => {
    const config = configFromEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const first = await openEngine(config, { log: pino({ level: 'silent' }), projectorIdleMs: 20 });
    const token = first.tokens.issue({ user: 'alice', role: 'secretary', bodies: ['default'] });
    await first.projector.waitFor((await first.store.readAll()).at(-1)!.position);
    await first.close();

    const restarted = configFromEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(restarted.jwtSecret).toBe(config.jwtSecret);
    const second = await openEngine(restarted, { log: pino({ level: 'silent' }) });
    try {
      expect(second.tokens.verify(token)).toEqual({ user: 'alice', role: 'secretary', bodies: ['default'] });
      expect(await second.store.readStream('body-default')).toHaveLength(1);
      expect(await findBody(second.db, 'default')).toMatchObject({
        id: 'default',
        name: 'Default body',
        version: 1,
      });
    } finally {
      await second.close();
    }
  });
});
