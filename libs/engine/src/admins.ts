import { randomUUID } from 'node:crypto';
import { issueSignInLink, LINK_LIFETIME_MS, LinkPurpose } from '#access/sign-in-links';
import { findPerson, personIdByEmail } from '#projections/people/people.queries';
import { EmailNotifier } from '#reminders/notifiers';
import { CommandGateway } from '#application/command-gateway';
import { systemContext } from '#application/command-handling';
import { appointPerson } from '#application/directory';
import { Engine } from './engine';

/** Where a person's sign-in link leads: the web app's page that lets them choose a password. */
export function signInLinkUrl(engine: Engine, secret: string): string {
  return linkTo(engine, `/sign-in/link/${secret}`);
}

/** A link in an email: the configured public address (never a request's Host header), and the path. */
export function linkTo(engine: Engine, path: string): string {
  const base = engine.config.publicBaseUrl ?? `http://localhost:${engine.config.port}`;
  return `${base.replace(/\/$/, '')}${path}`;
}

/**
 * Makes someone an admin of a body (registering them if the directory does not have their email)
 * and gives them a one-time link to choose a password and sign in.
 */
export async function createAdmin(
  engine: Engine,
  admin: { email: string; name: string; bodyId: string },
): Promise<{ personId: string; link: string }> {
  const gateway = new CommandGateway(engine.store, async (position) => {
    if (position) await engine.projector.waitFor(position);
  });
  const now = engine.clock();
  const { id } = await appointPerson(
    gateway,
    engine.store,
    engine.db,
    { name: admin.name, email: admin.email, jobTitle: null, managerId: null },
    { bodyId: admin.bodyId, roles: ['admin'], reason: 'Made an admin from the command line' },
    systemContext('CreateAdmin', now),
  );
  const secret = await issueSignInLink(engine.db, id, 'first sign-in', now);
  return { personId: id, link: signInLinkUrl(engine, secret) };
}

/** Who the first admin is until they give their own email (`.invalid` is reserved for such). */
export const FIRST_ADMIN = { email: 'first.admin@governance.invalid', name: 'First admin' };

/**
 * At start-up, while no admin can sign in (none has chosen a password): a fresh sign-in link for
 * an admin of the default body, made first if the directory has none. Null once one can.
 */
export async function firstAdminLink(engine: Engine): Promise<string | null> {
  const [admin] = await engine.db.query<{ person_id: string; has_password: boolean }>(
    `SELECT a.person_id, EXISTS (SELECT 1 FROM credentials c WHERE c.person_id = a.person_id) AS has_password
       FROM appointments a JOIN people p USING (person_id)
      WHERE 'admin' = ANY(a.roles) AND NOT p.disabled
      ORDER BY has_password DESC, p.registered_at LIMIT 1`,
  );
  if (admin?.has_password) return null;
  if (admin)
    return signInLinkUrl(
      engine,
      await issueSignInLink(engine.db, admin.person_id, 'first sign-in', engine.clock()),
    );
  return (await createAdmin(engine, { ...FIRST_ADMIN, bodyId: engine.config.defaultBody.id })).link;
}

/**
 * A fresh one-time link for a person, emailed to them when the engine can send email (SMTP_URL),
 * and answered either way: an admin can pass it on by hand where there is no email.
 */
export async function sendSignInLink(
  engine: Engine,
  personId: string,
  purpose: LinkPurpose,
): Promise<{ link: string; emailedTo: string | null }> {
  const person = await findPerson(engine.db, personId, 'all');
  if (!person || person.disabled) throw new Error(`person ${personId} cannot sign in`);
  const link = signInLinkUrl(engine, await issueSignInLink(engine.db, personId, purpose, engine.clock()));
  if (!engine.config.smtpUrl) return { link, emailedTo: null };
  const hours = LINK_LIFETIME_MS[purpose] / 3_600_000;
  const mailer = new EmailNotifier(engine.config.smtpUrl, engine.config.mailFrom);
  try {
    await mailer.send({
      id: randomUUID(),
      address: person.email,
      subject: purpose === 'password reset' ? 'Reset your password' : 'Sign in to the governance engine',
      text:
        `Hello ${person.name},\n\n` +
        `${purpose === 'password reset' ? 'To choose a new password' : 'To choose a password and sign in'}, open this link:\n\n` +
        `${link}\n\nIt works once, within ${hours >= 24 ? `${hours / 24} days` : `${hours} hour${hours === 1 ? '' : 's'}`}. ` +
        'If you did not expect this, you can ignore it.\n',
    });
  } finally {
    await mailer.close?.();
  }
  return { link, emailedTo: person.email };
}

/**
 * "Forgotten your password?": emails a reset link to whoever has the email and may sign in, and
 * does nothing otherwise; the caller answers the same either way, so it tells no one who has an
 * account. Without email, nothing can be sent: an admin makes a link instead.
 */
export async function requestPasswordReset(engine: Engine, email: string): Promise<void> {
  if (!engine.config.smtpUrl) return;
  const personId = await personIdByEmail(engine.db, email);
  const person = personId ? await findPerson(engine.db, personId, 'all') : null;
  if (person && !person.disabled) await sendSignInLink(engine, person.id, 'password reset');
}
