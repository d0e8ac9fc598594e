import pino from 'pino';
import { EngineConfig } from '#engine/config';
import { Engine, openEngine } from '#engine/engine';

/**
 * Runs a command's work on the engine it was given (a test's), or on one opened for it and closed
 * after: no reminders sent and no processes run from a command, only warnings logged.
 */
export async function withCommandEngine<T>(
  config: EngineConfig,
  given: Engine | undefined,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const engine =
    given ??
    (await openEngine(
      { ...config, remindersInProcess: false },
      { log: pino({ level: 'warn' }), runProcesses: false },
    ));
  try {
    return await work(engine);
  } finally {
    if (!given) await engine.close();
  }
}
