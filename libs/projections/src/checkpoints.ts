import { SqlQueryable } from '#database/sql-database';
import { LogPosition } from '#event-store/port';

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
