import { isEmail } from 'class-validator';
import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import {
  confirmSubscription,
  endSubscription,
  forgetRequest,
  requestSubscription,
  SUBSCRIPTION_TOPICS,
  SubscriptionTopic,
  subscriptionToConfirm,
  subscriptionToEnd,
} from '#application/subscriptions/subscriptions';
import { linkTo } from '#engine/admins';
import { Engine } from '#engine/engine';
import { BodyView, findBody } from '#projections/bodies/bodies.queries';
import { EmailNotifier } from '#reminders/notifiers';
import { confirmationEmail, topicsInWords } from '../../../publishing/publication-emails';
import { FieldError, formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { EVERY_BODY_SITE, publicBodyOf, renderPublicPage, sitePath } from './public-site';

const TOPIC_CHOICES: { value: SubscriptionTopic; text: string; hint: string }[] = [
  { value: 'decisions', text: 'Decisions', hint: 'When the record of a decision is published' },
  { value: 'agendas', text: 'Agendas', hint: 'When a meeting’s agenda is issued' },
  { value: 'minutes', text: 'Minutes', hint: 'When a meeting’s minutes are approved and published' },
];

const topicsOf = (value: unknown): SubscriptionTopic[] =>
  (Array.isArray(value) ? value : [value]).filter((topic): topic is SubscriptionTopic =>
    SUBSCRIPTION_TOPICS.includes(topic as SubscriptionTopic),
  );

/**
 * Email updates for anyone, without an account: subscribe to a body's decisions, agendas and
 * minutes, confirm from the email (double opt-in), stop them from any email in one click.
 */
export function subscriptionRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const bodyOf = publicBodyOf(engine);
  const canEmail = Boolean(engine.config.smtpUrl);
  const showForm = (
    request: SignedInRequest,
    response: Response,
    body: BodyView,
    values: { email: string; topics: SubscriptionTopic[] },
    errors: FieldError[] = [],
  ) =>
    renderPublicPage(views, request, response, body, 'pages/public/subscribe.njk', {
      title: 'Get updates by email',
      canEmail,
      values,
      errors,
      choices: TOPIC_CHOICES,
      feeds: `/api/public/bodies/${encodeURIComponent(body.id)}/feed.atom`,
    });

  router.get(
    '/public/:body/subscribe',
    whenFound(bodyOf, async (request, response, found) => {
      request.session.visitedAt = Date.now(); // keeps the session (and so the form's CSRF token) steady
      showForm(request, response, found.body, { email: '', topics: [...SUBSCRIPTION_TOPICS] });
    }),
  );

  router.post('/public/:body/subscribe', async (request: SignedInRequest, response, next) => {
    try {
      const found = await bodyOf(request);
      if (!found || !canEmail) return next();
      const { body } = found;
      const values = { email: formText(request.body.email), topics: topicsOf(request.body.topics) };
      const errors: FieldError[] = [];
      if (!isEmail(values.email) || values.email.length > 254)
        errors.push({ field: 'email', text: 'Enter an email address like name@example.com' });
      if (values.topics.length === 0)
        errors.push({ field: 'topics', text: 'Choose at least one kind of update' });
      if (errors.length > 0) return showForm(request, response, body, values, errors);
      const asked = await requestSubscription(
        engine.db,
        { bodyId: body.id, email: values.email, topics: values.topics },
        engine.clock(),
      );
      // Sent only when none was sent lately; the page says the same either way (it tells no one who subscribes).
      if (asked) {
        const mailer = new EmailNotifier(engine.config.smtpUrl as string, engine.config.mailFrom);
        try {
          const words = confirmationEmail(
            body.name,
            values.topics,
            linkTo(engine, `/public/subscriptions/confirm/${asked.secret}`),
          );
          await mailer.send({ id: asked.subscriptionId + '.confirm', address: values.email, ...words });
        } catch (error) {
          engine.log.warn({ err: error }, 'subscription confirmation not sent');
          await forgetRequest(engine.db, asked.subscriptionId);
          return renderPublicPage(views, request, response, body, 'pages/refused.njk', {
            title: 'Your email could not be sent',
            status: 503,
            why: 'We could not send the confirmation email just now. Nothing was saved: try again in a few minutes.',
            back: { href: `${sitePath(body.id)}/subscribe`, text: 'Back to email updates' },
          });
        } finally {
          await mailer.close();
        }
      }
      request.session.subscribing = { email: values.email, topics: topicsInWords(values.topics) };
      response.redirect(303, `${sitePath(body.id)}/subscribe/check-your-email`);
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/public/:body/subscribe/check-your-email',
    whenFound(bodyOf, async (request, response, found) => {
      renderPublicPage(views, request, response, found.body, 'pages/public/check-your-email.njk', {
        title: 'Check your email',
        subscribing: request.session.subscribing ?? null,
      });
    }),
  );

  router.get('/public/subscriptions/confirm/:secret', async (request: SignedInRequest, response, next) => {
    try {
      const subscription = await subscriptionToConfirm(
        engine.db,
        request.params.secret as string,
        engine.clock(),
      );
      const body = subscription && (await findBody(engine.db, subscription.bodyId));
      if (!subscription || !body)
        return renderPage(views, request, response, 'pages/public/subscription-link-expired.njk', {
          title: 'This link has expired',
          status: 404,
          site: EVERY_BODY_SITE,
        });
      // Confirming takes a press of a button: a mail scanner following the link confirms nothing.
      request.session.visitedAt = Date.now();
      renderPublicPage(views, request, response, body, 'pages/public/confirm-subscription.njk', {
        title: 'Confirm your email updates',
        email: subscription.email,
        topics: topicsInWords(subscription.topics),
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/public/subscriptions/confirm/:secret', async (request: SignedInRequest, response, next) => {
    try {
      const confirmed = await confirmSubscription(engine.db, request.params.secret as string, engine.clock());
      if (!confirmed)
        return renderPage(views, request, response, 'pages/public/subscription-link-expired.njk', {
          title: 'This link has expired',
          status: 404,
          site: EVERY_BODY_SITE,
        });
      request.session.flash = `Subscribed: ${confirmed.email} will get an email when ${topicsInWords(confirmed.topics)} are published.`;
      response.redirect(303, sitePath(confirmed.bodyId));
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/**
 * Stopping the emails, from the link every email carries, with no CSRF token: mail clients post to
 * it for one-click unsubscribe (RFC 8058), and the secret in the link is what authorises it.
 */
export function unsubscribeRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const secretOf = (request: SignedInRequest) => formText(request.query.s);

  router.get('/public/subscriptions/unsubscribe', async (request: SignedInRequest, response, next) => {
    try {
      const subscription = await subscriptionToEnd(engine.db, secretOf(request));
      const body = subscription && (await findBody(engine.db, subscription.bodyId));
      if (!subscription || !body)
        return renderPage(views, request, response, 'pages/public/unsubscribed.njk', {
          title: 'You get no emails from this link',
          site: EVERY_BODY_SITE,
        });
      renderPublicPage(views, request, response, body, 'pages/public/unsubscribe.njk', {
        title: 'Stop email updates',
        email: subscription.email,
        action: `/public/subscriptions/unsubscribe?s=${encodeURIComponent(secretOf(request))}`,
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/public/subscriptions/unsubscribe', async (request: SignedInRequest, response, next) => {
    try {
      await endSubscription(engine.db, secretOf(request), engine.clock());
      renderPage(views, request, response, 'pages/public/unsubscribed.njk', {
        title: 'You will get no more emails',
        site: EVERY_BODY_SITE,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
