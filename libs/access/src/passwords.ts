import argon2 from 'argon2';

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): slow enough to make a
 * stolen table expensive to guess, fast enough (tens of ms) not to hold a sign-in up.
 */
const PARAMETERS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PARAMETERS);
}

export async function passwordMatches(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a hash this engine did not make
  }
}

/** A hash of no password: checked against when nobody has the email, so both take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('no one has this password, it only takes time'));
}

/**
 * Why a new password will not do, or null. Length, not character classes (NCSC and NIST SP
 * 800-63B): a long passphrase beats a short password with a digit in it.
 */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_LENGTH.min)
    return `must be at least ${PASSWORD_LENGTH.min} characters; a few words together make a good one`;
  if (password.length > PASSWORD_LENGTH.max) return `must be at most ${PASSWORD_LENGTH.max} characters`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'must not be your email address';
  return null;
}
