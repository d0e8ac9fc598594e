import { randomUUID } from 'node:crypto';
import { checkPassword, FAILURES_BEFORE_LOCK, lockAfter, setPassword } from '#access/credentials';
import { passwordProblem } from '#access/passwords';
import { issueSignInLink, linkHolder, redeemSignInLink } from '#access/sign-in-links';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { ENGINE_MIGRATIONS } from '#engine/engine-migrations';
import { DATABASES, openTestDatabase } from '../support/test-engine';

const minutes = (n: number) => n * 60_000;

describe.each(DATABASES)('signing in (%s)', (kind) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;
  const carol = randomUUID();
  const start = new Date('2026-12-02T09:00:00Z');

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await applyMigrations(db, ENGINE_MIGRATIONS);
  });
  afterAll(() => dispose());

  it('keeps an argon2id hash of the password, never the password', async () => {
    await setPassword(db, carol, 'correct horse battery staple', start);
    const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM credentials');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('horse');
    expect(await checkPassword(db, carol, 'correct horse battery staple', start)).toEqual({
      outcome: 'signed in',
      personId: carol,
    });
  });

  it('refuses a wrong password, and an unknown person, with the same answer', async () => {
    expect(await checkPassword(db, carol, 'wrong horse battery staple', start)).toEqual({
      outcome: 'refused',
    });
    expect(await checkPassword(db, null, 'anything at all here', start)).toEqual({ outcome: 'refused' });
    expect(await checkPassword(db, carol, 'correct horse battery staple', start)).toMatchObject({
      outcome: 'signed in',
    });
  });

  it('locks sign-in after repeated failures, for longer each time, even for the right password', async () => {
    const dan = randomUUID();
    await setPassword(db, dan, 'a perfectly fine passphrase', start);
    for (let i = 1; i < FAILURES_BEFORE_LOCK; i++)
      expect(await checkPassword(db, dan, `wrong guess ${i}`, start)).toEqual({ outcome: 'refused' });
    expect(await checkPassword(db, dan, 'wrong guess 5', start)).toEqual({
      outcome: 'locked',
      until: new Date(start.getTime() + minutes(1)),
    });
    expect(await checkPassword(db, dan, 'a perfectly fine passphrase', start)).toMatchObject({
      outcome: 'locked',
    });
    const later = new Date(start.getTime() + minutes(2));
    expect(await checkPassword(db, dan, 'wrong guess 6', later)).toEqual({
      outcome: 'locked',
      until: new Date(later.getTime() + minutes(2)),
    });
    const muchLater = new Date(later.getTime() + minutes(5));
    expect(await checkPassword(db, dan, 'a perfectly fine passphrase', muchLater)).toMatchObject({
      outcome: 'signed in',
    });
    // Success forgives: the count starts again.
    expect(await checkPassword(db, dan, 'wrong again', muchLater)).toEqual({ outcome: 'refused' });
  });

  it('locks for at most an hour', () => {
    expect([4, 5, 6, 7, 20].map(lockAfter)).toEqual([0, minutes(1), minutes(2), minutes(4), minutes(60)]);
  });

  it('asks for a long password, not a complicated one', () => {
    expect(passwordProblem('Tr0ub4dor&3', 'c@x.uk')).toMatch(/at least 12 characters/);
    expect(passwordProblem('carol@leics.uk', 'Carol@leics.uk')).toMatch(/not be your email/);
    expect(passwordProblem('correct horse battery staple', 'c@x.uk')).toBeNull();
  });

  it('lets a sign-in link be used once, before it expires', async () => {
    const secret = await issueSignInLink(db, carol, 'first sign-in', start);
    const [stored] = await db.query<{ secret_hash: string }>('SELECT secret_hash FROM sign_in_links');
    expect(stored.secret_hash).not.toBe(secret);
    expect(await linkHolder(db, secret, start)).toBe(carol);
    expect(await redeemSignInLink(db, secret, start)).toBe(carol);
    expect(await redeemSignInLink(db, secret, start)).toBeNull();
    const reset = await issueSignInLink(db, carol, 'password reset', start);
    expect(await redeemSignInLink(db, reset, new Date(start.getTime() + minutes(61)))).toBeNull();
    expect(await redeemSignInLink(db, 'never-issued', start)).toBeNull();
  });

  it('stops a person’s other links working once one is used', async () => {
    const first = await issueSignInLink(db, carol, 'password reset', start);
    const second = await issueSignInLink(db, carol, 'password reset', start);
    expect(await redeemSignInLink(db, second, start)).toBe(carol);
    expect(await linkHolder(db, first, start)).toBeNull();
  });
});
