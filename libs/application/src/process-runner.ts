import { randomUUID } from 'node:crypto';
import { SqlDatabase } from '../../database/src/sql-database';
import {
  comparePositions,
  EventStore,
  LogPosition,
  RecordedEvent,
  START_OF_LOG,
} from '../../event-store/src/port';
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

/** Long enough for a slow batch, short enough that a crashed holder's work resumes soon. */
const LEASE_SECONDS = 30;

type StoredCheckpoint = { commit_position: number; prepare_position: number };

/**
 * Runs each process from its stored checkpoint over the global log, saving the checkpoint per
 * batch. Several API instances may run it: a lease (`process_leases`) lets one handle each process's events, and the
 * checkpoint only moves forward, so no instance repeats or rewinds another's work.
 */
export class ProcessRunner {
  private readonly subscriptions: CatchUpSubscription[] = [];
  /** This runner, as a lease holder. */
  private readonly holder = randomUUID();

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
      const stored = await this.checkpointOf(name);
      const subscription = new CatchUpSubscription(this.store, {
        from: stored ?? START_OF_LOG,
        idleMs: this.idleMs,
        handle: (events, from) => this.handleBatch(process, name, events, from),
        onError: (error) =>
          this.log.error({ process: process.name, err: error }, 'process batch failed; retrying'),
      });
      this.subscriptions.push(subscription);
      subscription.start();
    }
  }

  /** Finishes the batch in hand and stops, giving up its leases; what it did not checkpoint runs again. */
  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.stop()));
    this.subscriptions.length = 0;
    await this.db.query('DELETE FROM process_leases WHERE holder = $1', [this.holder]);
  }

  private async handleBatch(
    process: EventProcess,
    name: string,
    events: RecordedEvent[],
    from: LogPosition,
  ): Promise<LogPosition> {
    if (!(await this.holdLease(name))) {
      // Another runner handles this process: follow its checkpoint, and look again a little later.
      await new Promise((resolve) => setTimeout(resolve, this.idleMs * 5));
      return (await this.checkpointOf(name)) ?? from;
    }
    const stored = await this.checkpointOf(name);
    // The checkpoint was moved back (an operator replaying the process): read again from there.
    if (stored && comparePositions(stored, from) < 0) return stored;
    // The previous holder may have handled part of this batch already: handle only what follows.
    const pending = stored ? events.filter((event) => comparePositions(event.position, stored) > 0) : events;
    if (stored && pending.length === 0) return stored;
    for (const event of pending) await process.handle(event);
    const last = events[events.length - 1].position;
    await this.db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position, updated_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (projection) DO UPDATE
         SET commit_position = EXCLUDED.commit_position, prepare_position = EXCLUDED.prepare_position,
             updated_at = now()
         WHERE (projection_checkpoints.commit_position, projection_checkpoints.prepare_position)
             < (EXCLUDED.commit_position, EXCLUDED.prepare_position)`,
      [name, last.commit, last.prepare],
    );
    return last;
  }

  /** Takes or renews the lease on a process; false while another runner's lease runs. */
  private async holdLease(name: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO process_leases (process, holder, held_until)
       VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (process) DO UPDATE
         SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until
         WHERE process_leases.holder = EXCLUDED.holder OR process_leases.held_until < now()
       RETURNING holder`,
      [name, this.holder, LEASE_SECONDS],
    );
    return rows.length === 1;
  }

  private async checkpointOf(name: string): Promise<LogPosition | null> {
    const [stored] = await this.db.query<StoredCheckpoint>(
      'SELECT commit_position, prepare_position FROM projection_checkpoints WHERE projection = $1',
      [name],
    );
    return stored ? { commit: stored.commit_position, prepare: stored.prepare_position } : null;
  }
}
