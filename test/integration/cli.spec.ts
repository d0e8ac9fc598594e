import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { TokenService } from '#engine/token.service';
import { configFromEnvironment } from '#engine/config';
import { openEngine } from '#engine/engine';
import { adminCommand } from '../../apps/cli/src/commands/admin';
import { rebuildCommand } from '../../apps/cli/src/commands/rebuild';
import { linkHolder } from '#access/sign-in-links';
import { findPerson } from '#projections/people/people.queries';
import { tokenCommand } from '../../apps/cli/src/commands/token';
import { listAuditTrail } from '#projections/audit-trail/audit-trail.queries';

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

  it('makes the first admin and prints their one-time sign-in link', async () => {
    const config = configFromEnvironment({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PUBLIC_BASE_URL: 'https://gov.example',
    });
    const said = await adminCommand(
      ['create', '--email', 'Ann.Admin@example.gov.uk', '--name', 'Ann Admin'],
      config,
    );
    const link = /Sign-in link \(once, within 7 days\): (https:\/\/gov\.example\/sign-in\/link\/(\S+))/.exec(
      said,
    );
    expect(said).toMatch(/^Ann.Admin@example.gov.uk is an admin of default\./);
    expect(link).not.toBeNull();
    const engine = await openEngine(config, { log: pino({ level: 'silent' }) });
    try {
      const personId = await linkHolder(engine.db, link![2], new Date());
      expect(await findPerson(engine.db, personId!, ['default'])).toMatchObject({
        name: 'Ann Admin',
        email: 'ann.admin@example.gov.uk',
        bodies: [{ bodyId: 'default', roles: ['admin'] }],
      });
    } finally {
      await engine.close();
    }
    await expect(adminCommand(['create'], config)).rejects.toThrow(/--email is required/);
  });

  it('rebuilds every projection from the log to the same rows, the audit trail with the same numbers and cursors', async () => {
    const config = configFromEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const engine = await openEngine(config, { log: pino({ level: 'silent' }), projectorIdleMs: 20 });
    const snapshot = (db = engine.db) =>
      db.query<{ body_seq: number; event_id: string; chain_hash: string }>(
        'SELECT body_seq, event_id, chain_hash FROM audit_trail ORDER BY body_id, body_seq',
      );
    await engine.store.append(
      'thing-1',
      Array.from({ length: 5 }, (_, n) => ({
        id: randomUUID(),
        type: 'ThingNoted',
        schemaVersion: 1,
        data: { n },
        metadata: { actor: 'tester', bodyId: 'default', recordedAt: new Date().toISOString() },
      })),
      'no_stream',
    );
    await engine.projector.waitFor((await engine.store.readAll()).at(-1)!.position);
    const before = await snapshot();
    // A reader's place in the trail: a cursor taken before the rebuild still points at the same entry.
    const firstPage = await listAuditTrail(engine.db, { bodyIds: ['default'], limit: 2 });
    const secondPage = await listAuditTrail(engine.db, {
      bodyIds: ['default'],
      limit: 2,
      cursor: firstPage.nextCursor!,
    });
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

    const summary = await rebuildCommand(config);
    expect(summary).toMatch(
      /^rebuilt \d+ tables of every projection from the whole event log \(\d+ events\)/,
    );

    const reopened = await openEngine(config, { log: pino({ level: 'silent' }) });
    try {
      const after = await snapshot(reopened.db);
      expect(before.length).toBeGreaterThan(5);
      expect(after).toEqual(before);
      const again = await listAuditTrail(reopened.db, {
        bodyIds: ['default'],
        limit: 2,
        cursor: firstPage.nextCursor!,
      });
      expect(again.items.map((entry) => [entry.seq, entry.eventId])).toEqual(
        secondPage.items.map((entry) => [entry.seq, entry.eventId]),
      );
      expect(again.items.map((entry) => entry.seq)).toEqual([3, 4]);
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
