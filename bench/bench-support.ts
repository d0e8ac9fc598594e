import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setPassword } from '#access/credentials';
import { PgDatabase } from '#database/pg-database';
import { createAdmin } from '#engine/admins';
import { Engine } from '#engine/engine';

export const benchDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throwaway schema on the PostgreSQL server, so a benchmark never touches real data. */
export async function benchSchema(): Promise<{
  schema: string;
  open: (max?: number) => PgDatabase;
  drop: () => Promise<void>;
}> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgDatabase({ connectionString: benchDatabaseUrl, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const opened: PgDatabase[] = [];
  return {
    schema,
    open: (max = 20) => {
      const db = new PgDatabase({ connectionString: benchDatabaseUrl, schema, maxConnections: max });
      opened.push(db);
      return db;
    },
    drop: async () => {
      for (const db of opened) await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The machine's busy CPU seconds so far (Linux's /proc/stat), or null where it cannot be read. */
function machineBusySeconds(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * CPU seconds spent from now: this process's, and the whole machine's (the database server's
 * share is most of the rest on a bench machine), to tell what bound a piece of work.
 */
export function cpuFromNow(): () => { node: number; machine: number | null } {
  const node = process.cpuUsage();
  const machine = machineBusySeconds();
  return () => {
    const used = process.cpuUsage(node);
    const now = machineBusySeconds();
    return {
      node: (used.user + used.system) / 1e6,
      machine: now === null || machine === null ? null : now - machine,
    };
  };
}

export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

export async function timeEach(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

/**
 * Times two pieces of work in turn (a, b, a, b, ...), so that a pause of the machine or a garbage
 * collection falls on both alike, not on whichever happened to run then; each list sorted.
 */
export async function timeInTurn(
  times: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number[], number[]]> {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < times; i++) {
    for (const [index, work] of [a, b].entries()) {
      const start = process.hrtime.bigint();
      await work();
      samples[index].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return [samples[0].sort((x, y) => x - y), samples[1].sort((x, y) => x - y)];
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ')).join('\n');
}

/** Makes an admin of the body `default` with a password and signs in: the session's cookie header. */
export async function adminSignedIn(engine: Engine, base: string): Promise<string> {
  const email = `bench-${randomUUID().slice(0, 8)}@example.gov.uk`;
  const password = 'the bench passphrase';
  const { personId } = await createAdmin(engine, { email, name: 'Bench', bodyId: 'default' });
  await setPassword(engine.db, personId, password, new Date());
  const form = await fetch(`${base}/sign-in`);
  const cookies = form.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const signedIn = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const session = signedIn.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  return [
    ...cookies.filter((c) => !session.some((s) => s.split('=')[0] === c.split('=')[0])),
    ...session,
  ].join('; ');
}
