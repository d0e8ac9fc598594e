import { SqlQueryable } from '#database/sql-database';
import { BodySettings, DEFAULT_BODY_SETTINGS, withDefaultSettings } from '#domain/body/body-settings';

export interface BodyView {
  id: string;
  name: string;
  settings: BodySettings;
  version: number;
  registeredAt: string;
}

interface BodyRow {
  body_id: string;
  name: string;
  settings: BodySettings;
  version: number;
  registered_at: Date | string;
}

/** Named, not `*`: statements are prepared, and a column added by a later migration must not change their result. */
const BODY_COLUMNS = 'body_id, name, settings, version, registered_at';

const toView = (row: BodyRow): BodyView => ({
  id: row.body_id,
  name: row.name,
  settings: withDefaultSettings(row.settings),
  version: row.version,
  registeredAt: new Date(row.registered_at).toISOString(),
});

export async function findBody(db: SqlQueryable, bodyId: string): Promise<BodyView | null> {
  const [row] = await db.query<BodyRow>(`SELECT ${BODY_COLUMNS} FROM bodies WHERE body_id = $1`, [bodyId]);
  return row ? toView(row) : null;
}

/** A body's settings, or the defaults for a body the read model does not hold yet. */
export async function bodySettingsOf(db: SqlQueryable, bodyId: string): Promise<BodySettings> {
  return (await findBody(db, bodyId))?.settings ?? DEFAULT_BODY_SETTINGS;
}

/**
 * The calendar a view over these bodies keeps: theirs when they share one time zone (a single
 * body always does), else the default (UK) zone.
 */
export async function timeZoneOf(db: SqlQueryable, bodyIds: readonly string[] | 'all'): Promise<string> {
  const zones = new Set(
    (await listBodies(db, bodyIds === 'all' ? null : bodyIds)).map((body) => body.settings.timeZone),
  );
  return zones.size === 1 ? [...zones][0] : DEFAULT_BODY_SETTINGS.timeZone;
}

/** `bodyIds` null lists every body (an admin's view). */
export async function listBodies(db: SqlQueryable, bodyIds: readonly string[] | null): Promise<BodyView[]> {
  const rows = await db.query<BodyRow>(
    `SELECT ${BODY_COLUMNS} FROM bodies WHERE $1::text[] IS NULL OR body_id = ANY($1::text[]) ORDER BY body_id`,
    [bodyIds],
  );
  return rows.map(toView);
}
