import { ErrorRequestHandler, Router, urlencoded } from 'express';
import { Engine } from '#engine/engine';
import { homeRoutes } from './routes/home';
import { signInRoutes } from './routes/sign-in';
import { renderPage, SignedInRequest } from './page';
import { webViews } from './setup/views';
import { webSecurity } from './setup/web-security';
import { signedInPerson } from './signed-in';

/** The paths the web application answers; everything under /api is the JSON API's. */
export const WEB_PATHS = ['/', '/sign-in', '/sign-in/link/:secret', '/sign-out'];

/**
 * The staff web application: server-rendered GOV.UK pages over the same engine as the API (its
 * queries and commands, no HTTP calls to itself). An express router rather than Nest controllers,
 * so that it has its own sessions, CSRF checks and form parsing, and none of the API's bearer-token
 * guard or JSON error answers.
 */
export function webApp(engine: Engine): Router {
  const views = webViews();
  const { session, csrf } = webSecurity(engine);
  const router = Router();
  router.use(WEB_PATHS, ...session, urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  router.use(WEB_PATHS, csrf.doubleCsrfProtection);
  router.use(WEB_PATHS, signedInPerson(engine));
  router.use(signInRoutes(engine, views));
  router.use(homeRoutes(views));
  const refused: ErrorRequestHandler = (error, request: SignedInRequest, response, next) => {
    if (error !== csrf.invalidCsrfTokenError) return next(error);
    renderPage(views, request, response, 'pages/form-expired.njk', {
      title: 'This form has expired',
      status: 403,
    });
  };
  router.use(refused);
  return router;
}
