import { Router } from 'express';
import nunjucks from 'nunjucks';
import { renderPage, SignedInRequest } from '../page';
import { requireSignIn } from '../signed-in';

export function homeRoutes(views: nunjucks.Environment): Router {
  const router = Router();
  router.get('/', requireSignIn, (request: SignedInRequest, response) => {
    const roleRows = request.person!.bodies.map((appointment) => ({
      key: { text: appointment.bodyId },
      value: { text: appointment.roles.join(', ') },
    }));
    renderPage(views, request, response, 'pages/home.njk', { title: 'Home', roleRows });
  });
  return router;
}
