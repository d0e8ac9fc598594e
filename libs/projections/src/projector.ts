import { SqlDatabase } from '../../database/src/sql-database';
import {
  comparePositions,
  EventStore,
  LogPosition,
  RecordedEvent,
  START_OF_LOG,
} from '../../event-store/src/port';
import { CatchUpSubscription } from '../../event-store/src/subscription';
import { isTransient, park, parkedStreams } from './parked-events';
import { Projection } from './projection';

export interface ProjectorLog {
  error(details: object, message: string): void;
}

/**
 * Keeps every projection in step with the global log. Each projection writes its rows and its
 * checkpoint in one transaction, so a restart resumes where it stopped and applies nothing twice;
 * when several processes run projectors, the checkpoint row's lock lets one apply each batch.
 */
export class Projector {
  private readonly subscriptions = new Map<string, CatchUpSubscription>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly log: ProjectorLog,
    private readonly idleMs = 200,
  ) {}

  async start(): Promise<void> {
    // Every projection has its row before any batch, so the row lock always serialises appliers.
    for (const projection of this.projections) {
      await this.db.query(
        `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position)
         VALUES ($1, 0, 0) ON CONFLICT (projection) DO NOTHING`,
        [projection.name],
      );
    }
    const checkpoints = await this.db.query<{
      projection: string;
      commit_position: number;
      prepare_position: number;
    }>('SELECT projection, commit_position, prepare_position FROM projection_checkpoints');
    for (const projection of this.projections) {
      const stored = checkpoints.find((row) => row.projection === projection.name);
      const subscription = new CatchUpSubscription(this.store, {
        from: stored ? { commit: stored.commit_position, prepare: stored.prepare_position } : START_OF_LOG,
        idleMs: this.idleMs,
        handle: (events, from) => this.applyBatch(projection, events, from),
        onError: (error) =>
          this.log.error({ projection: projection.name, err: error }, 'projection batch failed; retrying'),
      });
      this.subscriptions.set(projection.name, subscription);
      subscription.start();
    }
  }

  /** Finishes the batches in hand (their checkpoints are stored with them) and stops. */
  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
  }

  /** Something was appended: look now. */
  poke(): void {
    for (const subscription of this.subscriptions.values()) subscription.poke();
  }

  /**
   * Waits until every projection has handled the log up to `position` (the last event of one
   * append), and resolves with the names of those that have not (timed out) or that parked an
   * event of that append instead of applying it: empty when every read model shows the write.
   */
  async waitFor(position: LogPosition, timeoutMs = 5000): Promise<string[]> {
    const entries = [...this.subscriptions];
    const reached = await Promise.all(
      entries.map(([, subscription]) => subscription.waitFor(position, timeoutMs)),
    );
    const lagging = entries.filter((_, index) => !reached[index]).map(([name]) => name);
    // The events of one append share its commit position.
    const parked = await this.db.query<{ projection: string }>(
      `SELECT DISTINCT projection FROM parked_events
        WHERE commit_position = $1 AND prepare_position <= $2 AND projection = ANY($3::text[])`,
      [position.commit, position.prepare, entries.map(([name]) => name)],
    );
    return [...new Set([...lagging, ...parked.map((row) => row.projection)])];
  }

  checkpoints(): Record<string, LogPosition> {
    return Object.fromEntries(
      [...this.subscriptions].map(([name, subscription]) => [name, subscription.checkpoint]),
    );
  }

  /**
   * Applies a batch in one transaction. Should an event fail, the batch is applied again one event
   * at a time, each under a savepoint: the event that fails is parked (and with it every later
   * event of its stream), and everything else is applied, so one bad event stops nobody else.
   */
  private async applyBatch(
    projection: Projection,
    events: RecordedEvent[],
    from: LogPosition,
  ): Promise<LogPosition> {
    try {
      return await this.applyInOneTransaction(projection, events, from, false);
    } catch (error) {
      if (isTransient(error)) throw error;
      return this.applyInOneTransaction(projection, events, from, true);
    }
  }

  private async applyInOneTransaction(
    projection: Projection,
    events: RecordedEvent[],
    from: LogPosition,
    eventByEvent: boolean,
  ): Promise<LogPosition> {
    return this.db.transaction(async (tx) => {
      const [stored] = await tx.query<{ commit_position: number; prepare_position: number }>(
        'SELECT commit_position, prepare_position FROM projection_checkpoints WHERE projection = $1 FOR UPDATE',
        [projection.name],
      );
      const checkpoint = { commit: stored.commit_position, prepare: stored.prepare_position };
      // A rebuild moved the checkpoint back: read again from there.
      if (comparePositions(checkpoint, from) < 0) return checkpoint;
      // Another process may have applied part of this batch already: apply only what follows its checkpoint.
      const pending = events.filter((event) => comparePositions(event.position, checkpoint) > 0);
      if (pending.length === 0) return checkpoint;
      const held = await parkedStreams(
        tx,
        projection.name,
        pending.map((event) => event.streamId),
      );
      for (const event of pending) {
        if (held.has(event.streamId)) {
          await park(tx, projection.name, event, null);
        } else if (!eventByEvent) {
          await projection.apply(tx, event);
        } else {
          await tx.query('SAVEPOINT projected_event');
          try {
            await projection.apply(tx, event);
            await tx.query('RELEASE SAVEPOINT projected_event');
          } catch (error) {
            if (isTransient(error)) throw error;
            await tx.query('ROLLBACK TO SAVEPOINT projected_event');
            await park(tx, projection.name, event, error);
            held.add(event.streamId);
            this.log.error(
              { projection: projection.name, eventId: event.id, eventType: event.type, err: error },
              'projection could not apply an event; parked it and went on',
            );
          }
        }
      }
      const last = pending[pending.length - 1].position;
      await tx.query(
        `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position, updated_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (projection) DO UPDATE
           SET commit_position = EXCLUDED.commit_position, prepare_position = EXCLUDED.prepare_position, updated_at = now()`,
        [projection.name, last.commit, last.prepare],
      );
      return last;
    });
  }
}
