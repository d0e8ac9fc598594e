import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where one request's time went, phase by phase (load, decide, append, wait for read models):
 * the edge starts a clock, the command path adds what it spends, and the edge reports it.
 */
export class PhaseClock {
  private readonly spent = new Map<string, number>();
  private readonly started = performance.now();

  add(phase: string, ms: number): void {
    this.spent.set(phase, (this.spent.get(phase) ?? 0) + ms);
  }

  /** Milliseconds per phase in the order first met, rounded to 0.1, and `total` since the start. */
  phases(): Record<string, number> {
    const tenths = (ms: number) => Math.round(ms * 10) / 10;
    const phases = Object.fromEntries([...this.spent].map(([phase, ms]) => [phase, tenths(ms)]));
    return { ...phases, total: tenths(performance.now() - this.started) };
  }
}

const clockOfRequest = new AsyncLocalStorage<PhaseClock>();

/** Runs `work` with a clock that the phases inside it add to. */
export function withPhaseClock<T>(clock: PhaseClock, work: () => T): T {
  return clockOfRequest.run(clock, work);
}

/** Adds the time `work` takes to `phase` of the clock running here, if any. */
export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const clock = clockOfRequest.getStore();
  if (!clock) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    clock.add(phase, performance.now() - started);
  }
}

/** `timed` for work done on the spot (deciding). */
export function timedNow<T>(phase: string, work: () => T): T {
  const clock = clockOfRequest.getStore();
  if (!clock) return work();
  const started = performance.now();
  try {
    return work();
  } finally {
    clock.add(phase, performance.now() - started);
  }
}
