import { SqlDatabase } from '#database/sql-database';
import { comparePositions, LogPosition, RecordedEvent } from '#event-store/port';
import { Projection } from './projection';
import { applyAtOnce, BUSY_ELSEWHERE } from './projection-batch';

/** One projection's share of a batch, from where it stands. */
export interface JointPart {
  readonly projection: Projection;
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
 * their checkpoints to `upTo`. A live write then costs one commit, not one per read model. Should
 * anything fail, the whole transaction rolls back and this throws: the caller applies each part
 * apart, where a failing event is parked alone.
 */
export async function applyJointly(
  db: SqlDatabase,
  parts: readonly JointPart[],
  upTo: LogPosition,
): Promise<Map<string, JointOutcome>> {
  return db.transaction(async (tx) => {
    const names = parts.map((part) => part.projection.name);
    const rows = await tx.query<{
      projection: string;
      commit_position: number;
      prepare_position: number;
      parked: string[];
    }>(
      `SELECT c.projection, c.commit_position, c.prepare_position,
              ARRAY(SELECT DISTINCT stream_id FROM parked_events p WHERE p.projection = c.projection) AS parked
         FROM projection_checkpoints c WHERE c.projection = ANY($1::text[]) FOR UPDATE SKIP LOCKED`,
      [names],
    );
    const locked = new Map(rows.map((row) => [row.projection, row]));
    const outcomes = new Map<string, JointOutcome>();
    const moved: string[] = [];
    for (const part of parts) {
      const row = locked.get(part.projection.name);
      // Another process is applying it right now: it is left for the next look.
      if (!row) {
        outcomes.set(part.projection.name, { reached: BUSY_ELSEWHERE, parked: [] });
        continue;
      }
      const checkpoint = { commit: row.commit_position, prepare: row.prepare_position };
      // A rebuild moved it back, or another process is already past this batch: read on from there.
      if (comparePositions(checkpoint, part.from) < 0 || comparePositions(checkpoint, upTo) >= 0) {
        outcomes.set(part.projection.name, { reached: checkpoint, parked: [] });
        continue;
      }
      const pending = part.events.filter((event) => comparePositions(event.position, checkpoint) > 0);
      const parked: RecordedEvent[] = [];
      await applyAtOnce(tx, part.projection, pending, new Set(row.parked), parked);
      outcomes.set(part.projection.name, { reached: upTo, parked });
      moved.push(part.projection.name);
    }
    if (moved.length > 0)
      await tx.query(
        `UPDATE projection_checkpoints SET commit_position = $2, prepare_position = $3, updated_at = now()
          WHERE projection = ANY($1::text[])`,
        [moved, upTo.commit, upTo.prepare],
      );
    return outcomes;
  });
}
