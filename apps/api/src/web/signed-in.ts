import { NextFunction, Response } from 'express';
import { Role } from '#domain/person/roles';
import { Engine } from '#engine/engine';
import { findPerson } from '#projections/people/people.queries';
import { SignedInRequest } from './page';
import { ABSOLUTE_TIMEOUT_MS } from './setup/web-security';

/**
 * Who is signed in: the session's person, if they still may be (not disabled, not past the
 * session's absolute time-out). Anyone else's session ends here.
 */
export function signedInPerson(engine: Engine) {
  return async (request: SignedInRequest, _response: Response, next: NextFunction): Promise<void> => {
    const { personId, signedInAt } = request.session;
    if (!personId) return next();
    const expired = !signedInAt || engine.clock().getTime() - signedInAt > ABSOLUTE_TIMEOUT_MS;
    const person = expired ? null : await findPerson(engine.db, personId, 'all');
    if (!person || person.disabled) {
      // A fresh, empty session (not none): the page still shows its forms with their CSRF tokens.
      request.session.regenerate((error) => next(error));
      return;
    }
    request.person = person;
    // The body the pages act for: the one chosen, while they still hold a role there, else their first.
    const chosen = person.bodies.find((body) => body.bodyId === request.session.bodyId) ?? person.bodies[0];
    request.actingFor = chosen ? { id: chosen.bodyId, roles: chosen.roles } : undefined;
    next();
  };
}

/** Whether the person may change records as a secretary does, in the body the pages act for. */
export const isSecretary = (request: SignedInRequest) =>
  request.actingFor?.roles.some((role) => role === 'secretary' || role === 'admin') ?? false;

/** Pages for one role in the body the pages act for: others get a 403 page, and nothing is done. */
export function requireRole(...roles: Role[]) {
  return (request: SignedInRequest, response: Response, next: NextFunction): void => {
    if (!request.person) return requireSignIn(request, response, next);
    if (request.actingFor?.roles.some((role) => roles.includes(role))) return next();
    response.status(403);
    next(new ForbiddenPage(roles));
  };
}

export class ForbiddenPage extends Error {
  constructor(readonly roles: readonly Role[]) {
    super(`this page is for ${roles.join(' or ')}s`);
  }
}

/** Pages for people signed in: anyone else is sent to sign in, and brought back after. */
export function requireSignIn(request: SignedInRequest, response: Response, next: NextFunction): void {
  if (request.person) return next();
  response.redirect(303, `/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
}
