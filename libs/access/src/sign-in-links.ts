import { randomBytes } from 'node:crypto';
import { SqlDatabase } from '#database/sql-database';
import { secretHash } from './secret-hash';

export type LinkPurpose = 'first sign-in' | 'password reset';

/** How long a link works: long enough to find it in an inbox, short enough to be little use stolen. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  'first sign-in': 7 * 24 * 60 * 60_000,
  'password reset': 60 * 60_000,
};

/** A one-time secret for a person's sign-in link; only its hash is kept. */
export async function issueSignInLink(
  db: SqlDatabase,
  personId: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    'INSERT INTO sign_in_links (secret_hash, person_id, purpose, expires_at) VALUES ($1, $2, $3, $4)',
    [
      secretHash(secret),
      personId,
      purpose,
      new Date(now.getTime() + LINK_LIFETIME_MS[purpose]).toISOString(),
    ],
  );
  return secret;
}

/** Every link issued to the person is gone, used or not (erasure). */
export async function removeSignInLinksOf(db: SqlDatabase, personId: string): Promise<void> {
  await db.query('DELETE FROM sign_in_links WHERE person_id = $1', [personId]);
}

/** Whose link this is, if it is unused and in date; null otherwise. Looking does not use it. */
export async function linkHolder(db: SqlDatabase, secret: string, now: Date): Promise<string | null> {
  const [row] = await db.query<{ person_id: string }>(
    'SELECT person_id FROM sign_in_links WHERE secret_hash = $1 AND used_at IS NULL AND expires_at > $2',
    [secretHash(secret), now.toISOString()],
  );
  return row?.person_id ?? null;
}

/**
 * Uses the link, once: answers whose it was, or null when it was used (by this or another
 * request), expired, or never issued. The person's other unused links stop working with it.
 */
export async function redeemSignInLink(db: SqlDatabase, secret: string, now: Date): Promise<string | null> {
  const [row] = await db.query<{ person_id: string }>(
    `UPDATE sign_in_links SET used_at = $2
      WHERE secret_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING person_id`,
    [secretHash(secret), now.toISOString()],
  );
  if (!row) return null;
  await db.query('UPDATE sign_in_links SET used_at = $2 WHERE person_id = $1 AND used_at IS NULL', [
    row.person_id,
    now.toISOString(),
  ]);
  return row.person_id;
}
