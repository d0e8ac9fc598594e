// npm run bench:report: 100,000 actions with four status changes each in PostgreSQL; p50/p95 of
// GET /api/reports/rag?asOf= for one plan of 1,000 actions and for all of them, beside the same count
// done by one hand-written SQL query over the events table in the same run. BENCH_ACTIONS scales it.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { actionStream } from '#domain/action/action-ids';
import { applyMigrations } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { RAG_STATUSES } from '#domain/action/rag-status';
import { newChainSigningKey } from '#event-store/chain/chain-checkpoint';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { UpcastingEventStore } from '#event-store/upcasting-event-store';
import { upcastToCurrent } from '#domain/upcasters';
import { NewEvent } from '#event-store/port';
import { ALL_MIGRATIONS } from '#projections';
import { bodiesProjection } from '#projections/bodies/bodies.projection';
import { ragHistoryProjection } from '#projections/rag-history/rag-history.projection';
import { openEngine } from '#engine/engine';
import { createHttpApp } from '../apps/api/src/http-app';
import { benchDatabaseUrl, benchSchema, machine, percentile, table, timeEach } from './bench-support';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100000);
const PER_PLAN = 1000;
const PERIOD_ENDS = ['2017-06-30', '2017-09-30', '2017-12-31', '2018-03-31'];
const AS_OF = '2017-11-15';
const REPORTABLE = RAG_STATUSES.filter((s) => s !== 'BLUE');

function actionEvents(index: number, recordedAt: string): NewEvent[] {
  const metadata = { actor: 'bench', actorRole: 'secretary', bodyId: 'default', recordedAt };
  const created: NewEvent = {
    id: randomUUID(),
    type: 'ActionCreated',
    schemaVersion: 1,
    data: {
      bodyId: 'default',
      ref: `B${index}`,
      plan: `Plan ${Math.floor(index / PER_PLAN)}`,
      theme: `Theme ${index % 7}`,
      title: `Benchmark action ${index}`,
      leadOfficers: ['CR'],
      deliverable: null,
      objective: null,
      dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
      createdOn: '2017-04-01',
    },
    metadata,
  };
  const statuses = PERIOD_ENDS.map((effectiveOn, q) => ({
    id: randomUUID(),
    type: 'ActionStatusSet',
    schemaVersion: 1,
    data: {
      status: REPORTABLE[(index + q) % REPORTABLE.length],
      commentary: `Quarter ${q + 1} update`,
      effectiveOn,
    },
    metadata,
  }));
  return [created, ...statuses];
}

/** The same report computed straight from the event log, as one would without projections. */
function rawCount(db: SqlQueryable, plan: string | null) {
  return db.query(
    `WITH actions AS (
       SELECT stream_id FROM events
        WHERE event_type = 'ActionCreated' AND metadata->>'bodyId' = 'default'
          AND ($1::text IS NULL OR data->>'plan' = $1) AND (data->>'createdOn')::date <= $2::date
     ),
     in_effect AS (
       SELECT DISTINCT ON (e.stream_id) e.stream_id, e.data->>'status' AS status
         FROM events e JOIN actions a ON a.stream_id = e.stream_id
        WHERE e.event_type = 'ActionStatusSet' AND (e.data->>'effectiveOn')::date <= $2::date
        ORDER BY e.stream_id, (e.data->>'effectiveOn')::date DESC, e.stream_revision DESC
     )
     SELECT coalesce(s.status, 'NONE') AS status, count(*)::integer AS count
       FROM actions a LEFT JOIN in_effect s ON s.stream_id = a.stream_id GROUP BY 1`,
    [plan, AS_OF],
  );
}

