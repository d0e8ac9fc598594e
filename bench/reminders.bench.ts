// npm run bench:reminders: plans reminders for 100,000 actions (due over 60 days, one lead each),
// schedules them as BullMQ delayed jobs, then delivers one full day of them through BullMQ
// workers; beside each figure, BullMQ's raw add and process rates measured in the same run on
// the same Redis. BENCH_ACTIONS scales it; REDIS_URL and DATABASE_URL point it elsewhere.
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { actionStream } from '#domain/action/action-ids';
import { applyMigrations } from '#database/migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { NewEvent } from '#event-store/port';
import { ALL_MIGRATIONS } from '#projections';
import { bodiesProjection } from '#projections/bodies/bodies.projection';
import { Projector } from '#projections/projector';
import { remindersProjection } from '#projections/reminders/reminders.projection';
import { BullmqReminders } from '#reminders/bullmq-reminders';
import { LogNotifier } from '#reminders/notifiers';
import { ReminderDelivery } from '#reminders/reminder-delivery';
import { benchSchema, machine, table } from './bench-support';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAYS = 60;
const FIRST_DUE = Date.parse('2027-01-10T00:00:00Z');
const PLANNED_AT = '2026-12-01T09:00:00.000Z';
const DAY_DELIVERED = '2027-01-20';
const log = pino({ level: 'warn' });

function created(index: number): NewEvent {
  const due = new Date(FIRST_DUE + (index % DAYS) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: randomUUID(),
    type: 'ActionCreated',
    schemaVersion: 1,
    data: {
      bodyId: 'default',
      ref: `R${index}`,
      plan: 'Reminder benchmark',
      theme: null,
      title: `Benchmark action ${index}`,
      leadOfficers: [`Lead ${index % 500}`],
      deliverable: null,
      objective: null,
      dueDate: { written: due, date: due, precision: 'day' },
      createdOn: '2026-12-01',
    },
    metadata: { actor: 'bench', actorRole: 'secretary', bodyId: 'default', recordedAt: PLANNED_AT },
  };
}

const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en-GB')}/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** BullMQ on its own: add jobs in bulk, and process jobs that do nothing. */
async function rawBullmq(count: number, queueName: string): Promise<{ addMs: number; processMs: number }> {
  const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
  await queue.obliterate({ force: true });
  let start = Date.now();
  for (let i = 0; i < count; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
        name: 'raw',
        data: { n: i + j },
        opts: { jobId: `raw-${i + j}`, removeOnComplete: true },
      })),
    );
  }
  const addMs = Date.now() - start;
  start = Date.now();
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const worker = new Worker(
    queueName,
    async () => {
      if (++done === count) allDone();
    },
    { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, concurrency: 50 },
  );
  await finished;
  const processMs = Date.now() - start;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { addMs, processMs };
}

async function main() {
  const bench = await benchSchema();
  const queueName = `bench-reminders-${process.pid}`;
  try {
    const db = bench.open(20);
    await applyMigrations(db, ALL_MIGRATIONS);
    const store = new PostgresEventStore(db);

    let start = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < ACTIONS; i = next++)
          await store.append(actionStream(randomUUID()), [created(i)], 'no_stream');
      }),
    );
    process.stderr.write(`appended ${ACTIONS} actions in ${seconds(Date.now() - start)}\n`);

    // Planning: the reminders projection catching up with every action.
    start = Date.now();
    const projector = new Projector(db, store, [bodiesProjection, remindersProjection], log, 20);
    await projector.start();
    const [last] = await db.query<{ t: string; p: number }>(
      'SELECT transaction_id::text AS t, global_position AS p FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
    );
    await projector.waitFor({ commit: Number(last.t), prepare: last.p }, 3_600_000);
    await projector.stop();
    const planMs = Date.now() - start;
    const [{ planned }] = await db.query<{ planned: number }>(
      "SELECT count(*)::integer AS planned FROM reminders WHERE status = 'pending'",
    );

    // Scheduling: a delayed job for every planned reminder.
    let now = new Date(PLANNED_AT);
    const clock = () => now;
    const delivery = new ReminderDelivery(db, store, clock, { log: new LogNotifier(log) }, log, {
      leaseMs: 600_000,
    });
    const reminders = new BullmqReminders(db, delivery, { url: REDIS_URL }, clock, log, {
      queueName,
      syncIntervalMs: 3_600_000,
      concurrency: 50,
      batchSize: 5_000,
    });
    await reminders.start();
    await reminders.jobs.obliterate({ force: true });
    start = Date.now();
    for (;;) {
      const [{ left }] = await db.query<{ left: number }>(
        "SELECT count(*)::integer AS left FROM reminders WHERE status = 'pending' AND enqueued_for IS NULL",
      );
      if (left === 0) break;
      await reminders.sync();
    }
    const scheduleMs = Date.now() - start;

    // A full day's delivery: the clock moves to the end of the day and the workers send all of it.
    now = new Date(`${DAY_DELIVERED}T23:59:59.000Z`);
    await db.query("UPDATE reminders SET status = 'cancelled' WHERE status = 'pending' AND fire_at < $1", [
      `${DAY_DELIVERED}T00:00:00.000Z`,
    ]);
    const [{ dayCount }] = await db.query<{ dayCount: number }>(
      'SELECT count(*)::integer AS "dayCount" FROM reminders WHERE status = \'pending\' AND fire_at <= $1',
      [now.toISOString()],
    );
    start = Date.now();
    for (;;) {
      await reminders.sync();
      const [{ left }] = await db.query<{ left: number }>(
        "SELECT count(*)::integer AS left FROM reminders WHERE status IN ('pending', 'sending') AND fire_at <= $1",
        [now.toISOString()],
      );
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deliverMs = Date.now() - start;
    await reminders.jobs.obliterate({ force: true });
    await reminders.stop();

    const raw = await rawBullmq(Math.min(planned, 100_000), `${queueName}-raw`);
    const rawCount = Math.min(planned, 100_000);
    console.log(`bench:reminders — ${ACTIONS.toLocaleString('en-GB')} actions, ${machine()}\n`);
    console.log(
      table([
        ['step', 'count', 'time', 'rate', 'BullMQ raw, same run', 'ratio'],
        ['plan (projection)', planned, seconds(planMs), rate(planned, planMs), '-', '-'],
        [
          'schedule (delayed jobs)',
          planned,
          seconds(scheduleMs),
          rate(planned, scheduleMs),
          `add ${rate(rawCount, raw.addMs)}`,
          (planned / scheduleMs / (rawCount / raw.addMs)).toFixed(2),
        ],
        [
          `deliver ${DAY_DELIVERED}`,
          dayCount,
          seconds(deliverMs),
          rate(dayCount, deliverMs),
          `process ${rate(rawCount, raw.processMs)}`,
          (dayCount / deliverMs / (rawCount / raw.processMs)).toFixed(2),
        ],
      ]),
    );
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
