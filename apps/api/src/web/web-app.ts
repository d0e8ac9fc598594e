import { ErrorRequestHandler, Request, Router, urlencoded } from 'express';
import { DomainError } from '#domain/shared/domain-error';
import { Engine } from '#engine/engine';
import { httpCommandGateway } from '../http/command-context';
import { checkJsonValue, parserRefusalOf, RequestRefusal } from '../http/request-guards';
import { accountRoutes } from './routes/account';
import { auditRoutes } from './routes/audit';
import { actionPageRoutes } from './routes/actions/action-page';
import { actionUpdateRoutes } from './routes/actions/action-update';
import { myActionsRoutes } from './routes/actions/my-actions';
import { importRegisterRoutes } from './routes/actions/import-register';
import { decisionDownloadRoutes } from './routes/decisions/decision-downloads';
import { scheduleDownloadRoutes } from './routes/meetings/schedule-downloads';
import { newActionRoutes } from './routes/actions/new-action';
import { registerRoutes } from './routes/actions/register';
import { boardRoutes } from './routes/boards';
import { bodySwitchRoutes } from './routes/body-switch';
import { decisionPageRoutes } from './routes/decisions/decision-page';
import { decisionRoutes } from './routes/decisions/decisions';
import { forwardPlanRoutes } from './routes/decisions/forward-plan';
import { calendarRoutes } from './routes/meetings/calendar';
import { meetingPackRoutes } from './routes/meetings/meeting-pack';
import { meetingRoutes } from './routes/meetings/meetings';
import { minutesRoutes } from './routes/meetings/minutes';
import { outcomeRoutes } from './routes/meetings/outcomes';
import { recordOfMeetingRoutes } from './routes/meetings/record-of-meeting';
import { secretaryDeskRoutes } from './routes/secretary-desk';
import { publicDecisionRoutes } from './routes/public/public-decisions';
import { publicMeetingRoutes } from './routes/public/public-meetings';
import { publicSearchRoutes } from './routes/public/public-search';
import { subscriptionRoutes, unsubscribeRoutes } from './routes/public/subscriptions';
import { homeRoutes } from './routes/home';
import { peopleRoutes } from './routes/people';
import { signInRoutes } from './routes/sign-in';
import { oidcSignInRoutes } from './routes/sign-in-oidc';
import { renderPage, SignedInRequest } from './page';
import { webViews } from './setup/views';
import { pagePolicy } from './setup/page-policy';
import { webSecurity } from './setup/web-security';
import { ForbiddenPage, signedInPerson } from './signed-in';
import { accessibilityRoutes } from './routes/accessibility';

/** The web application's areas; everything else (the API at /api, published pages) is not its. */
const AREAS = [
  '/sign-in',
  '/sign-out',
  '/people',
  '/account',
  '/acting-for',
  '/actions',
  '/my-actions',
  '/audit',
  '/boards',
  '/interests',
  '/secretary',
  '/decisions',
  '/forward-plan',
  '/public',
  '/accessibility',
];

export const isWebPath = (path: string) =>
  path === '/' || AREAS.some((area) => path === area || path.startsWith(`${area}/`));

/**
 * The staff web application: server-rendered GOV.UK pages over the same engine as the API (its
 * queries and commands, no HTTP calls to itself). An express router rather than Nest controllers,
 * so that it has its own sessions, CSRF checks and form parsing, and none of the API's bearer-token
 * guard or JSON error answers.
 */
