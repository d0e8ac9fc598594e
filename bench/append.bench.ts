// npm run bench:append: the PostgreSQL event-store adapter's append rate beside raw INSERTs into an
// equivalent table, measured in the same run on the same server. BENCH_EVENTS sets N (default 20000).
import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { NewEvent } from '#event-store/port';
import { benchDatabaseUrl, benchSchema, machine, table } from './bench-support';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 20000);
// Each writer rotates over this many streams (BENCH_STREAMS): actions are many, each its own stream.
const STREAMS_PER_WRITER = Number(process.env.BENCH_STREAMS ?? 10);

const RAW_TABLE = `
  CREATE TABLE raw_events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    event_id uuid NOT NULL UNIQUE,
    stream_id text NOT NULL,
    stream_revision bigint NOT NULL,
    event_type text NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_revision)
  );
  CREATE INDEX raw_events_log_order ON raw_events (transaction_id, global_position);`;

function event(n: number, bodyId: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'ActionStatusSet',
    schemaVersion: 1,
    data: {
      status: 'GREEN',
      commentary: `Adequate progress is being made (update ${n}).`,
      effectiveOn: '2017-09-30',
    },
    metadata: { actor: 'bench', actorRole: 'officer', bodyId, recordedAt: new Date().toISOString() },
  };
}

type Writer = (stream: string, revision: number, events: NewEvent[]) => Promise<unknown>;

/**
 * `writers` concurrent loops, each on its own streams, appending `batch` events at a time, all in
 * one body's hash chain or each in a body of its own (a body's appends are chained one at a time).
 */
async function run(write: Writer, writers: number, batch: number, bodies: 'one' | 'each'): Promise<number> {
  const perWriter = Math.floor(TOTAL / writers / batch);
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const streams = Array.from({ length: STREAMS_PER_WRITER }, () => ({
        id: `bench-${w}-${randomUUID()}`,
        revision: -1,
      }));
      for (let i = 0; i < perWriter; i++) {
        const stream = streams[i % streams.length];
        const body = bodies === 'one' ? 'bench' : `bench-${w}`;
        const events = Array.from({ length: batch }, (_, k) => event(i * batch + k, body));
        await write(stream.id, stream.revision, events);
        stream.revision += batch;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (perWriter * writers * batch) / seconds;
}

function rawInsert(db: SqlDatabase): Writer {
  return (stream, revision, events) =>
    db.query(
      `INSERT INTO raw_events (event_id, stream_id, stream_revision, event_type, schema_version, data, metadata)
       SELECT (e.doc->>'id')::uuid, $1, $2::bigint + e.ord, e.doc->>'type', (e.doc->>'schemaVersion')::integer,
              e.doc->'data', e.doc->'metadata'
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(doc, ord)`,
      [stream, revision, JSON.stringify(events)],
    );
}

async function main() {
  const bench = await benchSchema();
  try {
    const db = bench.open(20);
    await applyMigrations(db, eventStoreMigrations);
    await db.execScript(RAW_TABLE);
    const store = new PostgresEventStore(db);
    const adapter: Writer = (stream, revision, events) =>
      store.append(stream, events, revision < 0 ? 'no_stream' : revision);
    const raw = rawInsert(db);

    const rows: (string | number)[][] = [['scenario', 'adapter ev/s', 'raw INSERT ev/s', 'adapter/raw']];
    for (const [label, writers, batch, bodies] of [
      ['single, 1 writer', 1, 1, 'one'],
      ['single, 16 writers, one body', 16, 1, 'one'],
      ['single, 16 writers, a body each', 16, 1, 'each'],
      ['batch of 100, 1 writer', 1, 100, 'one'],
      ['batch of 100, 16 writers, one body', 16, 100, 'one'],
      ['batch of 100, 16 writers, a body each', 16, 100, 'each'],
    ] as const) {
      await run(raw, writers, batch, bodies); // warm-up: plans cached, pages in memory
      const rawRate = await run(raw, writers, batch, bodies);
      const adapterRate = await run(adapter, writers, batch, bodies);
      rows.push([label, Math.round(adapterRate), Math.round(rawRate), (adapterRate / rawRate).toFixed(2)]);
      process.stderr.write(`${label} done\n`);
    }
    console.log(
      `append benchmark: ${TOTAL} events per run on ${benchDatabaseUrl.replace(/\/\/[^@]*@/, '//')}`,
    );
    console.log(`machine: ${machine()}`);
    console.log(table(rows));
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
