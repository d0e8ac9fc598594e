import { SqlQueryable } from '#database/sql-database';
import { IsoDate } from '#domain/shared/event';
import { localDateOf } from '#domain/shared/time-zone';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';

/**
 * Stands in a change for a date the request left out. It becomes the record's body's today, once
 * the record (and so its body, and the body's time zone) is known: a step taken at 00:30 in London
 * in summer is dated that day, not the UTC day before. Left unfilled, the domain refuses it as no
 * date rather than guessing one.
 */
export const BODYS_TODAY = "today, on the body's calendar";

/** The body's calendar date at `at`, in its own time zone. */
export async function todayOfBody(db: SqlQueryable, bodyId: string, at: Date): Promise<IsoDate> {
  return localDateOf(at, (await bodySettingsOf(db, bodyId)).timeZone);
}

/** The change with each date the request left to the engine set to `today`. */
export function datedToday<Change extends object>(change: Change, today: IsoDate): Change {
  return Object.fromEntries(
    Object.entries(change).map(([field, value]) => [field, value === BODYS_TODAY ? today : value]),
  ) as Change;
}
