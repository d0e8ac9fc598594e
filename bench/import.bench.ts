// npm run bench:import: BENCH_ROWS (default 100,000) rows of an action register, written as a body
// keeps one (refs, leads, due dates as written, RAG, a cell of dated updates), imported through the
// importer on the embedded default (PGlite) and on PostgreSQL; beside it, the same events appended
// in the same run (a) one stream at a time through the port, as commands append, and (b) 500 streams
// a statement in one transaction, the fastest the store takes them. Peak RSS is sampled as it runs;
// BENCH_STORES=pglite or =postgres runs one store alone, so its memory is its own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ActionImportRequest, importActions } from '#application/imports/action-import';
import { RegisterSource } from '#application/imports/import-run';
import { registerFromFile } from '#application/imports/register-files';
import { SqlDatabase } from '#database/sql-database';
import { configFromEnvironment } from '#engine/config';
import { Engine, openEngine } from '#engine/engine';
import { NewEvent, StreamAppend } from '#event-store/port';
import { actionIdFor, actionStream } from '#domain/action/action-ids';
import { bodiesProjection } from '#projections/bodies/bodies.projection';
import { findBody } from '#projections/bodies/bodies.queries';
import { benchSchema, machine, table } from './bench-support';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
// One store a run (BENCH_STORES=postgres) keeps each one's peak RSS its own.
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');
const PLAN = 'Work plan 2017-18';
const THEMES = ['Governance', 'Estates', 'Victims', 'Finance', 'Workforce'];
const STATUSES = ['G', 'Green', 'A', 'R/A', 'Complete', ''];
const DUE = ['Mar-18', 'Q4', 'TBC', 'On going', '31/03/2018', 'New plan for Oct 17'];

function writeRegister(path: string): void {
  const lines = ['Ref,Lead officer,Strategic activity,Theme,Due date,RAG,Last update,Update date'];
  for (let i = 0; i < ROWS; i++) {
    const updates = `10.10.17 - Scoping of item ${i} agreed. 14.11.17 - Draft circulated to the board.`;
    lines.push(
      [
        `WP-${String(i + 1).padStart(6, '0')}`,
        i % 7 === 0 ? '' : `Officer ${i % 40}`,
        `"Deliver activity ${i}, as the plan sets it out"`,
        THEMES[i % THEMES.length],
        DUE[i % DUE.length],
        STATUSES[i % STATUSES.length],
        `"${updates}"`,
        '14/11/2017',
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const request = (
  mode: ActionImportRequest['mode'],
  onRow?: ActionImportRequest['onRow'],
): ActionImportRequest => ({
  bodyId: 'default',
  plan: PLAN,
  mode,
  actor: { user: 'bench', role: 'admin' },
  recordedAt: new Date('2018-04-20T09:00:00Z'),
  onRow,
});

/** The events the importer would write, as appends, from a dry run on an empty store. */
async function eventsOf(engine: Engine, source: RegisterSource): Promise<StreamAppend[]> {
  const appends: StreamAppend[] = [];
  await importActions(
    engine,
    source,
    request('dry-run', ({ row, decision }) => {
      const events: NewEvent[] = decision.events.map(({ id, type, schemaVersion, data }) => ({
        id,
        type,
        schemaVersion,
        data,
        metadata: { actor: 'bench', bodyId: 'default', recordedAt: new Date().toISOString() },
      }));
      appends.push({
        streamId: actionStream(actionIdFor('default', PLAN, row.ref)),
        events,
        expectedRevision: 'no_stream',
      });
    }),
  );
  return appends;
}

async function measure(
  label: string,
  open: () => Promise<{ engine: Engine; close: () => Promise<void> }>,
  file: string,
) {
  const { source } = await registerFromFile(file, { limits: { maxBytes: 2 ** 31, maxRows: ROWS + 1 } });
  let subject = await open();
  const timer = setInterval(sampleRss, 50);
  peakRss = 0;
  const rssBefore = process.memoryUsage().rss;
  let start = Date.now();
  const report = await importActions(subject.engine, source, request('all', sampleRss));
  const importSeconds = (Date.now() - start) / 1000;
  clearInterval(timer);
  const importPeak = peakRss;
  await subject.close();

  subject = await open();
  const appends = await eventsOf(subject.engine, source);
  start = Date.now();
  for (const { streamId, events } of appends)
    await subject.engine.store.append(streamId, events, 'no_stream');
  const oneByOne = (Date.now() - start) / 1000;
  await subject.close();

  subject = await open();
  start = Date.now();
  const inOne = subject.engine.store.inOneTransaction;
  if (!inOne) throw new Error('the bench runs on PostgreSQL or PGlite, which write in one transaction');
  await inOne(async (streams) => {
    for (let i = 0; i < appends.length; i += 500) await streams.append(appends.slice(i, i + 500));
  });
  const batched = (Date.now() - start) / 1000;
  await subject.close();

  const events = report.eventsRecorded;
  const rate = (seconds: number) => Math.round(events / seconds);
  return {
    label,
    rows: [
      [`${label}: importer`, ROWS, events, rate(importSeconds), Math.round(ROWS / importSeconds), '', ''],
      [
        `${label}: port, a stream at a time`,
        '',
        events,
        rate(oneByOne),
        '',
        (oneByOne / importSeconds).toFixed(2),
        '',
      ],
      [
        `${label}: port, 500 streams a statement`,
        '',
        events,
        rate(batched),
        '',
        '',
        (batched / importSeconds).toFixed(2),
      ],
    ],
    memory: `${label}: RSS ${mb(rssBefore)} before, peak ${mb(importPeak)} during the import`,
  };
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'register.csv');
  writeRegister(file);
  const log = pino({ level: 'warn' });
  const engineOn = async (db: SqlDatabase | undefined, dataDir: string) => {
    const engine = await openEngine(
      { ...configFromEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), remindersInProcess: false },
      { db, log, projections: [bodiesProjection], projectorIdleMs: 50, runProcesses: false },
    );
    // The importer reads the body's settings: wait until the default body is projected.
    while (!(await findBody(engine.db, 'default'))) await new Promise((resolve) => setTimeout(resolve, 20));
    return engine;
  };
  const results = [];
  try {
    let n = 0;
    if (STORES.includes('pglite'))
      results.push(
        await measure(
          'PGlite',
          async () => {
            const dataDir = join(dir, `pglite-${++n}`);
            const engine = await engineOn(undefined, dataDir);
            return { engine, close: () => engine.close() };
          },
          file,
        ),
      );
    if (STORES.includes('postgres'))
      results.push(
        await measure(
          'PostgreSQL',
          async () => {
            const schema = await benchSchema();
            const engine = await engineOn(schema.open(4), join(dir, 'pg'));
            return {
              engine,
              close: async () => {
                await engine.close();
                await schema.drop();
              },
            };
          },
          file,
        ),
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `bench:import on ${machine()}, ${ROWS.toLocaleString('en-GB')} rows\n\n` +
      table([
        [
          'run',
          'rows',
          'events',
          'events/s',
          'rows/s',
          'import ÷ a stream at a time',
          'import ÷ 500 a statement',
        ],
        ...results.flatMap((result) => result.rows),
      ]) +
      `\n\n${results.map((result) => result.memory).join('\n')}\n` +
      'Goal: the importer at 0.5 or more of the raw append rate of the same events, memory flat.\n',
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
