import { Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { Engine } from '#engine/engine';
import { meetingPackOf } from '../../../boards/board-queries';
import { renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { readTimeOf, timeLink } from '../../time/as-at';
import { pageTimeFor } from '../../time/page-time';
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
        const { settings, time, errors } = await pageTimeFor(engine, request);
        const asked = errors.length > 0 ? {} : readTimeOf(time);
        const found = await meetingOf(request, asked);
        if (!found) return next();
        const pack = await meetingPackOf(
          engine,
          found.board.id,
          found.meeting.id,
          [found.board.bodyId],
          asked,
        );
        const base = `/boards/${found.board.id}/meetings/${found.meeting.id}`;
        renderPage(views, request, response, 'pages/meetings/pack.njk', {
          title: `Meeting pack: ${found.board.board.name}`,
          errors,
          time,
          current: `${base}/pack`,
          meetingHref: timeLink(base, time),
          base,
          meeting: found.meeting.meeting,
          since: pack.since,
          assurance: pack.assurance,
          items: pack.items.map((item, index) => ({
            ...item,
            number: index + 1,
            actions: item.actions.map(({ action, updates }) => ({
              ...action,
              href: timeLink(`/actions/${action.id}`, time),
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
              href: timeLink(`/decisions/${decision.id}`, time),
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
