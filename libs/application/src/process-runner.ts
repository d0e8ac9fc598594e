import { SqlDatabase } from '../../database/src/sql-database';
import { EventStore, LogPosition, RecordedEvent, START_OF_LOG } from '../../event-store/src/port';
import { CatchUpSubscription } from '../../event-store/src/subscription';

/**
 * A process manager: reacts to events by issuing commands (an outcome raising an action). Its
 * handling must be idempotent: after a crash the events since the last checkpoint come again.
 */
export interface EventProcess {
  readonly name: string;
  /** Resolves with where its own appends landed (to wait for them), or null when it wrote nothing. */
  handle(event: RecordedEvent): Promise<LogPosition | null>;
}

export interface ProcessLog {
  error(details: object, message: string): void;
}

/** Runs each process from its stored checkpoint over the global log, saving the checkpoint per batch. */
export class ProcessRunner {
  private readonly subscriptions: CatchUpSubscription[] = [];

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly processes: readonly EventProcess[],
    private readonly log: ProcessLog,
    private readonly idleMs = 200,
  ) {}

  async start(): Promise<void> {
    for (const process of this.processes) {
      const name = `process:${process.name}`;
      const [stored] = await this.db.query<{ commit_position: number; prepare_position: number }>(
        'SELECT commit_position, prepare_position FROM projection_checkpoints WHERE projection = $1',
        [name],
      );
      const subscription = new CatchUpSubscription(this.store, {
        from: stored ? { commit: stored.commit_position, prepare: stored.prepare_position } : START_OF_LOG,
        idleMs: this.idleMs,
        handle: async (events: RecordedEvent[]) => {
          for (const event of events) await process.handle(event);
          const last = events[events.length - 1].position;
          await this.db.query(
            `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position, updated_at)
             VALUES ($1, $2, $3, now())
             ON CONFLICT (projection) DO UPDATE SET commit_position = $2, prepare_position = $3, updated_at = now()`,
            [name, last.commit, last.prepare],
          );
          return last;
        },
        onError: (error) =>
          this.log.error({ process: process.name, err: error }, 'process batch failed; retrying'),
      });
      this.subscriptions.push(subscription);
      subscription.start();
    }
  }

  /** Finishes the batch in hand and stops; what it did not checkpoint runs again next start. */
  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.stop()));
    this.subscriptions.length = 0;
  }
}
