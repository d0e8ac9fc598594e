import { Router } from 'express';
import nunjucks from 'nunjucks';
import { addMonths } from '#domain/shared/iso-date';
import { Engine } from '#engine/engine';
import { findDecision, forwardPlan, listDecisions } from '#projections/decisions/decisions.queries';
import { decisionViewsOf, isPublished } from '../../../decisions/decision-queries';
import { decisionSummaryRows } from '../../../publishing/html-pages';
import { FieldError, formText, linkQuery, whenFound } from '../../page';
import { typedDate } from '../../time/as-at';
import { statusTag } from '../decisions/decision-tags';
import { publicBodyOf, renderPublicPage, sitePath } from './public-site';

const PAGE_SIZE = 50;
const MONTHS_AHEAD = 4;

/** A period typed into a GET form: its days, or a field error for each one that cannot be read. */
function typedPeriod(from: string, to: string, fields: [string, string]) {
  const errors: FieldError[] = [];
  const first = typedDate(from);
  const last = typedDate(to);
  if (first === null) errors.push({ field: fields[0], text: 'Write the first day like 1/4/2015' });
  if (last === null) errors.push({ field: fields[1], text: 'Write the last day like 31/3/2016' });
  if (first && last && last < first)
    errors.push({ field: fields[1], text: 'The last day must be on or after the first' });
  return { first: first || undefined, last: last || undefined, errors };
}

/**
 * A body's decisions as the public reads them: the forward plan of decisions to come, the register
 * of those of significant public interest, and each decision's record without its exempt parts.
 */
export function publicDecisionRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const bodyOf = publicBodyOf(engine);

  router.get(
    '/public/:body/forward-plan',
    whenFound(bodyOf, async (request, response, found) => {
      const { body, today } = found;
      const values = {
        from: formText(request.query.from),
        to: formText(request.query.to),
        key: formText(request.query.key) === 'yes' ? 'yes' : '',
      };
      const period = typedPeriod(values.from, values.to, ['from', 'to']);
      const from = period.first ?? today;
      const to = period.last ?? addMonths(from, MONTHS_AHEAD);
      const cursor = formText(request.query.cursor) || undefined;
      const page =
        period.errors.length > 0
          ? { items: [], nextCursor: null }
          : await forwardPlan(engine.db, {
              bodyIds: [body.id],
              from,
              to,
              publishedOnly: true,
              keyOnly: values.key === 'yes',
              limit: PAGE_SIZE,
              cursor,
            });
      const base = sitePath(body.id);
      const decisions = await decisionViewsOf(engine.db, page.items, 'public', engine.clock());
      renderPublicPage(views, request, response, body, 'pages/public/forward-plan.njk', {
        title: 'Forward plan',
        errors: period.errors,
        values,
        from,
        to,
        decisions: decisions.map((d) => ({
          ...d,
          href: `${base}/decisions/${d.id}`,
          statusTag: statusTag(d.status),
        })),
        firstHref: cursor ? `${base}/forward-plan?${linkQuery(values)}` : null,
        nextHref: page.nextCursor
          ? `${base}/forward-plan?${linkQuery(values, { cursor: page.nextCursor })}`
          : null,
        printable: `/api/public/bodies/${encodeURIComponent(body.id)}/forward-plan.html`,
      });
    }),
  );

  router.get(
    '/public/:body/decisions',
    whenFound(bodyOf, async (request, response, found) => {
      const { body } = found;
      const values = {
        q: formText(request.query.q),
        takenFrom: formText(request.query.takenFrom),
        takenTo: formText(request.query.takenTo),
      };
      const period = typedPeriod(values.takenFrom, values.takenTo, ['takenFrom', 'takenTo']);
      const cursor = formText(request.query.cursor) || undefined;
      const page =
        period.errors.length > 0
          ? { items: [], nextCursor: null }
          : await listDecisions(engine.db, {
              bodyIds: [body.id],
              stages: ['taken', 'revoked', 'superseded'],
              significantPublicInterest: true,
              recordPublishedOnly: true,
              search: values.q || undefined,
              takenFrom: period.first,
              takenTo: period.last,
              publicOnly: true,
              limit: PAGE_SIZE,
              cursor,
            });
      const base = sitePath(body.id);
      const decisions = await decisionViewsOf(engine.db, page.items, 'public', engine.clock());
      renderPublicPage(views, request, response, body, 'pages/public/decisions.njk', {
        title: 'Register of decisions',
        errors: period.errors,
        values,
        decisions: decisions.map((d) => ({
          ...d,
          href: `${base}/decisions/${d.id}`,
          statusTag: statusTag(d.status),
        })),
        firstHref: cursor ? `${base}/decisions?${linkQuery(values)}` : null,
        nextHref: page.nextCursor
          ? `${base}/decisions?${linkQuery(values, { cursor: page.nextCursor })}`
          : null,
        csv: `/api/public/bodies/${encodeURIComponent(body.id)}/decision-register.csv`,
      });
    }),
  );

  router.get(
    '/public/:body/decisions/:decisionId',
    whenFound(bodyOf, async (request, response, found, next) => {
      const { body } = found;
      const stored = await findDecision(engine.db, request.params.decisionId as string, [body.id]);
      // The public only knows of a decision once its notice or record is published.
      if (!stored || !isPublished(stored.decision)) return next();
      const [decision] = await decisionViewsOf(engine.db, [stored], 'public', engine.clock());
      renderPublicPage(views, request, response, body, 'pages/public/decision.njk', {
        title: decision.title ? `${decision.title}: ${decision.subject}` : decision.subject,
        decision,
        rows: decisionSummaryRows(decision),
      });
    }),
  );

  return router;
}
