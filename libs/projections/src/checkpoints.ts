import { SqlQueryable } from '#database/sql-database';
import { comparePositions, LogPosition, RecordedEvent } from '#event-store/port';

/** Where every projection and process stands, as stored. */
export async function storedCheckpoints(db: SqlQueryable): Promise<Map<string, LogPosition>> {
  const rows = await db.query<{ projection: string; commit_position: number; prepare_position: number }>(
    'SELECT projection, commit_position, prepare_position FROM projection_checkpoints',
  );
  return new Map(
    rows.map((row) => [row.projection, { commit: row.commit_position, prepare: row.prepare_position }]),
  );
}

/**
 * Moves on the named checkpoints that a batch held nothing for, in one statement: they only go
 * forward, so another process applying the same stretch can never be undone. Answers those it
 * could take; one whose row another process holds right now is left for the next look.
 */
export async function moveCheckpointsOn(
  db: SqlQueryable,
  names: readonly string[],
  end: LogPosition,
): Promise<Set<string>> {
  const free = await db.query<{ projection: string }>(
    `WITH free AS (
       SELECT projection, commit_position, prepare_position FROM projection_checkpoints
        WHERE projection = ANY($1::text[]) FOR UPDATE SKIP LOCKED
     ), moved AS (
       UPDATE projection_checkpoints AS checkpoint
          SET commit_position = $2, prepare_position = $3, updated_at = now()
         FROM free
        WHERE checkpoint.projection = free.projection
          AND (free.commit_position, free.prepare_position) < ($2::bigint, $3::bigint)
     )
     SELECT projection FROM free`,
    [names, end.commit, end.prepare],
  );
  return new Set(free.map((row) => row.projection));
}

/** A checkpoint row this transaction holds, with the streams that have an event parked. */
export interface LockedCheckpoint {
  readonly position: LogPosition;
  readonly parked: readonly string[];
}

/**
 * Locks the checkpoint rows of these projections for this transaction, in one statement that also
 * reads which streams have an event parked in each (their later events wait behind it). A row
 * another process holds right now is skipped: that projection is being applied elsewhere, and is
 * left to it rather than waited for.
 */
export async function lockCheckpoints(
  tx: SqlQueryable,
  names: readonly string[],
): Promise<Map<string, LockedCheckpoint>> {
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
  return new Map(
    rows.map((row) => [
      row.projection,
      { position: { commit: row.commit_position, prepare: row.prepare_position }, parked: row.parked },
    ]),
  );
}

/**
 * What of a batch read from `from` to `upTo` is still to apply, given the stored checkpoint: the
 * events after it, or where to read on from instead when a rebuild moved it back or another
 * process has already passed the batch.
 */
export function pendingAfter(
  checkpoint: LogPosition,
  from: LogPosition,
  upTo: LogPosition,
  events: readonly RecordedEvent[],
): { readonly pending: readonly RecordedEvent[] } | { readonly readOnFrom: LogPosition } {
  if (comparePositions(checkpoint, from) < 0 || comparePositions(checkpoint, upTo) >= 0)
    return { readOnFrom: checkpoint };
  return { pending: eventsAfter(events, checkpoint) };
}

/** The events of a batch after `position`: the batch itself when it lies wholly after it, as nearly always. */
export function eventsAfter(
  events: readonly RecordedEvent[],
  position: LogPosition,
): readonly RecordedEvent[] {
  if (events.length === 0 || comparePositions(events[0].position, position) > 0) return events;
  return events.filter((event) => comparePositions(event.position, position) > 0);
}

/**
 * Moves the checkpoints this transaction locked to the batch's end (not the last event each
 * applied: what lies between was not for them).
 */
export async function storeCheckpoints(tx: SqlQueryable, names: readonly string[], upTo: LogPosition) {
  await tx.query(
    `UPDATE projection_checkpoints SET commit_position = $2, prepare_position = $3, updated_at = now()
      WHERE projection = ANY($1::text[])`,
    [names, upTo.commit, upTo.prepare],
  );
}
