import { Router } from 'express';
import nunjucks from 'nunjucks';
import { latestNoticeDate } from '#domain/decision/decision-compliance';
import { addMonths } from '#domain/shared/iso-date';
import { Engine } from '#engine/engine';
import { forwardPlan } from '#projections/decisions/decisions.queries';
import { decisionViewsOf } from '../../../decisions/decision-queries';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { typedDate } from '../../time/as-at';
import { bodyDay } from '../../time/page-time';
import { complianceTag, statusTag } from './decision-tags';

const PAGE_SIZE = 50;
/** Forward plans look four months ahead unless told otherwise (they are revised monthly). */
const MONTHS_AHEAD = 4;

/**
 * The forward plan as the secretary keeps it: every decision expected in the window, published or
 * not yet, with the day each key decision's notice must go out and how it stands against the rules.
 */
export function forwardPlanRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');

  router.get('/forward-plan', readers, async (request: SignedInRequest, response, next) => {
    try {
      const bodyId = request.actingFor!.id;
      const { settings, today } = await bodyDay(engine, bodyId);
      const values = {
        from: formText(request.query.from),
        to: formText(request.query.to),
        key: formText(request.query.key) === 'yes' ? 'yes' : '',
      };
      const errors: FieldError[] = [];
      const typedFrom = typedDate(values.from);
      const typedTo = typedDate(values.to);
      if (typedFrom === null) errors.push({ field: 'from', text: 'Write the first day like 1/4/2026' });
      if (typedTo === null) errors.push({ field: 'to', text: 'Write the last day like 31/7/2026' });
      const from = typedFrom || today;
      const to = typedTo || addMonths(from, MONTHS_AHEAD);
      if (errors.length === 0 && to < from)
        errors.push({ field: 'to', text: 'The last day must be after the first' });
      const cursor = formText(request.query.cursor) || undefined;
      const page =
        errors.length > 0
          ? { items: [], nextCursor: null }
          : await forwardPlan(engine.db, {
              bodyIds: [bodyId],
              from,
              to,
              publishedOnly: false,
              keyOnly: values.key === 'yes',
              limit: PAGE_SIZE,
              cursor,
            });
      const decisions = await decisionViewsOf(engine.db, page.items, 'members', engine.clock());
      const clearDays = settings.statutoryPeriods.keyDecisionNoticeClearDays;
      renderPage(views, request, response, 'pages/decisions/forward-plan.njk', {
        title: 'Forward plan',
        errors,
        values,
        from,
        to,
        decisions: decisions.map((decision) => ({
          ...decision,
          href: `/decisions/${decision.id}`,
          statusTag: statusTag(decision.status),
          complianceTag: complianceTag(decision.compliance.status),
          publishBy:
            decision.keyDecision && !decision.noticePublishedOn && decision.expectedOn
              ? latestNoticeDate(decision.expectedOn, clearDays)
              : null,
        })),
        today,
        firstHref: cursor ? `/forward-plan?${linkQuery(values)}` : null,
        nextHref: page.nextCursor ? `/forward-plan?${linkQuery(values, { cursor: page.nextCursor })}` : null,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
