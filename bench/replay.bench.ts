// npm run bench:replay: BENCH_EVENTS (default 1,000,000) events of a realistic mix (actions with
// status changes and progress, decisions taken and published, board meetings with agendas) appended
// to PostgreSQL; then (a) the whole log read through the port in log order, the raw sequential
// read that bounds any replay; (b) every projection rebuilt from nothing; (c) one projection (the
// action register) caught up alone; (b) and (c) each into a schema of fresh tables. Prints events/s
// of each, their ratios to (a), and the CPU each spent in Node and in the rest of the machine
// (what bound it); with BENCH_EACH=1, every projection caught up alone too, to show where a
// rebuild's time goes.
import { applyMigrations } from '#database/migrations';
import { schemaScoped } from '#database/schema-scoped-database';
import { SqlDatabase } from '#database/sql-database';
import { EventStore, LogPosition, START_OF_LOG } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { UpcastingEventStore } from '#event-store/upcasting-event-store';
import { upcastToCurrent } from '#domain/upcasters';
import { ALL_MIGRATIONS, ALL_PROJECTIONS, READ_MODEL_MIGRATIONS } from '#projections';
import { actionRegisterProjection } from '#projections/action-register/action-register.projection';
import { Projection } from '#projections/projection';
import { Projector } from '#projections/projector';
import { benchSchema, cpuFromNow, machine, table } from './bench-support';
import { appendMix } from './event-mix';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const silent = { error: (_: object, message: string) => process.stderr.write(`${message}\n`) };

async function readEverything(store: EventStore): Promise<{ count: number; last: LogPosition }> {
  let last = START_OF_LOG;
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after: last, maxCount: 1000 });
    if (events.length === 0) return { count, last };
    count += events.length;
    last = events[events.length - 1].position;
  }
}

interface Timed {
  seconds: number;
  cpu: { node: number; machine: number | null };
}

async function timed(work: () => Promise<unknown>): Promise<Timed> {
  const cpu = cpuFromNow();
  const start = Date.now();
  await work();
  return { seconds: (Date.now() - start) / 1000, cpu: cpu() };
}

/**
 * Catches `projections` up from the start of the log into a schema of fresh tables, as a new
 * projection or a rebuild does (tables emptied by DELETE hold dead rows until vacuumed, and
 * measured a new projection slower than it is), then drops the schema.
 */
async function project(
  db: SqlDatabase,
  store: EventStore,
  projections: readonly Projection[],
  last: LogPosition,
) {
  const [{ home }] = await db.query<{ home: string }>('SELECT current_schema() AS home');
  const fresh = `${home}_fresh`;
  await db.query(`CREATE SCHEMA ${fresh}`);
  try {
    const scoped = schemaScoped(db, fresh, [home]);
    await applyMigrations(scoped, READ_MODEL_MIGRATIONS);
    const projector = new Projector(scoped, store, projections, silent, 20);
    const caughtUp = await timed(async () => {
      await projector.start();
      const lagging = await projector.waitFor(last, 24 * 3600_000);
      if (lagging.length > 0) throw new Error(`projections did not finish: ${lagging.join(', ')}`);
    });
    await projector.stop();
    return caughtUp;
  } finally {
    await db.query(`DROP SCHEMA ${fresh} CASCADE`);
  }
}

async function main(): Promise<void> {
  const target = await benchSchema();
  const db = target.open(10);
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    // Statuses are appended at schema v1, as an older engine stored them; reads upcast them as the engine's do.
    const store = new UpcastingEventStore(new PostgresEventStore(db), upcastToCurrent);
    const start = Date.now();
    const appended = await appendMix(store, EVENTS);
    process.stderr.write(`appended ${appended} events in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);

    let everything = { count: 0, last: START_OF_LOG };
    const read = await timed(async () => (everything = await readEverything(store)));
    const { count, last } = everything;
    process.stderr.write(
      `read ${count} events in ${read.seconds.toFixed(1)} s; rebuilding every projection...\n`,
    );

    const rebuild = await project(db, store, ALL_PROJECTIONS, last);
    process.stderr.write(
      `rebuilt in ${rebuild.seconds.toFixed(1)} s; catching up the action register alone...\n`,
    );
    const single = await project(db, store, [actionRegisterProjection], last);

    const rate = (seconds: number) => Math.round(count / seconds);
    const row = (label: string, work: Timed, goal = '') => [
      label,
      work.seconds.toFixed(1),
      rate(work.seconds),
      (rate(work.seconds) / rate(read.seconds)).toFixed(2),
      goal,
      work.cpu.node.toFixed(1),
      work.cpu.machine === null ? '-' : (work.cpu.machine - work.cpu.node).toFixed(1),
    ];
    // Where a rebuild's time goes: each projection caught up alone (BENCH_EACH=1).
    const each: (string | number)[][] = [];
    if (process.env.BENCH_EACH === '1')
      for (const projection of ALL_PROJECTIONS)
        each.push(row(`  ${projection.name} alone`, await project(db, store, [projection], last)));
    process.stdout.write(
      `replay benchmark: ${count} events (actions, decisions, meetings) on PostgreSQL\n` +
        `machine: ${machine()}\n` +
        'CPU seconds: of this process (Node), and of the rest of the machine (PostgreSQL, mostly)\n\n' +
        table([
          ['', 'seconds', 'events/s', 'of the raw read', 'goal', 'Node CPU', 'other CPU'],
          row('raw sequential read (the limit)', read),
          row('rebuild of every projection', rebuild, '≥ 0.5'),
          row('catch-up of the action register', single, '≥ 0.8'),
          ...each,
        ]) +
        '\n',
    );
  } finally {
    await target.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
