import { Router } from 'express';
import nunjucks from 'nunjucks';
import { Engine } from '#engine/engine';
import { listBodies } from '#projections/bodies/bodies.queries';
import { renderPage, SignedInRequest } from '../page';
import { EVERY_BODY_SITE } from './public/public-site';

/** When this statement was written and last reviewed against the pages (update both on review). */
const PREPARED_ON = '4 December 2026';
const REVIEWED_ON = '4 December 2026';

/**
 * The accessibility statement the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
 * Accessibility Regulations 2018 require of every public body's website, in the shape of GOV.UK's
 * sample statement: who runs the site, how accessible it is and what is not, how to ask for
 * another format or report a problem, and how it was tested. No sign-in: anyone may need it.
 */
export function accessibilityRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  router.get('/accessibility', async (request: SignedInRequest, response, next) => {
    try {
      const bodies = await listBodies(engine.db, null);
      const contact = engine.config.accessibilityContact;
      renderPage(views, request, response, 'pages/accessibility.njk', {
        title: 'Accessibility statement',
        site: EVERY_BODY_SITE,
        bodies: bodies.map((body) => body.name),
        contact: contact && {
          text: contact.replace(/^https:\/\//, ''),
          href: contact.startsWith('https://') ? contact : `mailto:${contact}`,
        },
        preparedOn: PREPARED_ON,
        reviewedOn: REVIEWED_ON,
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
