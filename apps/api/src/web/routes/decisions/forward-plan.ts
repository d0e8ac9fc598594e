import { Router } from 'express';
import nunjucks from 'nunjucks';
import { latestNoticeDate } from '#domain/decision/decision-compliance';
import { addMonths } from '#domain/shared/iso-date';
import { endOfLocalDay } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { forwardPlan } from '#projections/decisions/decisions.queries';
import { decisionViewsOf } from '../../../decisions/decision-queries';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { readTimeOf, timeLink, typedDate } from '../../time/as-at';
import { pageTimeFor } from '../../time/page-time';
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
      const { settings, today, time, errors: timeErrors } = await pageTimeFor(engine, request);
      const values = {
        from: formText(request.query.from),
        to: formText(request.query.to),
        key: formText(request.query.key) === 'yes' ? 'yes' : '',
      };
      const errors: FieldError[] = [...timeErrors];
      const asked = timeErrors.length > 0 ? {} : readTimeOf(time);
      const typedFrom = typedDate(values.from);
      const typedTo = typedDate(values.to);
      if (typedFrom === null) errors.push({ field: 'from', text: 'Write the first day like 1/4/2026' });
      if (typedTo === null) errors.push({ field: 'to', text: 'Write the last day like 31/7/2026' });
      const from = typedFrom || (asked.asOf ?? today);
      const to = typedTo || addMonths(from, MONTHS_AHEAD);
      if (errors.length === 0 && to < from)
        errors.push({ field: 'to', text: 'The last day must be after the first' });
      const cursor = formText(request.query.cursor) || undefined;
      const db = await engine.knownAt.at(asked.knownAt);
      const page =
        errors.length > 0
          ? { items: [], nextCursor: null }
          : await forwardPlan(db, {
              bodyIds: [bodyId],
              from,
              to,
              // The plan as it stood: as recorded by the instant asked, else by the end of the day asked.
              asOf: asked.knownAt
                ? new Date(asked.knownAt)
                : asked.asOf
                  ? endOfLocalDay(asked.asOf, settings.timeZone)
                  : undefined,
              publishedOnly: false,
              keyOnly: values.key === 'yes',
              limit: PAGE_SIZE,
              cursor,
            });
      const decisions = await decisionViewsOf(db, page.items, 'members', engine.clock(), asked.asOf);
      const clearDays = settings.statutoryPeriods.keyDecisionNoticeClearDays;
      const kept = { ...values, asAt: time.asked.asAt, knownAt: time.asked.knownAt };
      renderPage(views, request, response, 'pages/decisions/forward-plan.njk', {
        title: 'Forward plan',
        errors,
        time,
        current: `/forward-plan?${linkQuery(values)}`,
        values,
        kept,
        from,
        to,
        decisions: decisions.map((decision) => ({
          ...decision,
          href: timeLink(`/decisions/${decision.id}`, time),
          statusTag: statusTag(decision.status),
          complianceTag: complianceTag(decision.compliance.status),
          publishBy:
            decision.keyDecision && !decision.noticePublishedOn && decision.expectedOn
              ? latestNoticeDate(decision.expectedOn, clearDays)
              : null,
        })),
        today: asked.asOf ?? today,
        firstHref: cursor ? `/forward-plan?${linkQuery(kept)}` : null,
        nextHref: page.nextCursor ? `/forward-plan?${linkQuery(kept, { cursor: page.nextCursor })}` : null,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
