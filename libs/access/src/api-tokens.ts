import { randomBytes, randomUUID } from 'node:crypto';
import { SqlDatabase, utcIsoOf } from '#database/sql-database';
import { secretHash } from './secret-hash';

/** Personal tokens start so, which tells them from the engine's signed tokens (and secret scanners). */
export const API_TOKEN_PREFIX = 'gep_';
/** The longest a personal token may live: a forgotten integration stops, rather than runs for ever. */
export const LONGEST_TOKEN_DAYS = 366;

export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly bodyId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A named token for a person's integrations in one body; the secret is shown once and kept hashed. */
export async function createApiToken(
  db: SqlDatabase,
  token: { personId: string; bodyId: string; name: string; days: number },
  now: Date,
): Promise<{ id: string; secret: string }> {
  const id = randomUUID();
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expires = new Date(now.getTime() + token.days * 86_400_000);
  await db.query(
    `INSERT INTO api_tokens (token_id, person_id, body_id, name, secret_hash, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      token.personId,
      token.bodyId,
      token.name,
      secretHash(secret),
      now.toISOString(),
      expires.toISOString(),
    ],
  );
  return { id, secret };
}

/** A person's tokens, newest first (never their secrets). */
export async function listApiTokens(db: SqlDatabase, personId: string): Promise<ApiTokenView[]> {
  return db.query<ApiTokenView>(
    `SELECT token_id AS "id", name, body_id AS "bodyId", ${utcIsoOf('created_at')} AS "createdAt",
            ${utcIsoOf('expires_at')} AS "expiresAt", ${utcIsoOf('last_used_at')} AS "lastUsedAt", ${utcIsoOf('revoked_at')} AS "revokedAt"
       FROM api_tokens WHERE person_id = $1 ORDER BY created_at DESC, token_id`,
    [personId],
  );
}

/** Stops one of a person's tokens working; false when they have no such token still working. */
export async function revokeApiToken(
  db: SqlDatabase,
  personId: string,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const revoked = await db.query(
    `UPDATE api_tokens SET revoked_at = $3 WHERE token_id = $1 AND person_id = $2 AND revoked_at IS NULL
     RETURNING token_id`,
    [tokenId, personId, now.toISOString()],
  );
  return revoked.length > 0;
}

/** Every token of the person is gone, not merely revoked (erasure). */
export async function removeApiTokensOf(db: SqlDatabase, personId: string): Promise<void> {
  await db.query('DELETE FROM api_tokens WHERE person_id = $1', [personId]);
}

/**
 * Whose token this is and for which body, if it is in date and not revoked. Its last use is noted
 * (once a minute at most, so that a busy integration does not write on every request).
 */
export async function apiTokenHolder(
  db: SqlDatabase,
  token: string,
  now: Date,
): Promise<{ personId: string; bodyId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const [row] = await db.query<{ token_id: string; person_id: string; body_id: string; stale: boolean }>(
    `SELECT token_id, person_id, body_id,
            (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute') AS stale
       FROM api_tokens WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [secretHash(token), now.toISOString()],
  );
  if (!row) return null;
  if (row.stale)
    await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE token_id = $1', [
      row.token_id,
      now.toISOString(),
    ]);
  return { personId: row.person_id, bodyId: row.body_id };
}
