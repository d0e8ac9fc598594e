// npm run bench:api: the engine in-process on PGlite and on PostgreSQL, driven over HTTP by
// autocannon with 1, 8 and 32 clients, one command at a time (create an action, set its status,
// record progress, propose a decision, add an agenda item and record its outcome), printing
// requests/s and p50/p95/p99 latency per command, beside a bare GET /api/health (the HTTP floor) and
// the raw append rate of one-event appends through the port, measured in the same run.
// BENCH_SECONDS sets each run's length (default 5); BENCH_CLIENTS the client counts (1,8,32);
// BENCH_STORES which stores (pglite,postgres).
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createHttpApp } from '../apps/api/src/http-app';
import { configFromEnvironment, EngineConfig } from '#engine/config';
import { Engine, openEngine } from '#engine/engine';
import { PgliteDatabase } from '#database/pglite-database';
import { benchSchema, machine, percentile, table } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');

interface Step {
  readonly method: 'GET' | 'POST';
  readonly path: (context: Context) => string;
  readonly body?: (context: Context) => object;
  /** Keeps what later requests of the same client need (ids, versions). */
  readonly then?: (context: Context, body: Record<string, unknown>) => void;
}
type Context = Record<string, unknown>;

const unique = () => randomUUID().slice(0, 8);
const newAction = () => ({
  ref: `B-${unique()}`,
  plan: 'Bench',
  title: 'Bench action',
  leadOfficers: ['CR'],
  dueDate: 'Mar-27',
});

/** A step on the client's own action: its first request creates it, the rest are `step`. */
function onOwnAction(step: string, body: (context: Context) => object): Step {
  return {
    method: 'POST',
    path: (c) => (c.action ? `/api/actions/${c.action}/${step}` : '/api/actions'),
    body: (c) => (c.action ? { ...body(c), expectedVersion: c.version } : newAction()),
    then: (c, response) => {
      c.action = response.id ?? c.action;
      c.version = response.version;
    },
  };
}

/** Each client works on records of its own, so no two clients race for one version. */
const COMMANDS: Record<string, Step> = {
  'create action': { method: 'POST', path: () => '/api/actions', body: newAction },
  'set status': onOwnAction('status', (c) => ({
    status: ['GREEN', 'AMBER', 'RED'][Number(c.version) % 3],
    commentary: 'Update.',
  })),
  'record progress': onOwnAction('progress', () => ({ note: 'Met the supplier.' })),
  'propose decision': {
    method: 'POST',
    path: () => '/api/decisions',
    body: () => ({
      subject: 'Contract award',
      decisionMaker: 'Police and Crime Commissioner',
      expectedOn: '2027-05-01',
      keyDecision: false,
      significantPublicInterest: false,
    }),
  },
  'agenda item, then outcome': {
    method: 'POST',
    // Per client: a meeting once, then an agenda item and its outcome in turn.
    path: (c) =>
      !c.meeting
        ? `/api/boards/${c.board}/meetings`
        : !c.item
          ? `/api/boards/${c.board}/meetings/${c.meeting}/agenda-items`
          : `/api/boards/${c.board}/meetings/${c.meeting}/agenda-items/${c.item}/outcome`,
    body: (c) =>
      !c.meeting
        ? { date: '2027-06-30', place: 'HQ' }
        : !c.item
          ? { title: `Item ${unique()}`, expectedVersion: c.version }
          : { outcome: { kind: 'noted', text: 'Noted.' }, narrative: [], expectedVersion: c.version },
    then: (c, body) => {
      if (!c.meeting) c.meeting = body.id;
      else c.item = c.item ? undefined : body.itemId;
      c.version = body.version;
    },
  },
};

/** Latencies of one run, measured per request (autocannon's own summary has no p95). */
function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? Math.round(percentile(sorted, p) * 10) / 10 : NaN);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** Adds up the engine's own account of each request (its Server-Timing header), phase by phase. */
function phaseTotals() {
  const totals = new Map<string, number>();
  let requests = 0;
  return {
    add(headers: Record<string, unknown> = {}) {
      const header = Object.entries(headers).find(([name]) => name.toLowerCase() === 'server-timing')?.[1];
      if (typeof header !== 'string') return;
      requests++;
      for (const [, phase, ms] of header.matchAll(/([\w-]+);dur=([\d.]+)/g))
        totals.set(phase, (totals.get(phase) ?? 0) + Number(ms));
    },
    /** `load 1.2 · append 3.4 · ...`: mean milliseconds per request. */
    means(): string {
      return [...totals]
        .map(([phase, ms]) => `${phase} ${(ms / Math.max(requests, 1)).toFixed(1)}`)
        .join(' · ');
    },
  };
}

