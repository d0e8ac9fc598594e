import { comparePositions, EventStore, LogPosition, RecordedEvent, START_OF_LOG } from './port';
import { WakeableSleep } from './wakeable-sleep';

export interface CatchUpOptions {
  readonly from: LogPosition;
  readonly batchSize?: number;
  /** How long to sleep when caught up, unless woken by `poke`. */
  readonly idleMs?: number;
  /**
   * Handles one batch and resolves with the checkpoint now stored: normally the batch's last
   * position, or the stored one when another process had already moved it.
   */
  readonly handle: (events: RecordedEvent[], from: LogPosition) => Promise<LogPosition>;
  readonly onError?: (error: unknown) => void;
}

/**
 * Follows the global log from a checkpoint, in batches, forever; the same for every adapter since
 * it needs only `readAll`. A failing batch is retried from the last stored checkpoint.
 */
export class CatchUpSubscription {
  private position: LogPosition;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();
  private waiters: { target: LogPosition; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly options: CatchUpOptions,
  ) {
    this.position = options.from ?? START_OF_LOG;
  }

  get checkpoint(): LogPosition {
    return this.position;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ends after the batch in hand is stored, so no work is half done. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    this.loop = null;
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  /** New events were appended: look now rather than at the next tick. */
  poke(): void {
    this.pause.wake();
  }

  /** Resolves when everything up to `target` is handled, or after `timeoutMs`; true if reached. */
  async waitFor(target: LogPosition, timeoutMs: number): Promise<boolean> {
    if (comparePositions(this.position, target) >= 0) return true;
    this.poke();
    let timer: NodeJS.Timeout | undefined;
    const reached = new Promise<boolean>((resolve) =>
      this.waiters.push({ target, resolve: () => resolve(true) }),
    );
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const result = await Promise.race([reached, timedOut]);
    clearTimeout(timer);
    return result;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const idleMs = this.options.idleMs ?? 200;
    while (this.running) {
      let fetched: number;
      try {
        const events = await this.store.readAll({ after: this.position, maxCount: batchSize });
        fetched = events.length;
        if (fetched > 0) {
          this.position = await this.options.handle(events, this.position);
          this.releaseWaiters();
        }
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(idleMs * 5);
        continue;
      }
      if (fetched < batchSize) await this.sleep(idleMs);
    }
  }

  private releaseWaiters(): void {
    const [reached, waiting] = partition(this.waiters, (w) => comparePositions(this.position, w.target) >= 0);
    this.waiters = waiting;
    for (const waiter of reached) waiter.resolve();
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.pause.sleep(ms) : Promise.resolve();
  }
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
