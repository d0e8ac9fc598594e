import { SqlDatabase } from '#database/sql-database';
import { LogPosition, RecordedEvent } from '#event-store/port';
import { lockCheckpoints, pendingAfter, storeCheckpoints } from './checkpoints';
import { Projection } from './projection';
import { applyAtOnce, BUSY_ELSEWHERE } from './projection-batch';

/** One follower's share of a batch, from where it stands. */
export interface JointPart {
  readonly name: string;
  /** The read model to apply `events` to; none for a follower the batch held nothing for. */
  readonly projection?: Projection;
  readonly events: readonly RecordedEvent[];
  readonly from: LogPosition;
}

/** Where each projection stands after the joint batch, and what it parked. */
export interface JointOutcome {
  readonly reached: LogPosition | typeof BUSY_ELSEWHERE;
  readonly parked: RecordedEvent[];
}

/**
 * Applies a small batch to several set-based projections in one transaction: one statement locks
 * their checkpoint rows (with their parked streams), each applies its events, one statement moves
 * their checkpoints to `upTo`, and those of the followers the batch held nothing for with them. A
 * live write then costs one commit, not one per read model. Should
 * anything fail, the whole transaction rolls back and this throws: the caller applies each part
 * apart, where a failing event is parked alone.
 */
export async function applyJointly(
  db: SqlDatabase,
  parts: readonly JointPart[],
  upTo: LogPosition,
): Promise<Map<string, JointOutcome>> {
  return db.transaction(async (tx) => {
    const locked = await lockCheckpoints(
      tx,
      parts.map((part) => part.name),
    );
    const outcomes = new Map<string, JointOutcome>();
    const moved: string[] = [];
    for (const part of parts) {
      const stored = locked.get(part.name);
      // Another process is applying it right now: it is left for the next look.
      if (!stored) {
        outcomes.set(part.name, { reached: BUSY_ELSEWHERE, parked: [] });
        continue;
      }
      const start = pendingAfter(stored.position, part.from, upTo, part.events);
      if ('readOnFrom' in start) {
        outcomes.set(part.name, { reached: start.readOnFrom, parked: [] });
        continue;
      }
      const parked: RecordedEvent[] = [];
      if (part.projection)
        await applyAtOnce(tx, part.projection, start.pending, new Set(stored.parked), parked);
      outcomes.set(part.name, { reached: upTo, parked });
      moved.push(part.name);
    }
    if (moved.length > 0) await storeCheckpoints(tx, moved, upTo);
    return outcomes;
  });
}
