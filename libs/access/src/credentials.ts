import { SqlDatabase, utcIsoOf } from '#database/sql-database';
import { decoyHash, hashPassword, passwordMatches } from './passwords';

/** Failures in a row allowed before sign-in is locked; each failure after locks twice as long. */
export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;

export type SignInCheck =
  | { readonly outcome: 'signed in'; readonly personId: string }
  | { readonly outcome: 'refused' }
  | { readonly outcome: 'locked'; readonly until: Date };

/** How long the nth failure in a row locks sign-in (none before FAILURES_BEFORE_LOCK). */
export function lockAfter(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FAILURES_BEFORE_LOCK), LONGEST_LOCK_MS);
}

export async function setPassword(
  db: SqlDatabase,
  personId: string,
  password: string,
  now: Date,
): Promise<void> {
  const hash = await hashPassword(password);
  await db.query(
    `INSERT INTO credentials (person_id, password_hash, changed_at) VALUES ($1, $2, $3)
     ON CONFLICT (person_id) DO UPDATE SET password_hash = $2, failed_attempts = 0, locked_until = NULL, changed_at = $3`,
    [personId, hash, now.toISOString()],
  );
}

/** The person's password is gone: they can no longer sign in with one (erasure). */
export async function removePassword(db: SqlDatabase, personId: string): Promise<void> {
  await db.query('DELETE FROM credentials WHERE person_id = $1', [personId]);
}

/**
 * Checks a password for a person (null: nobody has that email, or they are disabled: the same
 * answer, after the same work, so the answer does not tell who has an account). While locked,
 * the password is not even checked.
 */
export async function checkPassword(
  db: SqlDatabase,
  personId: string | null,
  password: string,
  now: Date,
): Promise<SignInCheck> {
  const [row] = personId
    ? await db.query<{ password_hash: string; failed_attempts: number; locked_until: string | null }>(
        `SELECT password_hash, failed_attempts, ${utcIsoOf('locked_until')} AS locked_until
           FROM credentials WHERE person_id = $1`,
        [personId],
      )
    : [];
  if (!row) {
    await passwordMatches(await decoyHash(), password);
    return { outcome: 'refused' };
  }
  if (row.locked_until && new Date(row.locked_until) > now)
    return { outcome: 'locked', until: new Date(row.locked_until) };
  if (await passwordMatches(row.password_hash, password)) {
    await db.query('UPDATE credentials SET failed_attempts = 0, locked_until = NULL WHERE person_id = $1', [
      personId,
    ]);
    return { outcome: 'signed in', personId: personId! };
  }
  // Counted in the database, so that failures spread over several instances add up.
  const [counted] = await db.query<{ failed_attempts: number }>(
    'UPDATE credentials SET failed_attempts = failed_attempts + 1 WHERE person_id = $1 RETURNING failed_attempts',
    [personId],
  );
  const lock = lockAfter(counted.failed_attempts);
  if (lock === 0) return { outcome: 'refused' };
  const until = new Date(now.getTime() + lock);
  await db.query('UPDATE credentials SET locked_until = $2 WHERE person_id = $1', [
    personId,
    until.toISOString(),
  ]);
  return { outcome: 'locked', until };
}