async function main() {
  const bench = await benchSchema();
  const log = pino({ level: 'warn' });
  try {
    const db = bench.open(20);
    await applyMigrations(db, ALL_MIGRATIONS);
    // Statuses are appended at schema v1, as an older engine stored them; reads upcast them as the engine's do.
    const store = new UpcastingEventStore(new PostgresEventStore(db), upcastToCurrent);

    let start = Date.now();
    const recordedAt = new Date().toISOString();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < ACTIONS; i = next++) {
          await store.append(actionStream(randomUUID()), actionEvents(i, recordedAt), 'no_stream');
        }
      }),
    );
    const appendSeconds = (Date.now() - start) / 1000;
    process.stderr.write(`appended ${ACTIONS * 5} events in ${appendSeconds.toFixed(1)} s\n`);

    // Only the projections the report reads; the register and audit trail are not needed here.
    const projections = [bodiesProjection, ragHistoryProjection];
    const engine = await openEngine(
      {
        port: 0,
        host: '127.0.0.1',
        publicBaseUrl: null,
        oidc: null,
        corsOrigins: [],
        shutdownGraceMs: 10_000,
        dataDir: '/nonexistent',
        databaseUrl: benchDatabaseUrl,
        eventStoreUrl: null,
        jwtSecret: 'bench-secret',
        defaultBody: { id: 'default', name: 'Default body' },
        logLevel: 'warn',
        redisUrl: null,
        smtpUrl: null,
        mailFrom: 'bench@localhost',
        accessibilityContact: null,
        webhookSecret: null,
        webhookAllowPrivateNetworks: false,
        remindersInProcess: false,
        reminderIntervalMs: 30_000,
        importLimits: { maxBytes: 50 * 1024 * 1024, maxRows: 250_000 },
        chainSigningKey: newChainSigningKey(),
        chainSignIntervalMs: 0,
      },
      { db, log, projections, projectorIdleMs: 50, runProcesses: false },
    );
    start = Date.now();
    const tail = (await store.readAll({ after: undefined, maxCount: 1 })).length;
    const last = await db.query<{ t: string; p: number }>(
      'SELECT transaction_id::text AS t, global_position AS p FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
    );
    if (tail) await engine.projector.waitFor({ commit: Number(last[0].t), prepare: last[0].p }, 3_600_000);
    const projectSeconds = (Date.now() - start) / 1000;
    process.stderr.write(`projected in ${projectSeconds.toFixed(1)} s\n`);

    await db.query('ANALYZE'); // as autovacuum would after a bulk load
    const app = await createHttpApp(engine);
    await app.init();
    const http = request(app.getHttpServer());
    const token = engine.tokens.issue({ user: 'bench', role: 'auditor', bodies: ['default'] });
    const viaApi = (plan?: string) => async () => {
      const response = await http
        .get('/api/reports/rag')
        .query({ asOf: AS_OF, ...(plan && { plan }) })
        .set('Authorization', `Bearer ${token}`);
      if (response.status !== 200) throw new Error(`report answered ${response.status}`);
    };
    const check = await http
      .get('/api/reports/rag')
      .query({ asOf: AS_OF, plan: 'Plan 0' })
      .set('Authorization', `Bearer ${token}`);
    const raw = await rawCount(db, 'Plan 0');
    process.stderr.write(
      `plan 0 via API: ${JSON.stringify(check.body.counts.GREEN)}; raw: ${JSON.stringify(raw)}\n`,
    );

    const rows: (string | number)[][] = [
      ['scenario', 'API p50 ms', 'API p95 ms', 'raw SQL p50 ms', 'raw SQL p95 ms', 'speed-up (p50)'],
    ];
    for (const [label, plan, apiRuns, rawRuns] of [
      [`one plan (${Math.min(PER_PLAN, ACTIONS)} actions)`, 'Plan 0', 200, 50],
      [`all ${ACTIONS} actions`, undefined, 30, 5],
    ] as const) {
      await viaApi(plan)();
      const api = await timeEach(apiRuns, viaApi(plan));
      const sql = await timeEach(rawRuns, () => rawCount(db, plan ?? null));
      rows.push([
        label,
        percentile(api, 50).toFixed(1),
        percentile(api, 95).toFixed(1),
        percentile(sql, 50).toFixed(1),
        percentile(sql, 95).toFixed(1),
        `${(percentile(sql, 50) / percentile(api, 50)).toFixed(1)}x`,
      ]);
    }
    await app.close();
    await engine.close();
    console.log(
      `report benchmark: ${ACTIONS} actions x 4 status changes (${ACTIONS * 5} events), asOf ${AS_OF}`,
    );
    console.log(`machine: ${machine()}; PostgreSQL at ${benchDatabaseUrl.replace(/\/\/[^@]*@/, '//')}`);
    console.log(
      `setup: appended in ${appendSeconds.toFixed(1)} s; RAG projection caught up in ${projectSeconds.toFixed(1)} s (${Math.round((ACTIONS * 5) / projectSeconds)} ev/s)`,
    );
    console.log(table(rows));
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
