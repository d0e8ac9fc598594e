import { Presets, SingleBar } from 'cli-progress';
import pino from 'pino';
import { EngineConfig } from '#engine/config';
import { EngineParts, openEngine } from '#engine/engine';
import { rebuildWithSwap } from '#engine/rebuild-swap';

export const rebuildUsage = `rebuild
  Rebuilds every read model from the whole event log into fresh tables while the old ones keep
  serving, then swaps them in, in one transaction; prints progress. Processes keep their places.`;

/** Replays the log into fresh read models and swaps them in (after a projection's code changed, or to check one). */
export async function rebuildCommand(
  config: EngineConfig,
  parts: Pick<EngineParts, 'db' | 'eventLog'> = {},
): Promise<string> {
  // No reminders from this process, and processes (board outcomes) keep their place in the log.
  const engine = await openEngine(
    { ...config, remindersInProcess: false },
    { log: pino({ level: 'warn' }), projectorIdleMs: 50, runProcesses: false, ...parts },
  );
  try {
    // This process only rebuilds: the live read models are applied by the engines serving them.
    await engine.projector.stop();
    const bar = new SingleBar(
      { format: 'rebuilding {bar} {value}/{total} events | {rate} events/s | {eta_formatted} left' },
      Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(1, 0, { rate: 0 });
    const summary = await rebuildWithSwap(engine.db, engine.store, engine.log, (done, total) => {
      const rate = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { rate });
    });
    bar.stop();
    return `rebuilt ${summary.tables.length} tables of every projection from the whole event log (${summary.events} events) in ${summary.seconds.toFixed(1)} s, and swapped them in`;
  } finally {
    await engine.close();
  }
}