async function drive(url: string, token: string, step: Step, clients: number, board: string) {
  let failures = 0;
  const latencies: number[] = [];
  const phases = phaseTotals();
  const result = await autocannon({
    url,
    connections: clients,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: step.method,
        setupRequest: (request: autocannon.Request, shared: object) => {
          const context = shared as Context;
          context.board = board;
          context.sentAt = performance.now();
          return {
            ...request,
            path: step.path(context),
            ...(step.body && { body: JSON.stringify(step.body(context)) }),
          };
        },
        onResponse: (status: number, body: string, shared: object, headers?: Record<string, unknown>) => {
          const context = shared as Context;
          latencies.push(performance.now() - Number(context.sentAt));
          phases.add(headers);
          if (status >= 300) failures++;
          else if (step.then) step.then(context, JSON.parse(body));
        },
      },
    ],
  });
  return {
    throughput: Math.round(result.requests.average),
    ...percentiles(latencies),
    failures,
    phases: phases.means(),
  };
}

async function measure(name: string, engine: Engine): Promise<(string | number)[][]> {
  const app = await createHttpApp(engine);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const token = engine.tokens.issue({ user: 'bench', role: 'secretary', bodies: ['default'] });
  const board = (
    (await (
      await fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench board', code: 'BB', members: [] }),
      })
    ).json()) as { id: string }
  ).id;
  const rows: (string | number)[][] = [];
  const row = (label: string, clients: number, r: Awaited<ReturnType<typeof drive>>) =>
    rows.push([name, label, clients, r.throughput, r.p50, r.p95, r.p99, r.failures, r.phases]);
  try {
    for (const clients of CLIENTS) {
      const floor = await drive(url, token, { method: 'GET', path: () => '/api/health' }, clients, board);
      row('GET /api/health (floor)', clients, floor);
      for (const [label, step] of Object.entries(COMMANDS))
        row(label, clients, await drive(url, token, step, clients, board));
    }
    // The same one-event appends through the port, without HTTP, decide or read models.
    for (const clients of [1, 8]) {
      const started = Date.now();
      let appended = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (Date.now() - started < SECONDS * 1000) {
            await engine.store.append(`bench-${randomUUID()}`, [rawEvent()], 'no_stream');
            appended++;
          }
        }),
      );
      rows.push([
        name,
        'raw append (port)',
        clients,
        Math.round(appended / ((Date.now() - started) / 1000)),
        '-',
        '-',
        '-',
        0,
        '',
      ]);
    }
  } finally {
    await app.close();
  }
  return rows;
}

function rawEvent() {
  return {
    id: randomUUID(),
    type: 'BenchNoted',
    schemaVersion: 1,
    data: { note: 'Met the supplier.' },
    metadata: { actor: 'bench', bodyId: 'default', recordedAt: new Date().toISOString() },
  };
}

async function main(): Promise<void> {
  const base = {
    ...configFromEnvironment({ JWT_SECRET: 'bench-secret-of-at-least-32-characters!!', LOG_LEVEL: 'silent' }),
    remindersInProcess: false,
  };
  const rows: (string | number)[][] = [];
  if (STORES.includes('pglite')) rows.push(...(await onPglite(base)));
  if (STORES.includes('postgres')) rows.push(...(await onPostgres(base)));
  process.stdout.write(
    `api benchmark: ${SECONDS} s per run, over HTTP on 127.0.0.1\nmachine: ${machine()}\n\n` +
      table([
        [
          'store',
          'command',
          'clients',
          'req/s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'non-2xx',
          'engine: mean ms per phase',
        ],
        ...rows,
      ]) +
      '\n',
  );
}

async function onPglite(base: EngineConfig): Promise<(string | number)[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const pglite = await PgliteDatabase.open(join(dir, 'data'));
  const engine = await openEngine(
    { ...base, dataDir: join(dir, 'data') },
    { db: pglite, log: pino({ level: 'silent' }) },
  );
  try {
    return await measure('PGlite', engine);
  } finally {
    await engine.close();
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(base: EngineConfig): Promise<(string | number)[][]> {
  const target = await benchSchema();
  try {
    const engine = await openEngine(base, { db: target.open(20), log: pino({ level: 'silent' }) });
    try {
      return await measure('PostgreSQL', engine);
    } finally {
      await engine.close();
    }
  } finally {
    await target.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
