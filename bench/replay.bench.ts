// npm run bench:replay: BENCH_EVENTS (default 1,000,000) events of a realistic mix (actions with
// status changes and progress, decisions taken and published, board meetings with agendas) appended
// to PostgreSQL; then (a) the whole log read through the port in log order, the raw sequential
// read that bounds any replay; (b) every projection rebuilt from nothing; (c) one projection (the
// action register) caught up alone. Prints events/s of each and their ratios to (a); with
// BENCH_EACH=1, every projection caught up alone too, to show where a rebuild's time goes.
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { EventStore, LogPosition, START_OF_LOG } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { UpcastingEventStore } from '#event-store/upcasting-event-store';
import { upcastToCurrent } from '#domain/upcasters';
import { ALL_MIGRATIONS, ALL_PROJECTIONS } from '#projections';
import { actionRegisterProjection } from '#projections/action-register/action-register.projection';
import { Projection } from '#projections/projection';
import { Projector } from '#projections/projector';
import { benchSchema, machine, table } from './bench-support';
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

async function project(db: SqlDatabase, store: EventStore, projections: Projection[], last: LogPosition) {
  const projector = new Projector(db, store, projections, silent, 20);
  const start = Date.now();
  await projector.start();
  const lagging = await projector.waitFor(last, 24 * 3600_000);
  const seconds = (Date.now() - start) / 1000;
  await projector.stop();
  if (lagging.length > 0) throw new Error(`projections did not finish: ${lagging.join(', ')}`);
  return seconds;
}

async function main(): Promise<void> {
  const target = await benchSchema();
  const db = target.open(10);
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    // Statuses are appended at schema v1, as an older engine stored them; reads upcast them as the engine's do.
    const store = new UpcastingEventStore(new PostgresEventStore(db), upcastToCurrent);
    let start = Date.now();
    const appended = await appendMix(store, EVENTS);
    const appendSeconds = (Date.now() - start) / 1000;
    process.stderr.write(`appended ${appended} events in ${appendSeconds.toFixed(1)} s\n`);

    start = Date.now();
    const { count, last } = await readEverything(store);
    const readSeconds = (Date.now() - start) / 1000;
    process.stderr.write(
      `read ${count} events in ${readSeconds.toFixed(1)} s; rebuilding every projection...\n`,
    );

    const rebuildSeconds = await project(db, store, [...ALL_PROJECTIONS], last);
    process.stderr.write(
      `rebuilt in ${rebuildSeconds.toFixed(1)} s; catching up the action register alone...\n`,
    );
    await db.transaction((tx) => actionRegisterProjection.reset(tx));
    await db.query(
      "UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = 'action_register'",
    );
    const singleSeconds = await project(db, store, [actionRegisterProjection], last);

    // Where a rebuild's time goes: each projection caught up alone (BENCH_EACH=1).
    const each: (string | number)[][] = [];
    if (process.env.BENCH_EACH === '1')
      for (const projection of ALL_PROJECTIONS) {
        await db.transaction((tx) => projection.reset(tx));
        await db.query(
          'UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = $1',
          [projection.name],
        );
        const seconds = await project(db, store, [projection], last);
        each.push([`  ${projection.name} alone`, seconds.toFixed(1), Math.round(count / seconds), '', '']);
      }
    const rate = (seconds: number) => Math.round(count / seconds);
    const raw = rate(readSeconds);
    process.stdout.write(
      `replay benchmark: ${count} events (actions, decisions, meetings) on PostgreSQL\n` +
        `machine: ${machine()}\n\n` +
        table([
          ['', 'seconds', 'events/s', 'of the raw read', 'goal'],
          ['raw sequential read (the limit)', readSeconds.toFixed(1), raw, '1.00', ''],
          [
            'rebuild of every projection',
            rebuildSeconds.toFixed(1),
            rate(rebuildSeconds),
            (rate(rebuildSeconds) / raw).toFixed(2),
            '≥ 0.5',
          ],
          [
            'catch-up of the action register',
            singleSeconds.toFixed(1),
            rate(singleSeconds),
            (rate(singleSeconds) / raw).toFixed(2),
            '≥ 0.8',
          ],
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
