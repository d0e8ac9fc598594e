import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { createApiToken, listApiTokens, LONGEST_TOKEN_DAYS, revokeApiToken } from '#access/api-tokens';
import { endSessionsOf } from '#access/web-sessions';
import { Engine } from '#engine/engine';
import { longDate } from '../../publishing/html-pages';
import { FieldError, formText, renderPage, SignedInRequest } from '../page';
import { requireSignIn } from '../signed-in';

const LIFETIMES = [30, 90, 365];

/** A person's own account: their API tokens for integrations, and signing out everywhere. */
export function accountRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();

  const accountPage = async (
    request: SignedInRequest,
    response: Response,
    more: { errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const tokens = await listApiTokens(engine.db, request.person!.id);
    const now = engine.clock().toISOString();
    renderPage(views, request, response, 'pages/account/account.njk', {
      title: 'Your account',
      values: more.values ?? { days: '90' },
      errors: more.errors,
      lifetimes: LIFETIMES,
      tokens: tokens.map((token) => ({
        ...token,
        created: longDate(token.createdAt),
        expires: longDate(token.expiresAt),
        lastUsed: token.lastUsedAt ? longDate(token.lastUsedAt) : 'Never',
        state: token.revokedAt ? 'Revoked' : token.expiresAt <= now ? 'Expired' : 'Working',
      })),
    });
  };

  router.get('/account', requireSignIn, async (request: SignedInRequest, response, next) => {
    try {
      await accountPage(request, response);
    } catch (error) {
      next(error);
    }
  });

  router.post('/account/tokens', requireSignIn, async (request: SignedInRequest, response, next) => {
    try {
      const name = formText(request.body?.name);
      const days = Number(formText(request.body?.days));
      const errors: FieldError[] = [];
      if (!name) errors.push({ field: 'name', text: 'Name the token after what will use it' });
      else if (name.length > 100)
        errors.push({ field: 'name', text: 'Name must be 100 characters or fewer' });
      if (!LIFETIMES.includes(days) || days > LONGEST_TOKEN_DAYS)
        errors.push({ field: 'days', text: 'Choose how long the token works' });
      if (!request.actingFor)
        errors.push({ field: 'name', text: 'You hold no role in any body, so a token could do nothing' });
      if (errors.length > 0)
        return await accountPage(request, response, { errors, values: { name, days: String(days) } });
      const made = await createApiToken(
        engine.db,
        { personId: request.person!.id, bodyId: request.actingFor!.id, name, days },
        engine.clock(),
      );
      // Shown once, here, and never kept: not in the session, not in a redirect.
      renderPage(views, request, response, 'pages/account/token-made.njk', {
        title: 'Your new API token',
        name,
        secret: made.secret,
      });
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/account/tokens/:id/revocation',
    requireSignIn,
    async (request: SignedInRequest, response, next) => {
      try {
        const revoked = await revokeApiToken(
          engine.db,
          request.person!.id,
          formText(request.params.id),
          engine.clock(),
        );
        request.session.flash = revoked
          ? 'The token is revoked: it no longer works.'
          : 'That token was not working already.';
        response.redirect(303, '/account');
      } catch (error) {
        next(error);
      }
    },
  );

  router.post(
    '/account/sign-out-everywhere',
    requireSignIn,
    async (request: SignedInRequest, response, next) => {
      try {
        await endSessionsOf(engine.db, request.person!.id);
        request.session.destroy(() => response.redirect(303, '/sign-in'));
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}
