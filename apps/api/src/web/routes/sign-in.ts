import { Router } from 'express';
import nunjucks from 'nunjucks';
import { checkPassword, setPassword } from '#access/credentials';
import { passwordProblem } from '#access/passwords';
import { linkHolder, redeemSignInLink } from '#access/sign-in-links';
import { forgetExpiredSessions } from '#access/web-sessions';
import { requestPasswordReset } from '#engine/admins';
import { Engine } from '#engine/engine';
import { findPerson, personIdByEmail } from '#projections/people/people.queries';
import { FieldError, formSecret, formText, renderPage, SignedInRequest } from '../page';

const secretOf = (request: SignedInRequest) => formText(request.params.secret);

/** Where to go after signing in: a page of this site only (never another site's address). */
export function nextPage(value: unknown): string {
  const next = formText(value);
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Starts a fresh session for the person (a new id, so none set before sign-in can be ridden). */
export function signIn(request: SignedInRequest, personId: string, now: Date): Promise<void> {
  return new Promise((resolve, reject) =>
    request.session.regenerate((error) => {
      if (error) return reject(error);
      request.session.personId = personId;
      request.session.signedInAt = now.getTime();
      request.session.save((saved) => (saved ? reject(saved) : resolve()));
    }),
  );
}

export function signInRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const untilLabel = (until: Date) =>
    until.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' });

  router.get('/sign-in', (request: SignedInRequest, response) => {
    if (request.person) return response.redirect(303, '/');
    request.session.visitedAt = Date.now(); // keeps the session (and so the form's CSRF token) steady
    renderPage(views, request, response, 'pages/sign-in.njk', {
      title: 'Sign in',
      values: {},
      oidcLabel: engine.config.oidc?.label,
      next: request.query.next ? nextPage(request.query.next) : null,
    });
  });

  router.post('/sign-in', async (request: SignedInRequest, response, next) => {
    try {
      const email = formText(request.body?.email);
      const password = formSecret(request.body?.password);
      const errors: FieldError[] = [];
      if (!email) errors.push({ field: 'email', text: 'Enter your email address' });
      if (!password) errors.push({ field: 'password', text: 'Enter your password' });
      const page = (more: Record<string, unknown>) =>
        renderPage(views, request, response, 'pages/sign-in.njk', {
          title: 'Sign in',
          values: { email },
          oidcLabel: engine.config.oidc?.label,
          next: request.query.next ? nextPage(request.query.next) : null,
          ...more,
        });
      if (errors.length > 0) return page({ errors });
      const now = engine.clock();
      const personId = await personIdByEmail(engine.db, email);
      const person = personId ? await findPerson(engine.db, personId, 'all') : null;
      const checked = await checkPassword(
        engine.db,
        person && !person.disabled ? person.id : null,
        password,
        now,
      );
      if (checked.outcome === 'locked')
        return page({
          status: 429,
          locked: `Too many wrong passwords. You can try again after ${untilLabel(checked.until)}.`,
        });
      if (checked.outcome === 'refused')
        return page({
          errors: [
            { field: 'email', text: 'Enter the email address and password of an account that may sign in' },
          ],
        });
      await signIn(request, checked.personId, now);
      await forgetExpiredSessions(engine.db, now);
      response.redirect(303, nextPage(request.query.next));
    } catch (error) {
      next(error);
    }
  });

  router.get('/sign-in/link/:secret', async (request: SignedInRequest, response, next) => {
    try {
      const holderId = await linkHolder(engine.db, secretOf(request), engine.clock());
      const holder = holderId ? await findPerson(engine.db, holderId, 'all') : null;
      if (!holder || holder.disabled)
        return renderPage(views, request, response, 'pages/link-expired.njk', {
          title: 'This link no longer works',
          status: 410,
        });
      request.session.visitedAt = Date.now();
      renderPage(views, request, response, 'pages/choose-password.njk', {
        title: 'Choose a password',
        holder,
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/sign-in/link/:secret', async (request: SignedInRequest, response, next) => {
    try {
      const now = engine.clock();
      const holderId = await linkHolder(engine.db, secretOf(request), now);
      const holder = holderId ? await findPerson(engine.db, holderId, 'all') : null;
      if (!holder || holder.disabled)
        return renderPage(views, request, response, 'pages/link-expired.njk', {
          title: 'This link no longer works',
          status: 410,
        });
      const password = formSecret(request.body?.password);
      const confirm = formSecret(request.body?.confirm);
      const problem = passwordProblem(password, holder.email);
      const errors: FieldError[] = [];
      if (problem) errors.push({ field: 'password', text: `Your password ${problem}` });
      else if (confirm !== password) errors.push({ field: 'confirm', text: 'Type the same password again' });
      if (errors.length > 0)
        return renderPage(views, request, response, 'pages/choose-password.njk', {
          title: 'Choose a password',
          holder,
          errors,
        });
      // Used once: a second request with the same link (a double click, a thief) gets nothing.
      if ((await redeemSignInLink(engine.db, secretOf(request), now)) !== holder.id)
        return renderPage(views, request, response, 'pages/link-expired.njk', {
          title: 'This link no longer works',
          status: 410,
        });
      await setPassword(engine.db, holder.id, password, now);
      await signIn(request, holder.id, now);
      request.session.flash = 'Your password is saved, and you are signed in.';
      response.redirect(303, '/');
    } catch (error) {
      next(error);
    }
  });

  router.get('/sign-in/forgotten', (request: SignedInRequest, response) => {
    request.session.visitedAt = Date.now();
    renderPage(views, request, response, 'pages/forgotten.njk', {
      title: 'Forgotten your password?',
      canEmail: Boolean(engine.config.smtpUrl),
      values: {},
    });
  });

  router.post('/sign-in/forgotten', (request: SignedInRequest, response) => {
    const email = formText(request.body?.email);
    const page = {
      title: 'Forgotten your password?',
      canEmail: Boolean(engine.config.smtpUrl),
      values: { email },
    };
    if (!email)
      return renderPage(views, request, response, 'pages/forgotten.njk', {
        ...page,
        errors: [{ field: 'email', text: 'Enter your email address' }],
      });
    // Not waited for: the answer comes as soon for an unknown email as for a known one.
    requestPasswordReset(engine, email).catch((error) =>
      engine.log.error({ err: error }, 'sending a password reset link failed'),
    );
    renderPage(views, request, response, 'pages/forgotten.njk', { ...page, sent: true });
  });

  router.post('/sign-out', (request: SignedInRequest, response, next) => {
    request.session.destroy((error) => (error ? next(error) : response.redirect(303, '/sign-in')));
  });

  return router;
}
