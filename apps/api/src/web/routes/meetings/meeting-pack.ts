import { Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { Engine } from '#engine/engine';
import { meetingPackOf } from '../../../boards/board-queries';
import { renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { bodyDay } from '../../time/page-time';
import { statusLabel, statusTag } from '../actions/register-view';
import { statusTag as decisionTag } from '../decisions/decision-tags';
import { meetingPages } from './meeting-pages';

/**
 * The meeting pack as members will read it: each item with its report's author, the questions
 * put, the linked actions with their status and every update since the board's last meeting,
 * the linked decisions, and the assurance matters due.
 */
export function meetingPackRoutes(
  engine: Engine,
  views: nunjucks.Environment,
  gateway: CommandGateway,
): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const { meetingOf } = meetingPages(engine, views, gateway);

  router.get(
    '/boards/:boardId/meetings/:meetingId/pack',
    readers,
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await meetingOf(request);
        if (!found) return next();
        const pack = await meetingPackOf(engine, found.board.id, found.meeting.id, [found.board.bodyId]);
        const { settings } = await bodyDay(engine, found.board.bodyId);
        renderPage(views, request, response, 'pages/meetings/pack.njk', {
          title: `Meeting pack: ${found.board.board.name}`,
          base: `/boards/${found.board.id}/meetings/${found.meeting.id}`,
          meeting: found.meeting.meeting,
          since: pack.since,
          assurance: pack.assurance,
          items: pack.items.map((item, index) => ({
            ...item,
            number: index + 1,
            actions: item.actions.map(({ action, updates }) => ({
              ...action,
              href: `/actions/${action.id}`,
              tag: statusTag(
                action.lifecycle === 'cancelled' ? 'CANCELLED' : (action.status ?? 'NONE'),
                settings.statusDisplay,
              ),
              updates: updates.map((update) => ({
                ...update,
                label: update.status ? statusLabel(update.status, settings.statusDisplay) : update.kind,
              })),
            })),
            decisions: item.decisions.map((decision) => ({
              ...decision,
              href: `/decisions/${decision.id}`,
              tag: decisionTag(decision.status),
            })),
          })),
        });
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}
