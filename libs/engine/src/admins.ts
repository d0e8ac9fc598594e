import { issueSignInLink } from '#access/sign-in-links';
import { CommandGateway } from '#application/command-gateway';
import { systemContext } from '#application/command-handling';
import { appointPerson } from '#application/directory';
import { Engine } from './engine';

/** Where a person's sign-in link leads: the web app's page that lets them choose a password. */
export function signInLinkUrl(engine: Engine, secret: string): string {
  const base = engine.config.publicBaseUrl ?? `http://localhost:${engine.config.port}`;
  return `${base.replace(/\/$/, '')}/sign-in/link/${secret}`;
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
