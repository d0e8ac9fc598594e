import { SqlDatabase } from '#database/sql-database';
import { comparePositions, LogPosition, RecordedEvent } from '#event-store/port';
import { Projection } from './projection';
import { applyProjectionBatch, BUSY_ELSEWHERE, ProjectorLog } from './projection-batch';
import { tableStatistics } from './table-statistics';

/** A projection applying event by event commits at least this often. */
const PER_EVENT_TRANSACTION = 1000;

/** What the one reader of the log hands batches to: a projection, or a process. */
export interface LogFollower {
  /** Its checkpoint's name, and its leadership's. */
  readonly name: string;
  /** The event types it is handed; the audit trail and the processes take every one. */
  readonly handles: readonly string[] | 'every event';
  /** Whether a write waits for it before answering: a read model does, a process does not. */
  readonly readModel: boolean;
  /** The projection it applies, when it applies batches set-based (it may join a joint batch). */
  readonly setBased?: Projection;
  /**
   * Takes its events of one batch (after `from`, up to the batch's end `upTo`) and stores its
   * checkpoint; answers where it stands now, or BUSY_ELSEWHERE while another process is at it.
   */
  follow(events: readonly RecordedEvent[], from: LogPosition, upTo: LogPosition): Promise<LogPosition | null>;
}

/**
 * A projection as the reader serves it. One that applies a batch set-based takes it whole; one that
 * applies event by event takes it in transactions of at most PER_EVENT_TRANSACTION events, so no
 * transaction of its holds its checkpoint row (and what waits on it) for long.
 */
export function projectionFollower(
  db: SqlDatabase,
  log: ProjectorLog,
  projection: Projection,
  onParked?: (projection: string, events: readonly RecordedEvent[]) => void,
): LogFollower {
  const statistics = tableStatistics(db, log, projection);
  return {
    name: projection.name,
    handles: projection.handles,
    readModel: true,
    ...(projection.applyBatch && { setBased: projection }),
    async follow(events, from, upTo) {
      const size = projection.applyBatch ? events.length : PER_EVENT_TRANSACTION;
      let position = from;
      for (let start = 0; start < events.length; start += size) {
        const part = events.slice(start, start + size);
        const end = start + size >= events.length ? upTo : part[part.length - 1].position;
        const applied = await applyProjectionBatch(db, log, projection, part, position, end, (events) =>
          onParked?.(projection.name, events),
        );
        if (applied === BUSY_ELSEWHERE) return start === 0 ? BUSY_ELSEWHERE : position;
        await statistics(part.length);
        // Rewound by a rebuild: the reader reads again from there.
        if (comparePositions(applied, end) < 0) return applied;
        position = applied;
      }
      return position;
    },
  };
}
