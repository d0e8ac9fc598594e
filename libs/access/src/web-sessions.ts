import { SqlDatabase } from '#database/sql-database';

/**
 * Signed-in sessions of the web application, kept in the engine's database so that they outlive
 * a restart and are shared by every instance (and work the same on PGlite and PostgreSQL).
 */
export interface StoredSession {
  readonly personId: string | null;
  readonly data: Record<string, unknown>;
  readonly expiresAt: Date;
}

export async function readSession(
  db: SqlDatabase,
  sid: string,
  now: Date,
): Promise<Record<string, unknown> | null> {
  const [row] = await db.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM web_sessions WHERE sid = $1 AND expires_at > $2',
    [sid, now.toISOString()],
  );
  return row?.data ?? null;
}

export async function writeSession(db: SqlDatabase, sid: string, session: StoredSession): Promise<void> {
  await db.query(
    `INSERT INTO web_sessions (sid, person_id, data, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sid) DO UPDATE SET person_id = $2, data = $3, expires_at = $4`,
    [sid, session.personId, JSON.stringify(session.data), session.expiresAt.toISOString()],
  );
}

export async function extendSession(db: SqlDatabase, sid: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE web_sessions SET expires_at = $2 WHERE sid = $1', [sid, expiresAt.toISOString()]);
}

export async function endSession(db: SqlDatabase, sid: string): Promise<void> {
  await db.query('DELETE FROM web_sessions WHERE sid = $1', [sid]);
}

/** Signs a person out everywhere: every browser they are signed in on. */
export async function endSessionsOf(db: SqlDatabase, personId: string): Promise<number> {
  const ended = await db.query('DELETE FROM web_sessions WHERE person_id = $1 RETURNING sid', [personId]);
  return ended.length;
}

/** Sessions past their time are of no use to anyone; called now and then. */
export async function forgetExpiredSessions(db: SqlDatabase, now: Date): Promise<void> {
  await db.query('DELETE FROM web_sessions WHERE expires_at <= $1', [now.toISOString()]);
}
