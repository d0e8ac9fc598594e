import { transformFileSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirLock } from '#database/data-dir-lock';

/** The lock module as plain JavaScript, so separate node processes can race for it. */
function compiledLock(into: string): string {
  const { code } = transformFileSync(resolve(__dirname, '../../libs/database/src/data-dir-lock.ts'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const path = join(into, 'data-dir-lock.js');
  writeFileSync(path, code);
  return path;
}

/**
 * Starts `count` processes at once, each trying to take the lock; a process that takes it holds it
 * until every process has answered, so a slow starter on a busy machine still meets the holder.
 */
async function race(lockModule: string, dataDir: string, count: number): Promise<string[]> {
  // Every process waits for the same instant, so they really do collide.
  const startAt = Date.now() + 1000;
  const script = `
    const { DataDirLock } = require(${JSON.stringify(lockModule)});
    while (Date.now() < ${startAt}) {}
    try {
      const lock = DataDirLock.acquire(${JSON.stringify(dataDir)});
      process.stdout.write('acquired');
      process.stdin.on('end', () => lock.release());
      process.stdin.resume();
    } catch (error) {
      process.stdout.write('refused: ' + error.message);
    }`;
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['-e', script]));
  const answers = children.map(
    (child) =>
      new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          // A refusal is complete when its process exits; a holder stays until told.
          if (out === 'acquired') done(out);
        });
        // Anything a process says on stderr (a crash) shows in the outcome it is compared against.
        child.stderr.on('data', (chunk) => (out += chunk));
        child.on('error', fail);
        // 'close', not 'exit': a process may exit before its output has been read, which read as "" under load.
        child.on('close', () => done(out));
      }),
  );
  const outcomes = await Promise.all(answers);
  // Everyone has answered: the holder may let go now.
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((exited) => {
          if (child.exitCode !== null) return exited();
          child.on('exit', () => exited());
          child.stdin.end();
        }),
    ),
  );
  return outcomes;
}

describe('the DATA_DIR lock', () => {
  let dir: string;
  let lockModule: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'governance-lock-'));
    lockModule = compiledLock(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const deadProcessLock = () =>
    JSON.stringify({ pid: 2_000_000, startTicks: '1', bootId: null, host: hostname() });

  it.each([
    ['on a free directory', null],
    ['over a stale lock of a dead process', deadProcessLock],
    ['over a stale lock in the old PID-only form', () => '2000000'],
  ])('lets exactly one of many processes starting together take it, %s', async (_, stale) => {
    for (let trial = 0; trial < 2; trial++) {
      if (stale) writeFileSync(join(dir, 'engine.lock'), stale());
      const outcomes = await race(lockModule, dir, 8);
      expect(outcomes.filter((o) => o === 'acquired')).toHaveLength(1);
      for (const refused of outcomes.filter((o) => o !== 'acquired'))
        expect(refused).toMatch(/^refused: DATA_DIR .* is in use by process \d+/);
    }
  });

  it('takes over a lock left by an earlier life of its own PID (PID 1 in a container)', () => {
    writeFileSync(join(dir, 'engine.lock'), String(process.pid));
    const lock = DataDirLock.acquire(dir);
    expect(JSON.parse(readFileSync(join(dir, 'engine.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose PID now belongs to an unrelated process', () => {
    // PID 1 runs, but it started long before this lock's holder claims to have.
    const reused = { pid: 1, startTicks: '999999999999', bootId: null, host: hostname() };
    writeFileSync(join(dir, 'engine.lock'), JSON.stringify(reused));
    DataDirLock.acquire(dir).release();
  });

  it('refuses while the holder lives, naming it', () => {
    const lock = DataDirLock.acquire(dir);
    try {
      expect(() => DataDirLock.acquire(dir)).toThrow(/is in use by process/);
    } finally {
      lock.release();
    }
  });
});
