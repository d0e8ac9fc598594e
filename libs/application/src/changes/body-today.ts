import { SqlQueryable } from '#database/sql-database';
import { BodySettings, DEFAULT_BODY_SETTINGS } from '#domain/body/body-settings';
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

/** A body's settings, and its calendar date at an instant: read once, and only when a step asks. */
export interface BodyCalendar {
  settings(): Promise<BodySettings>;
  today(): Promise<IsoDate>;
}

/** `bodyId` null (a record that does not exist, which the decider refuses): the defaults. */
export function bodyCalendar(db: SqlQueryable, bodyId: string | null, at: Date): BodyCalendar {
  let settings: Promise<BodySettings> | undefined;
  const settingsOf = () =>
    (settings ??= bodyId === null ? Promise.resolve(DEFAULT_BODY_SETTINGS) : bodySettingsOf(db, bodyId));
  return {
    settings: settingsOf,
    today: async () => localDateOf(at, (await settingsOf()).timeZone),
  };
}

/** The change with each date the request left to the engine set to the body's today. */
export async function datedToday<Change extends object>(
  change: Change,
  calendar: BodyCalendar,
): Promise<Change> {
  if (!Object.values(change).includes(BODYS_TODAY)) return change;
  const today = await calendar.today();
  return Object.fromEntries(
    Object.entries(change).map(([field, value]) => [field, value === BODYS_TODAY ? today : value]),
  ) as Change;
}
