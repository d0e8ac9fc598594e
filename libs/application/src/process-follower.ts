import { SqlDatabase } from '#database/sql-database';
import { comparePositions, LogPosition, RecordedEvent } from '#event-store/port';
import { LogFollower } from '#projections/projector';

/**
 * A process manager: reacts to events by issuing commands (an outcome raising an action). Its
 * handling must be idempotent: after a crash the events since the last checkpoint come again.
 */
export interface EventProcess {
  readonly name: string;
  /** The event types it reacts to: the reader hands it these alone, and moves it past the rest. */
  readonly handles: readonly string[];
  /** Resolves with where its own appends landed (to wait for them), or null when it wrote nothing. */
  handle(event: RecordedEvent): Promise<LogPosition | null>;
}

type StoredCheckpoint = { commit_position: number; prepare_position: number };

/**
 * A process as the one reader of the log serves it: its events handed in log order, its checkpoint
 * stored after each batch. The checkpoint only moves forward, so an instance that lost the
 * leadership mid-batch can never rewind the one that took over; what it handled twice, the
 * process's idempotence absorbs.
 */
export function processFollower(db: SqlDatabase, process: EventProcess): LogFollower {
  const name = `process:${process.name}`;
  return {
    name,
    handles: process.handles,
    readModel: false,
    async follow(events, from, upTo) {
      const [row] = await db.query<StoredCheckpoint>(
        'SELECT commit_position, prepare_position FROM projection_checkpoints WHERE projection = $1',
        [name],
      );
      const stored = row ? { commit: row.commit_position, prepare: row.prepare_position } : null;
      // The checkpoint was moved back (an operator replaying the process): read again from there.
      if (stored && comparePositions(stored, from) < 0) return stored;
      if (stored && comparePositions(stored, upTo) >= 0) return stored;
      // Another instance may have handled part of this batch already: handle only what follows.
      for (const event of events)
        if (!stored || comparePositions(event.position, stored) > 0) await process.handle(event);
      await db.query(
        `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position, updated_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (projection) DO UPDATE
           SET commit_position = EXCLUDED.commit_position, prepare_position = EXCLUDED.prepare_position,
               updated_at = now()
           WHERE (projection_checkpoints.commit_position, projection_checkpoints.prepare_position)
               < (EXCLUDED.commit_position, EXCLUDED.prepare_position)`,
        [name, upTo.commit, upTo.prepare],
      );
      return upTo;
    },
  };
}
