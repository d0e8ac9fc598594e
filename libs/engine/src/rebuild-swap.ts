import { SqlDatabase } from '#database/sql-database';
import { comparePositions, EventStore, LogPosition } from '#event-store/port';
import { ALL_PROJECTIONS } from '#projections';
import { ProjectorLog } from '#projections/projector';
import { buildReadModels, endOf } from './replay';

/** Tables a schema of read models holds that are not read models: they stay where they are. */
const NOT_READ_MODELS = new Set([
  'schema_migrations',
  'projection_checkpoints',
  'parked_events',
  'event_log_kind',
]);

export interface RebuildSummary {
  readonly events: number;
  readonly tables: string[];
  readonly seconds: number;
}

/**
 * Rebuilds every read model from the whole log into fresh tables while the old ones keep serving,
 * then swaps them in, in one transaction: the live appliers wait on their checkpoints meanwhile,
 * the fresh tables catch up to the log's end, take the old ones' names, and the checkpoints move
 * to where the fresh tables stand. The live appliers then read on from there (a batch before it
 * is passed over, see `pendingAfter`). Processes keep their places; nothing is sent.
 */
export async function rebuildWithSwap(
  db: SqlDatabase,
  store: EventStore,
  log: ProjectorLog,
  onProgress?: (done: number, total: number) => void,
): Promise<RebuildSummary> {
  const started = Date.now();
  const schema = `rebuild_${Date.now().toString(36)}`;
  const built = await buildReadModels(db, store, log, schema, onProgress);
  const names = ALL_PROJECTIONS.map((projection) => projection.name);
  const tables = (
    await db.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    )
  )
    .map((row) => row.table_name)
    .filter((table) => !NOT_READ_MODELS.has(table));
  try {
    // PGlite has one connection: nothing else appends, and the swap's transaction would hold it
    // from the fresh tables' last batches. PostgreSQL's fresh tables catch up with what was
    // appended while they were built, then (inside the swap, which must not idle long) with the rest.
    if (db.kind === 'pglite') await built.projector.stop();
    else await built.projector.waitFor(await endAfter(store, built.projector.checkpoints()), 600_000);
    await db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM projection_checkpoints WHERE projection = ANY($1::text[]) FOR UPDATE', [
        names,
      ]);
      if (db.kind === 'postgres') {
        const last = await endAfter(store, built.projector.checkpoints());
        const lagging = await built.projector.waitFor(last, 60_000);
        await built.projector.stop();
        if (lagging.length > 0)
          throw new Error(`the fresh read models did not catch up: ${lagging.join(', ')}`);
      }
      const home = `"${built.home}"`;
      for (const table of tables) await tx.query(`DROP TABLE ${home}."${table}"`);
      for (const table of tables) await tx.query(`ALTER TABLE "${schema}"."${table}" SET SCHEMA ${home}`);
      await tx.query(
        `UPDATE ${home}.projection_checkpoints c
            SET commit_position = r.commit_position, prepare_position = r.prepare_position, updated_at = now()
           FROM "${schema}".projection_checkpoints r
          WHERE c.projection = r.projection AND c.projection = ANY($1::text[])`,
        [names],
      );
      await tx.query(`DELETE FROM ${home}.parked_events WHERE projection = ANY($1::text[])`, [names]);
      await tx.query(`INSERT INTO ${home}.parked_events SELECT * FROM "${schema}".parked_events`);
    });
  } finally {
    await built.projector.stop();
    await db.query(`DROP SCHEMA "${schema}" CASCADE`);
  }
  return { events: built.events, tables, seconds: (Date.now() - started) / 1000 };
}

/** The log's last position, read on from the furthest-behind of `checkpoints`. */
async function endAfter(store: EventStore, checkpoints: Record<string, LogPosition>): Promise<LogPosition> {
  const lowest = Object.values(checkpoints).reduce((low, p) => (comparePositions(p, low) < 0 ? p : low));
  return (await endOf(store, lowest)).last;
}
