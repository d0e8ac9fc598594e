import { randomBytes } from 'node:crypto';
import {
  linkSync,
  readFileSync,
  renameSync,
  rmdirSync,
  mkdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds the lock: a PID alone is not enough (PIDs are reused, and in a container we are PID 1). */
interface Holder {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (/proc/PID/stat field 22), when known. */
  readonly startTicks: string | null;
  readonly bootId: string | null;
  readonly host: string;
}

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function startTicksOf(pid: number): string | null {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

function currentHolder(): Holder {
  return {
    pid: process.pid,
    startTicks: startTicksOf(process.pid),
    bootId: readOptional('/proc/sys/kernel/random/boot_id'),
    host: hostname(),
  };
}

/** Locks this process holds now, so its own PID in another lock file means an earlier life. */
const heldHere = new Set<string>();

/** Whether the process that wrote this lock is still running (not just some process with its PID). */
function isAlive(holder: Holder, path: string): boolean {
  if (holder.host !== hostname()) return true; // another machine's process: we cannot tell, assume so
  const me = currentHolder();
  if (holder.bootId !== null && me.bootId !== null && holder.bootId !== me.bootId) return false;
  // Our own PID in a lock we have not taken: a previous life of this container's PID 1.
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The PID runs, but is it the same process? Its start time says.
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

function parseHolder(text: string): Holder | null {
  // Written by an engine before locks named more than a PID.
  if (/^\d+$/.test(text)) return { pid: Number(text), startTicks: null, bootId: null, host: hostname() };
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Two processes opening one PGlite directory corrupt it: the second one is refused. The lock
 * file appears whole or not at all (written aside, then hard-linked into place, which fails if
 * it exists), and a stale one is removed under a takeover directory, so two processes starting
 * together can never both believe they hold it.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    const path = join(dataDir, 'engine.lock');
    const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
    writeFileSync(draft, JSON.stringify(currentHolder()), { mode: 0o644 });
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          linkSync(draft, path);
          heldHere.add(path);
          return new DataDirLock(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const text = readOptional(path);
        if (text === null) continue; // removed meanwhile: try again
        const holder = parseHolder(text);
        if (holder && isAlive(holder, path)) {
          throw new Error(
            `DATA_DIR ${dataDir} is in use by process ${holder.pid} on ${holder.host}; stop it first, or give this process another DATA_DIR`,
          );
        }
        removeStale(path, text);
      }
      throw new Error(`could not lock DATA_DIR ${dataDir}: another process keeps taking and leaving it`);
    } finally {
      unlinkSync(draft);
    }
  }

  release(): void {
    heldHere.delete(this.path);
    try {
      unlinkSync(this.path);
    } catch {
      // already gone: nothing to release
    }
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Removes the lock only if it still holds the stale text read, one remover at a time. */
function removeStale(path: string, staleText: string): void {
  const takeover = `${path}.takeover`;
  try {
    mkdirSync(takeover);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is removing it; a takeover left by a crash is cleared after a while.
    const since = statSync(takeover, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since > 10_000) rmdirSync(takeover);
    else pause(10);
    return;
  }
  try {
    if (readOptional(path) === staleText) {
      const aside = `${path}.stale.${randomBytes(6).toString('hex')}`;
      renameSync(path, aside);
      unlinkSync(aside);
    }
  } finally {
    rmdirSync(takeover);
  }
}
