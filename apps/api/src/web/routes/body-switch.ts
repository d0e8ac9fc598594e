import { Router } from 'express';
import { requireSignIn } from '../signed-in';
import { SignedInRequest } from '../page';

/**
 * The body the pages act for, for a person with roles in several: chosen from the header, kept in
 * the session. A body they hold no role in is not theirs to choose, and changes nothing.
 */
export function bodySwitchRoutes(): Router {
  const router = Router();
  router.post('/acting-for', requireSignIn, (request: SignedInRequest, response) => {
    const chosen = typeof request.body?.bodyId === 'string' ? request.body.bodyId : '';
    if (request.person!.bodies.some((body) => body.bodyId === chosen)) {
      request.session.bodyId = chosen;
      request.session.flash = `You are now working in ${chosen}.`;
    }
    response.redirect(303, '/');
  });
  return router;
}
