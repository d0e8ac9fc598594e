import pino from 'pino';
import { comparePositions, LogPosition } from '#event-store/port';
import { ALL_PROJECTIONS } from '#projections';
import { markRebuildAlive, markRebuildFinished, markRebuildStarted } from '#projections/rebuild-in-progress';
import { EngineConfig } from '#engine/config';
import { EngineParts, openEngine } from '#engine/engine';

export const rebuildUsage =
  'rebuild\n  Empties every projection and replays the whole event log into it, printing progress.';

/** Replays the log from the start into every projection (after a projection's code changed, or to check one). */
export async function rebuildCommand(
  config: EngineConfig,
  progress: (line: string) => void,
  parts: Pick<EngineParts, 'db' | 'eventLog'> = {},
): Promise<string> {
  // No reminders from this process, and processes (board outcomes) keep their place in the log.
  const engine = await openEngine(
    { ...config, remindersInProcess: false },
    { log: pino({ level: 'warn' }), projectorIdleMs: 50, runProcesses: false, ...parts },
  );
  const names = ALL_PROJECTIONS.map((projection) => projection.name);
  try {
    await engine.projector.stop();
    await engine.db.transaction(async (tx) => {
      await markRebuildStarted(tx);
      for (const projection of ALL_PROJECTIONS) await projection.reset(tx);
      await tx.query('DELETE FROM parked_events WHERE projection = ANY($1::text[])', [names]);
      await tx.query(
        `UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0, updated_at = now()
          WHERE projection = ANY($1::text[])`,
        [names],
      );
    });
    const started = Date.now();
    await engine.projector.start();
    for (;;) {
      const tail = await engine.store.readAll({
        after: lowestCheckpoint(engine.projector.checkpoints()),
        maxCount: 1,
      });
      if (tail.length === 0) break;
      progress(
        `replaying... ${Object.entries(engine.projector.checkpoints())
          .map(([n, p]) => `${n}@${p.prepare}`)
          .join(' ')}`,
      );
      await markRebuildAlive(engine.db);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return `rebuilt ${ALL_PROJECTIONS.length} projections from the whole event log in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  } finally {
    await markRebuildFinished(engine.db);
    await engine.close();
  }
}

function lowestCheckpoint(checkpoints: Record<string, LogPosition>): LogPosition {
  return Object.values(checkpoints).reduce((low, p) => (comparePositions(p, low) < 0 ? p : low));
}
