import pino from 'pino';
import { comparePositions, LogPosition } from '../../../../libs/event-store/src/port';
import { ALL_PROJECTIONS } from '../../../../libs/projections/src';
import { EngineConfig } from '../../../api/src/config';
import { openEngine } from '../../../api/src/engine';

export const rebuildUsage =
  'rebuild\n  Empties every projection and replays the whole event log into it, printing progress.';

/** Replays the log from the start into every projection (after a projection's code changed, or to check one). */
export async function rebuildCommand(
  config: EngineConfig,
  progress: (line: string) => void,
): Promise<string> {
  const engine = await openEngine(config, { log: pino({ level: 'warn' }), projectorIdleMs: 50 });
  try {
    await engine.projector.stop();
    await engine.db.transaction(async (tx) => {
      for (const projection of ALL_PROJECTIONS) await projection.reset(tx);
      await tx.query(
        'UPDATE projection_checkpoints SET commit_position = 0, prepare_position = 0, updated_at = now()',
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
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return `rebuilt ${ALL_PROJECTIONS.length} projections from the whole event log in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  } finally {
    await engine.close();
  }
}

function lowestCheckpoint(checkpoints: Record<string, LogPosition>): LogPosition {
  return Object.values(checkpoints).reduce((low, p) => (comparePositions(p, low) < 0 ? p : low));
}
