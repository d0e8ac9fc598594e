import { Job, Queue, RedisOptions, Worker } from 'bullmq';

import { SqlDatabase } from '#database/sql-database';
import { ReminderDelivery } from './reminder-delivery';

export interface BullmqRemindersOptions {
  readonly queueName?: string;
  /** How often the queue is brought in step with the reminder rows. */
  readonly syncIntervalMs?: number;
  readonly concurrency?: number;
  readonly batchSize?: number;
}

export interface BullmqLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** BullMQ job ids may not contain ':' nor be all digits: the reminder id and the time it is for. */
export const reminderJobId = (reminderId: string, at: Date) => `reminder-${reminderId}-${at.getTime()}`;

/**
 * Reminders on BullMQ: each pending reminder row gets a delayed job (id from the reminder and its
 * time, so a replay or a second worker adds nothing twice). The job only wakes the sending; the
 * row decides, so a job for a reminder since cancelled or sent does nothing. Each sync also adds
 * a job to run now for every reminder that is due and unsent (Redis restarted and lost its jobs,
 * or the engine's clock is ahead of BullMQ's timers).
 */
export class BullmqReminders {
  private readonly queueName: string;
  private readonly syncIntervalMs: number;
  private readonly batchSize: number;
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: SqlDatabase,
    private readonly delivery: ReminderDelivery,
    private readonly connection: RedisOptions,
    private readonly clock: () => Date,
    private readonly log: BullmqLog,
    private readonly options: BullmqRemindersOptions = {},
  ) {
    this.queueName = options.queueName ?? 'reminders';
    this.syncIntervalMs = options.syncIntervalMs ?? 5_000;
    this.batchSize = options.batchSize ?? 1_000;
  }

  get jobs(): Queue {
    if (!this.queue) throw new Error('BullmqReminders is not started');
    return this.queue;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.queue = new Queue(this.queueName, { connection: this.connection });
    this.queue.on('error', (error) => this.log.warn({ err: error.message }, 'reminder queue: Redis error'));
    this.worker = new Worker(
      this.queueName,
      async (job: Job<{ reminderId: string }>) => this.delivery.deliver(job.data.reminderId),
      {
        connection: { ...this.connection, maxRetriesPerRequest: null },
        concurrency: this.options.concurrency ?? 10,
      },
    );
    this.worker.on('error', (error) => this.log.warn({ err: error.message }, 'reminder worker: Redis error'));
    this.loop(0);
  }

  /** Stops taking jobs, lets running ones finish (bounded), and closes the connections. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.syncing;
    const closing = Promise.all([this.worker?.close(), this.queue?.close()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.worker = null;
    this.queue = null;
  }

  /** Brings the queue in step with the rows; resolves with how many jobs it added or promoted. */
  async sync(): Promise<number> {
    await this.delivery.planDigests();
    const queue = this.jobs;
    const now = this.clock();
    let touched = 0;
    // Reminders planned or moved since the last sync: a delayed job each.
    const unqueued = await this.db.query<{ reminder_id: string; at: Date | string }>(
      `SELECT reminder_id, coalesce(next_attempt_at, fire_at) AS at FROM reminders
        WHERE status = 'pending' AND (enqueued_for IS NULL OR enqueued_for <> coalesce(next_attempt_at, fire_at))
        ORDER BY at LIMIT $1`,
      [this.batchSize],
    );
    if (unqueued.length > 0) {
      await queue.addBulk(
        unqueued.map((row) => {
          const at = new Date(row.at);
          return {
            name: 'remind',
            data: { reminderId: row.reminder_id },
            opts: {
              jobId: reminderJobId(row.reminder_id, at),
              delay: Math.max(0, at.getTime() - now.getTime()),
              removeOnComplete: true,
              removeOnFail: true,
            },
          };
        }),
      );
      await this.db.query(
        `UPDATE reminders SET enqueued_for = coalesce(next_attempt_at, fire_at)
          WHERE reminder_id = ANY($1::uuid[]) AND status = 'pending'`,
        [unqueued.map((row) => row.reminder_id)],
      );
      touched += unqueued.length;
    }
    // Reminders due by the engine's clock with no job running them: Redis lost it (a restart), or
    // the clock says due before BullMQ's timer does. One job each to run now; any older delayed job
    // for the same reminder finds it sent and does nothing. The id names the attempt: a job for the
    // attempt that just failed may still be in Redis, finishing, and would swallow one for the retry.
    const due = await this.delivery.due(this.batchSize);
    if (due.length > 0) {
      await queue.addBulk(
        due.map(({ reminderId, attempts }) => ({
          name: 'remind',
          data: { reminderId },
          opts: {
            jobId: `reminder-${reminderId}-due-${attempts}`,
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
      touched += due.length;
    }
    return touched;
  }

  private loop(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.syncing = this.sync()
        .then(() => undefined)
        .catch((error) =>
          this.log.error(
            { err: error instanceof Error ? error.message : error },
            'reminder sync failed; will try again',
          ),
        )
        .finally(() => {
          if (!this.stopped) this.loop(this.syncIntervalMs);
        });
    }, delayMs);
  }
}
