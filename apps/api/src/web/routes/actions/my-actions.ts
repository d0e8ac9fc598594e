import { Router } from 'express';
import nunjucks from 'nunjucks';
import { Engine } from '#engine/engine';
import { actionsLedBy } from '#projections/action-register/action-register.queries';
import { bodyDay } from '../../time/page-time';
import { longDate } from '../../../publishing/html-pages';
import { renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { statusTag } from './register-view';

const SOON_DAYS = 14;

/** The actions I lead: overdue first, then due soon, each a step from its update page. */
export function myActionsRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  router.get(
    '/my-actions',
    requireRole('officer', 'secretary', 'admin'),
    async (request: SignedInRequest, response, next) => {
      try {
        const bodyId = request.actingFor!.id;
        const { settings, today } = await bodyDay(engine, bodyId);
        const soon = new Date(`${today}T00:00:00Z`);
        soon.setUTCDate(soon.getUTCDate() + SOON_DAYS);
        const actions = await actionsLedBy(engine.db, bodyId, request.person!);
        const rows = actions.map((action) => {
          const due = action.dueDate.date;
          const open = action.lifecycle === 'open';
          const when =
            open && due && due < today
              ? 'Overdue'
              : open && due && due <= soon.toISOString().slice(0, 10)
                ? 'Due soon'
                : null;
          return {
            id: action.id,
            ref: action.ref,
            title: action.title,
            due: due ? `${action.dueDate.written} (${longDate(due)})` : action.dueDate.written,
            // Sorted by the date it falls due; TBC and ongoing last.
            dueSort: due ?? '9999-12-31',
            when,
            open,
            tag: statusTag(
              action.lifecycle === 'cancelled' ? 'CANCELLED' : (action.status ?? 'NONE'),
              settings.statusDisplay,
            ),
            lastUpdate: action.lastProgress?.reportedOn ?? action.statusEffectiveOn,
          };
        });
        renderPage(views, request, response, 'pages/actions/my-actions.njk', {
          title: 'My actions',
          rows,
          overdue: rows.filter((row) => row.when === 'Overdue').length,
          dueSoon: rows.filter((row) => row.when === 'Due soon').length,
        });
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
