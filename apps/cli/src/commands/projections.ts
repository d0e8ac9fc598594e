import pino from 'pino';
import { parseArgs } from 'node:util';
import { applyMigrations } from '#database/migrations';
import { ALL_PROJECTIONS } from '#projections';
import { ENGINE_MIGRATIONS } from '#engine/engine-migrations';
import { listParked, retryParked } from '#projections/parked-events';
import { EngineConfig } from '#engine/config';
import { openDatabase } from '#engine/engine';
import { openEventStore } from '#engine/event-log';

export const projectionsUsage = `projections list [--projection NAME]
  Lists the events projections parked because they could not apply them, with the error.
projections retry [--projection NAME]
  Applies parked events again (after the fix); those that fail again stay parked.`;

export async function projectionsCommand(args: string[], config: EngineConfig): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { projection: { type: 'string' } },
  });
  const [action] = positionals;
  const known = ALL_PROJECTIONS.map((p) => p.name);
  if (values.projection !== undefined && !known.includes(values.projection))
    throw new Error(
      `--projection "${values.projection}" is not a projection; use one of: ${known.join(', ')}`,
    );
  if (action !== 'list' && action !== 'retry') throw new Error(`say list or retry\n${projectionsUsage}`);
  const db = await openDatabase(config, pino({ level: 'silent' }));
  const store = openEventStore(config, db);
  try {
    await applyMigrations(db, ENGINE_MIGRATIONS);
    if (action === 'list') {
      const parked = await listParked(db, values.projection);
      if (parked.length === 0) return 'no parked events';
      return parked
        .map(
          (e) =>
            `${e.projection}\t${e.eventType}\t${e.eventId}\tstream ${e.streamId}\tsince ${e.parkedAt}\t` +
            (e.error ?? 'waits behind an earlier parked event of its stream'),
        )
        .join('\n');
    }
    const { applied, stillParked } = await retryParked(db, store, ALL_PROJECTIONS, values.projection);
    return `applied ${applied} parked events; ${stillParked} still parked`;
  } finally {
    await store.close();
    await db.close();
  }
}
