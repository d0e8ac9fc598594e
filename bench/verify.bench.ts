// npm run bench:verify: BENCH_EVENTS (default 1,000,000) events appended to PostgreSQL in one body's
// chain (and a tenth as many in another's), then (a) the whole log read through the port in log
// order, the raw sequential read; (b) the body's chain verified from its rows (every content hash
// and link recomputed, the signed heads checked). Prints events/s of both and their ratio.
import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { newChainSigningKey } from '#event-store/chain/chain-checkpoint';
import { LogPosition, NewEvent, START_OF_LOG } from '#event-store/port';
import { EventChains } from '#event-store/postgres/event-chain';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { ALL_MIGRATIONS } from '#projections';
import { benchSchema, machine, table } from './bench-support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WRITERS = 8;
const PER_STREAM = 10;

/** An action's life as an officer records it: created, then statuses and progress (about 400 bytes each). */
function actionEvents(bodyId: string, index: number): NewEvent[] {
  const recordedAt = new Date(Date.UTC(2017, 3, 1) + index * 60_000).toISOString();
  const metadata = { actor: 'lead.officer@north.gov.uk', actorRole: 'officer', bodyId, recordedAt };
  return Array.from({ length: PER_STREAM }, (_, revision) => ({
    id: randomUUID(),
    type: revision === 0 ? 'ActionCreated' : revision % 2 ? 'ActionStatusSet' : 'ActionProgressRecorded',
    schemaVersion: 1,
    data:
      revision === 0
        ? {
            ref: `WP-2017-18/${index}`,
            plan: 'Police and Crime Plan 2017-18',
            theme: 'Theme 7',
            dueDate: { written: 'Mar-18' },
          }
        : {
            status: ['GREEN', 'AMBER', 'RED'][revision % 3],
            effectiveOn: '2017-09-30',
            note: 'Recruitment of the analyst is under way; first report to the board in October.',
          },
    metadata,
  }));
}

async function appendBody(store: PostgresEventStore, bodyId: string, events: number): Promise<void> {
  let next = 0;
  const streams = Math.ceil(events / PER_STREAM);
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let index = next++; index < streams; index = next++)
        await store.append(`action-${randomUUID()}`, actionEvents(bodyId, index), 'no_stream');
    }),
  );
}

async function readEverything(store: PostgresEventStore): Promise<number> {
  let last: LogPosition = START_OF_LOG;
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after: last, maxCount: 1000 });
    if (events.length === 0) return count;
    count += events.length;
    last = events[events.length - 1].position;
  }
}

async function main(): Promise<void> {
  const target = await benchSchema();
  const db = target.open(10);
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    const store = new PostgresEventStore(db);
    const chains = new EventChains(db, store, newChainSigningKey(), () => new Date());
    let start = Date.now();
    await appendBody(store, 'north', EVENTS);
    await appendBody(store, 'south', EVENTS / 10);
    const appendSeconds = (Date.now() - start) / 1000;
    const [signed] = await chains.signMovedHeads();
    process.stderr.write(`appended ${EVENTS * 1.1} events in ${appendSeconds.toFixed(1)} s; reading...\n`);

    start = Date.now();
    const read = await readEverything(store);
    const readSeconds = (Date.now() - start) / 1000;
    process.stderr.write(`read ${read} events in ${readSeconds.toFixed(1)} s; verifying north...\n`);

    start = Date.now();
    const result = await chains.verify('north', { heldHeads: [signed] });
    const verifySeconds = (Date.now() - start) / 1000;
    if (!result.verified) throw new Error(`the chain did not verify: ${JSON.stringify(result.firstBreak)}`);

    const rawRate = Math.round(read / readSeconds);
    const verifyRate = Math.round(result.eventsChecked / verifySeconds);
    process.stdout.write(
      `verify benchmark: ${result.eventsChecked} events of one body's chain (of ${read} in the log) on PostgreSQL\n` +
        `machine: ${machine()}\n\n` +
        table([
          ['', 'events', 'seconds', 'events/s', 'of the raw read'],
          [
            'append (8 writers, 10 events an append)',
            read,
            appendSeconds.toFixed(1),
            Math.round(read / appendSeconds),
            '',
          ],
          ['raw read of the whole log (port, log order)', read, readSeconds.toFixed(1), rawRate, '1.00'],
          [
            'verify one body (hashes, links, signed heads)',
            result.eventsChecked,
            verifySeconds.toFixed(1),
            verifyRate,
            (verifyRate / rawRate).toFixed(2),
          ],
        ]) +
        '\n',
    );
  } finally {
    await target.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
