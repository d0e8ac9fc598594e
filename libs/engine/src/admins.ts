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

/** Whether any body has an admin in the directory yet (a fresh deployment has none). */
export async function anyAdmin(engine: Engine): Promise<boolean> {
  const rows = await engine.db.query("SELECT 1 FROM appointments WHERE 'admin' = ANY(roles) LIMIT 1");
  return rows.length > 0;
}
