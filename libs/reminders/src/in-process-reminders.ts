import { ReminderDelivery } from './reminder-delivery';

export interface ReminderLoopLog {
  error(details: object, message: string): void;
}

/**
 * The embedded default's scheduler: one process looks for due reminders every interval and sends
 * them. Same rows, same claim, same records as with BullMQ; only what wakes the sending differs.
 */
export class InProcessReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly delivery: ReminderDelivery,
    private readonly log: ReminderLoopLog,
    private readonly intervalMs = 30_000,
    private readonly batchSize = 200,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: plan today's digests, then send everything due; resolves when the pass is done. */
  async tick(): Promise<number> {
    await this.delivery.planDigests();
    let sent = 0;
    for (;;) {
      const due = await this.delivery.due(this.batchSize);
      let progressed = 0;
      for (const { reminderId } of due) {
        const result = await this.delivery.deliver(reminderId);
        if (result === 'sent') sent++;
        if (result !== 'skipped') progressed++;
      }
      // A full batch that moved nothing (another process holds them) waits for the next pass.
      if (due.length < this.batchSize || progressed === 0 || this.stopped) return sent;
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error) => this.log.error({ err: error }, 'reminder pass failed; will try again'))
        .finally(() => {
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}
