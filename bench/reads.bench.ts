// npm run bench:reads: the reads people make, at the scale of years of records. BENCH_EVENTS
// (default 200,000) events of the mix in event-mix.ts (about 24,000 actions, 6,000 decisions and
// 200,000 audit entries at the default) appended to PostgreSQL, the engine opened on them and its
// read models caught up; then each read (a page of the register now and as at a day, an action, a
// page of decisions, the audit trail filtered, a board's action log, a meeting's pack, ...) and the
// web pages that show them (signed in as an admin; the public ones without) timed BENCH_REQUESTS
// times (default 50) over loopback, p50/p95 beside GET /api/health (the HTTP floor) in the same
// run. Goal: every one under 50 ms p95 at this scale: a page reads its own rows, not the whole
// log's. Left out: a board's page and meeting list, and the secretary's desk (the mix puts every
// meeting, ~2,500, on one board, and every decision in one body, which no body has), and the
// public search (every decision of the mix has the same subject, so every one matches).
import pino from 'pino';
import { createHttpApp } from '../apps/api/src/http-app';
import { configFromEnvironment } from '#engine/config';
import { openEngine } from '#engine/engine';
import { endOf } from '#engine/replay';
import { applyMigrations } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { ALL_MIGRATIONS } from '#projections';
import { adminSignedIn, benchSchema, machine, percentile, table, timeEach } from './bench-support';
import { appendMix } from './event-mix';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const GOAL_P95_MS = 50;

async function main(): Promise<void> {
  const target = await benchSchema();
  const db = target.open(20);
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    let start = Date.now();
    const appended = await appendMix(new PostgresEventStore(db), EVENTS);
    process.stderr.write(`appended ${appended} events in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    const config = {
      ...configFromEnvironment({
        DATA_DIR: '/nonexistent',
        JWT_SECRET: 'bench-secret-of-at-least-32-characters',
      }),
      port: 0,
      remindersInProcess: false,
    };
    const engine = await openEngine(config, { db, log: pino({ level: 'silent' }) });
    start = Date.now();
    const lagging = await engine.projector.waitFor((await endOf(engine.store)).last, 3600_000);
    if (lagging.length > 0) throw new Error(`read models did not catch up: ${lagging.join(', ')}`);
    process.stderr.write(`read models caught up in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    // As autovacuum would have by the time anyone reads: the tables were filled a moment ago.
    await db.query('ANALYZE');
    const app = await createHttpApp(engine);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      const rows = await timeReads(
        base,
        {
          authorization: `Bearer ${engine.tokens.issue({ user: 'bench', role: 'auditor', bodies: ['default'] })}`,
        },
        { cookie: await adminSignedIn(engine, base) },
        db,
      );
      process.stdout.write(
        `reads benchmark: ${appended} events (actions, decisions, meetings) on PostgreSQL, ${REQUESTS} requests each\n` +
          `machine: ${machine()}\n\n` +
          table([['', 'p50 ms', 'p95 ms', 'bytes', `goal p95 < ${GOAL_P95_MS} ms`], ...rows]) +
          '\n',
      );
    } finally {
      await app.close();
      await engine.close();
    }
  } finally {
    await target.drop();
  }
}

async function timeReads(
  base: string,
  api: Record<string, string>,
  web: Record<string, string>,
  db: SqlQueryable,
): Promise<(string | number)[][]> {
  const one = async (sql: string) => (await db.query<{ id: string }>(sql))[0].id;
  const action = await one('SELECT action_id AS id FROM action_register ORDER BY random() LIMIT 1');
  const plan = encodeURIComponent(
    await one('SELECT plan AS id FROM action_register ORDER BY random() LIMIT 1'),
  );
  const decision = await one('SELECT decision_id AS id FROM decisions ORDER BY random() LIMIT 1');
  const board = await one('SELECT board_id AS id FROM boards LIMIT 1');
  const meeting = await one(`SELECT meeting_id AS id FROM meetings ORDER BY random() LIMIT 1`);
  const reads: [string, string][] = [
    ['GET /api/health (the floor)', '/api/health'],
    ['a page of the register', '/api/actions?limit=50'],
    ['... as at a day', '/api/actions?limit=50&asOf=2017-12-31'],
    ['... of a plan', `/api/actions?limit=50&plan=${plan}`],
    ['... red ones', '/api/actions?limit=50&status=RED'],
    ['... searched', '/api/actions?limit=50&q=Action%2012'],
    ['an action', `/api/actions/${action}`],
    ['... as at a day', `/api/actions/${action}?asOf=2017-12-31`],
    ['... its RAG history', `/api/actions/${action}/rag-history`],
    ['a page of decisions', '/api/decisions?limit=50'],
    ['... as at a day', '/api/decisions?limit=50&asOf=2026-05-01'],
    ['a decision', `/api/decisions/${decision}`],
    ['a page of the audit trail', '/api/audit?limit=50'],
    ["... of an action's entries", `/api/audit?entityId=${action}`],
    ['... by an actor', '/api/audit?actor=bench&limit=50'],
    ['... of one event type', '/api/audit?eventType=ActionCreated&limit=50'],
    ["a board's action log as at a day", `/api/boards/${board}/action-log?asOf=2017-12-31`],
    ['a meeting', `/api/boards/${board}/meetings/${meeting}`],
    ["a meeting's pack", `/api/boards/${board}/meetings/${meeting}/pack`],
    ['the RAG report of a plan', `/api/reports/rag?plan=${plan}`],
    ['reminders coming up', '/api/reminders/upcoming'],
    ['page: the register', '/actions'],
    ['page: ... as at a day', '/actions?asAt=2017-12-31'],
    ['page: ... of a plan', `/actions?plan=${plan}`],
    ['page: an action', `/actions/${action}`],
    ['page: decisions', '/decisions'],
    ['page: a decision', `/decisions/${decision}`],
    ['page: the audit trail', '/audit'],
    ['page: a meeting', `/boards/${board}/meetings/${meeting}`],
    ['public page: decisions', '/public/default/decisions'],
    ['public page: a decision', `/public/default/decisions/${decision}`],
    ['public page: the forward plan', '/public/default/forward-plan'],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, path] of reads) {
    let bytes = 0;
    const get = async () => {
      // A redirect (to sign in) is a failure here, not a page to time.
      const response = await fetch(base + path, {
        headers: path.startsWith('/api/') ? api : web,
        redirect: 'manual',
      });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      bytes = (await response.arrayBuffer()).byteLength;
    };
    await get(); // the first of a statement prepares it on its connection
    const samples = await timeEach(REQUESTS, get);
    const p95 = percentile(samples, 95);
    rows.push([
      label,
      percentile(samples, 50).toFixed(1),
      p95.toFixed(1),
      bytes,
      path === '/api/health' ? '' : p95 < GOAL_P95_MS ? 'met' : 'NOT MET',
    ]);
  }
  return rows;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
