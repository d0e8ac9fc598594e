import { SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { EngineConfig } from '#engine/config';
import { Engine } from '#engine/engine';
import { replayInto } from '#engine/replay';
import { withCommandEngine } from './command-engine';

export const replayUsage = `replay --until INSTANT --schema NAME
  Builds every read model as it stood at INSTANT (2017-10-10T17:00:00Z; a date alone is its first
  instant, UTC) into a new schema NAME of the engine's database, from the events recorded by then,
  for an auditor to query with SQL. The live read models are left alone; nothing is sent.`;

/** `replay --until --schema`: where the read models are, and how to query them. */
export async function replayCommand(
  args: string[],
  config: EngineConfig,
  parts: { engine?: Engine } = {},
): Promise<string> {
  const { values } = parseArgs({ args, options: { until: { type: 'string' }, schema: { type: 'string' } } });
  if (!values.until || !values.schema) throw new Error(`say --until and --schema\n${replayUsage}`);
  const until = new Date(values.until);
  if (Number.isNaN(until.getTime()))
    throw new Error(`--until "${values.until}" is not an instant: write it like 2017-10-10T17:00:00Z`);
  const schema = values.schema;
  return withCommandEngine(config, parts.engine, async (engine) => {
    const bar = new SingleBar({
      format: 'replaying {bar} {value}/{total} events | {eta_formatted} left',
      clearOnComplete: true,
    });
    bar.start(1, 0);
    const summary = await replayInto(engine.db, engine.store, pino({ level: 'warn' }), {
      until,
      schema,
      onProgress: (done, total) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(done);
      },
    });
    bar.stop();
    const where =
      engine.db.kind === 'postgres'
        ? `  psql "$DATABASE_URL" -c 'SET search_path TO ${schema}; SELECT ref, status FROM action_register'`
        : `  (in the embedded database in DATA_DIR: the same SQL, once search_path is ${schema})`;
    return [
      `Read models as they stood at ${summary.until} are in schema ${schema}: ${summary.events} events replayed in ${summary.seconds.toFixed(1)} s.`,
      `Tables: ${summary.tables.join(', ')}.`,
      'Query them with SQL, for example:',
      where,
      `The replay table says what was replayed. Drop the schema when done: DROP SCHEMA ${schema} CASCADE`,
    ].join('\n');
  });
}
