import { Router } from 'express';
import nunjucks from 'nunjucks';
import { forgetExpiredSessions } from '#access/web-sessions';
import { Engine } from '#engine/engine';
import { findPerson, personIdByEmail } from '#projections/people/people.queries';
import { OidcSignIn, OidcSignInRefused } from '../auth/oidc-sign-in';
import { formText, renderPage, SignedInRequest } from '../page';
import { nextPage, signIn } from './sign-in';

const CALLBACK = '/sign-in/oidc/callback';

/**
 * Sign-in by the body's identity provider (Microsoft Entra ID or any OpenID Connect provider),
 * when the deployment configures one. The provider vouches for an email; the directory says who
 * that is and what they may do: nobody is added to it by signing in.
 */
export function oidcSignInRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const config = engine.config.oidc;
  if (!config) return router;
  const oidc = new OidcSignIn(config);
  // Where the provider sends people back: the public address, or (the embedded default) this one.
  const callbackOf = (request: SignedInRequest) =>
    `${engine.config.publicBaseUrl ?? `${request.protocol}://${request.get('host')}`}${CALLBACK}`;
  const refused = (request: SignedInRequest, response: Parameters<typeof renderPage>[2], why: string) =>
    renderPage(views, request, response, 'pages/refused.njk', {
      title: 'You could not be signed in',
      status: 403,
      why,
      back: { href: '/sign-in', text: 'Back to sign in' },
    });

  router.get('/sign-in/oidc', async (request: SignedInRequest, response, next) => {
    try {
      const { url, pending } = await oidc.start(callbackOf(request), nextPage(request.query.next));
      request.session.oidc = pending;
      request.session.save((error) => (error ? next(error) : response.redirect(303, url)));
    } catch (error) {
      next(error);
    }
  });

  router.get(CALLBACK, async (request: SignedInRequest, response, next) => {
    try {
      const pending = request.session.oidc;
      delete request.session.oidc;
      if (!pending)
        return refused(
          request,
          response,
          'This sign-in did not start here, or it has already been used. Start again.',
        );
      const problem = formText(request.query.error_description) || formText(request.query.error);
      if (problem) return refused(request, response, `${config.label} said: ${problem}.`);
      const callback = new URL(request.originalUrl, pending.redirectUri);
      let email: string;
      try {
        email = await oidc.finish(callback, pending);
      } catch (error) {
        if (error instanceof OidcSignInRefused)
          return refused(
            request,
            response,
            `The answer from ${config.label} did not hold up: ${error.message}.`,
          );
        throw error;
      }
      const personId = await personIdByEmail(engine.db, email);
      const person = personId ? await findPerson(engine.db, personId, 'all') : null;
      if (!person || person.disabled || person.bodies.every((body) => body.roles.length === 0))
        return refused(
          request,
          response,
          `${email} is not a person who may use this service. Ask an admin of your body to add you.`,
        );
      const now = engine.clock();
      await signIn(request, person.id, now);
      await forgetExpiredSessions(engine.db, now);
      response.redirect(303, pending.next);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