export function webApp(engine: Engine): Router {
  const views = webViews();
  const { session, csrf } = webSecurity(engine);
  const gateway = httpCommandGateway(engine);
  const web = Router();
  web.use(pagePolicy);
  web.use(
    ...session,
    urlencoded({ extended: false, limit: FORM_LIMITS.bytes, parameterLimit: FORM_LIMITS.fields }),
  );
  web.use(formsRefusedUnread);
  // A form field the database could not store (NUL, a lone surrogate) is refused before anything reads it.
  web.use((request, _response, next) => {
    try {
      checkJsonValue(request.body ?? {}, 'the form');
      next();
    } catch (error) {
      next(error);
    }
  });
  // One-click unsubscribe: mail clients post without a CSRF token; the link's secret authorises it.
  web.use(unsubscribeRoutes(engine, views));
  web.use(csrf.doubleCsrfProtection);
  web.use(signedInPerson(engine));
  web.use(signInRoutes(engine, views));
  web.use(oidcSignInRoutes(engine, views));
  web.use(homeRoutes(views));
  web.use(peopleRoutes(engine, views, gateway));
  web.use(accountRoutes(engine, views));
  web.use(registerRoutes(engine, views));
  web.use(myActionsRoutes(engine, views));
  web.use(newActionRoutes(engine, views, gateway));
  web.use(importRegisterRoutes(engine, views));
  web.use(actionPageRoutes(engine, views));
  web.use(actionUpdateRoutes(engine, views, gateway));
  web.use(scheduleDownloadRoutes(engine));
  web.use(boardRoutes(engine, views));
  web.use(calendarRoutes(engine, views, gateway));
  web.use(meetingRoutes(engine, views, gateway));
  web.use(recordOfMeetingRoutes(engine, views, gateway));
  web.use(outcomeRoutes(engine, views, gateway));
  web.use(minutesRoutes(engine, views, gateway));
  web.use(meetingPackRoutes(engine, views, gateway));
  web.use(secretaryDeskRoutes(engine, views));
  web.use(decisionDownloadRoutes(engine));
  web.use(decisionRoutes(engine, views, gateway));
  web.use(decisionPageRoutes(engine, views, gateway));
  web.use(forwardPlanRoutes(engine, views));
  web.use(auditRoutes(engine, views));
  // The search before the body's pages: /public/search is not a body.
  web.use(publicSearchRoutes(engine, views));
  web.use(publicMeetingRoutes(engine, views));
  web.use(publicDecisionRoutes(engine, views));
  web.use(subscriptionRoutes(engine, views));
  web.use(bodySwitchRoutes());
  web.use(accessibilityRoutes(engine, views));
  const errorPages: ErrorRequestHandler = (error, request: SignedInRequest, response, next) =>
    afterBodyRead(request, () => errorPage(error, request, response, next));
  const errorPage: ErrorRequestHandler = (error, request: SignedInRequest, response, next) => {
    if (error === csrf.invalidCsrfTokenError)
      return renderPage(views, request, response, 'pages/form-expired.njk', {
        title: 'This form has expired',
        status: 403,
      });
    if (error instanceof ForbiddenPage)
      return renderPage(views, request, response, 'pages/forbidden.njk', {
        title: 'You cannot see this page',
        status: 403,
        roles: error.roles,
      });
    if (error instanceof RequestRefusal)
      return renderPage(views, request, response, 'pages/refused.njk', {
        title: 'This form could not be saved',
        status: error.statusCode,
        why: `Nothing was saved: ${error.message}.`,
        back: { href: '/', text: 'Back to the home page' },
      });
    if (error instanceof DomainError && error.kind === 'not_found')
      return renderPage(views, request, response, 'pages/not-found.njk', {
        title: 'Page not found',
        status: 404,
      });
    next(error);
  };
  web.use(errorPages);
  const router = Router();
  router.use((request, response, next) => (isWebPath(request.path) ? web(request, response, next) : next()));
  return router;
}

/** The most a form sends: far more than any of the application's forms needs. */
const FORM_LIMITS = { bytes: 100 * 1024, fields: 200 };

/**
 * A form the parser would not read (larger than FORM_LIMITS, an unknown charset...) is refused in
 * words a person can act on, with the parser's 4xx status: not left to the server error page.
 */
const formsRefusedUnread: ErrorRequestHandler = (error, _request, _response, next) => {
  const refused = parserRefusalOf(error);
  if (!refused) return next(error);
  const { status, type, message } = refused;
  const why =
    type === 'entity.too.large'
      ? `the form holds more than ${FORM_LIMITS.bytes / 1024} KB of text; shorten its longest answers and send it again`
      : type === 'parameters.too.many'
        ? `the form sends more than ${FORM_LIMITS.fields} fields`
        : message;
  next(new RequestRefusal(status, why));
};

/** How long a refused form's unread body is read and dropped before the answer goes anyway. */
const DRAIN_MS = 10_000;

/**
 * Answers a form refused before its body was read (an upload is read only inside its route) once
 * the rest of the body has been read and dropped: answering first, the server closed the
 * connection under a sender still writing, which heard a cut (EPIPE) instead of the answer.
 */
function afterBodyRead(request: Request, answer: () => void): void {
  if (request.readableEnded) return answer();
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    answer();
  };
  const timer = setTimeout(once, DRAIN_MS);
  request.once('end', once).once('error', once).once('close', once).resume();
}
