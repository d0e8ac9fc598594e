import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { isRagStatus } from '#domain/action/rag-status';
import { previousQuarterEnd, quarterEndsBetween } from '#domain/action/reporting-period';
import { Engine } from '#engine/engine';
import {
  REGISTER_SORTS,
  RegisterQuery,
  RegisterSort,
  RegisterStatus,
  registerAsAt,
  registerChoices,
} from '#projections/action-register/register-as-at.queries';
import { ragReport } from '#projections/rag-history/rag-history.queries';
import { longDate } from '../../../publishing/html-pages';
import { formText, renderPage, SignedInRequest } from '../../page';
import { requireRole, isSecretary } from '../../signed-in';
import { PageTime, timeLink } from '../../time/as-at';
import { pageTimeFor } from '../../time/page-time';
import { registerCsv, registerWorkbook } from './register-downloads';
import { BodySettings } from '#domain/body/body-settings';
import { pageNumberOf, pagination } from '../../pagination';
import { groupedByTheme, KEY_ORDER, statusKey, statusLabel, statusTag } from './register-view';

const PAGE_SIZE = 100;
/** "Show all on one page", for printing a plan as the paper sets it out. */
const ALL_ON_ONE_PAGE = 5_000;
/** More lines than any plan has: a download holds every line the filters match. */
const DOWNLOAD_LIMIT = 50_000;

const isRegisterStatus = (value: string): value is RegisterStatus =>
  isRagStatus(value) || value === 'NONE' || value === 'CANCELLED';

/** The filters of the register, as the page's GET form and its links carry them. */
function filtersOf(query: Record<string, unknown>) {
  const status = formText(query.status);
  const sort = formText(query.sort);
  return {
    plan: formText(query.plan),
    theme: formText(query.theme),
    status: isRegisterStatus(status) ? status : ('' as const),
    lead: formText(query.lead),
    q: formText(query.q),
    sort: (REGISTER_SORTS as readonly string[]).includes(sort) ? (sort as RegisterSort) : 'ref',
  };
}
type Filters = ReturnType<typeof filtersOf>;

const queryOf = (
  bodyId: string,
  filters: Filters,
  time: PageTime,
): Omit<RegisterQuery, 'limit' | 'offset'> => ({
  bodyId,
  plan: filters.plan || undefined,
  theme: filters.theme || undefined,
  status: filters.status || undefined,
  lead: filters.lead || undefined,
  search: filters.q || undefined,
  asOf: time.asAt,
  knownAt: time.knownAt ?? undefined,
  sort: filters.sort,
});

/** The filters that are set, for links (empty ones left out, and the sort only when not the default). */
const linkFilters = (filters: Filters): Record<string, string> =>
  Object.fromEntries(
    Object.entries(filters).filter(([key, value]) => value && !(key === 'sort' && value === 'ref')),
  );

/**
 * The action register in the shape of seed 000's theme update: the status key with counts,
 * percentages and movement since the quarter before, then each plan's and theme's actions with
 * their status and update as at the period end; CSV and Excel downloads of the same lines.
 */
export function registerRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  /** The status key as at the page's date and the quarter before, for the filters' plan and theme. */
  const keyOf = async (bodyId: string, filters: Filters, time: PageTime, settings: BodySettings) => {
    const query = {
      bodyId,
      plan: filters.plan || undefined,
      theme: filters.theme || undefined,
      knownAt: time.knownAt ?? undefined,
    };
    const [now, then] = await Promise.all(
      [time.asAt, previousQuarterEnd(time.asAt, settings.yearStartMonth)].map((asOf) =>
        ragReport(engine.db, { ...query, asOf }, settings.statusDisplay),
      ),
    );
    return statusKey(now, then, settings.statusDisplay);
  };

  router.get('/actions', readers, async (request: SignedInRequest, response, next) => {
    try {
      const bodyId = request.actingFor!.id;
      const { settings, today, time, errors } = await pageTimeFor(engine, request);
      const filters = filtersOf(request.query);
      const all = formText(request.query.show) === 'all';
      const size = all ? ALL_ON_ONE_PAGE : PAGE_SIZE;
      const page = all ? 1 : pageNumberOf(request.query.page);
      // Independent reads, side by side (PostgreSQL runs them on several connections).
      const [choices, found, key] = await Promise.all([
        registerChoices(engine.db, bodyId),
        errors.length > 0
          ? { lines: [], total: 0 }
          : registerAsAt(engine.db, {
              ...queryOf(bodyId, filters, time),
              limit: size,
              offset: (page - 1) * size,
            }),
        errors.length > 0 ? [] : keyOf(bodyId, filters, time, settings),
      ]);
      const periodEnds = quarterEndsBetween(shiftYears(today, -3), today, settings.yearStartMonth);
      if (time.asked.asAt && !periodEnds.includes(time.asAt)) periodEnds.unshift(time.asAt);
      const href = (number: number) =>
        timeLink('/actions', time, {
          ...linkFilters(filters),
          ...(number > 1 ? { page: String(number) } : {}),
        });
      renderPage(views, request, response, 'pages/actions/register.njk', {
        title: 'Action register',
        errors,
        addHref:
          !time.travelling && isSecretary(request)
            ? `/actions/new${filters.plan ? `?${new URLSearchParams({ plan: filters.plan })}` : ''}`
            : null,
        importHref:
          !time.travelling && isSecretary(request)
            ? `/actions/import${filters.plan ? `?${new URLSearchParams({ plan: filters.plan })}` : ''}`
            : null,
        time,
        filters,
        key,
        asAtText: longDate(time.asAt),
        beforeText: longDate(previousQuarterEnd(time.asAt, settings.yearStartMonth)),
        groups: groupedByTheme(found.lines).map((group) => ({
          ...group,
          lines: group.lines.map((line) => ({
            ...line,
            href: timeLink(`/actions/${line.id}`, time),
            tag: statusTag(line.status, settings.statusDisplay),
          })),
        })),
        total: found.total,
        shown: found.lines.length,
        pagination: pagination(page, Math.ceil(found.total / size), href),
        allHref:
          !all && found.total > PAGE_SIZE
            ? timeLink('/actions', time, { ...linkFilters(filters), show: 'all' })
            : null,
        downloads: {
          csv: timeLink('/actions/register.csv', time, linkFilters(filters)),
          xlsx: timeLink('/actions/register.xlsx', time, linkFilters(filters)),
        },
        current: timeLink('/actions', { ...time, asked: { asAt: '', knownAt: '' } }, linkFilters(filters)),
        options: {
          plans: choices.plans.map((each) => each.plan),
          themes:
            choices.plans.find((each) => each.plan === filters.plan)?.themes ??
            choices.plans.flatMap((each) => each.themes),
          leads: choices.leads,
          statuses: [...KEY_ORDER, 'NONE', 'CANCELLED'].map((status) => ({
            value: status,
            text: statusLabel(status as RegisterStatus, settings.statusDisplay),
          })),
          periodEnds: periodEnds.map((date) => ({ value: date, text: longDate(date) })),
        },
      });
    } catch (error) {
      next(error);
    }
  });

  const download =
    (format: 'csv' | 'xlsx') =>
    async (request: SignedInRequest, response: Response, next: (error: unknown) => void) => {
      try {
        const { settings, time, errors } = await pageTimeFor(engine, request);
        if (errors.length > 0)
          return response
            .status(400)
            .type('text')
            .send(errors.map((e) => e.text).join('\n'));
        const filters = filtersOf(request.query);
        const { lines } = await registerAsAt(engine.db, {
          ...queryOf(request.actingFor!.id, filters, time),
          limit: DOWNLOAD_LIMIT,
          offset: 0,
        });
        const name = `action-register-${request.actingFor!.id}-${time.asAt}.${format}`;
        response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
        response.setHeader('Cache-Control', 'no-store');
        if (format === 'csv')
          return response.type('text/csv').send(registerCsv(lines, settings.statusDisplay));
        const workbook = await registerWorkbook(
          lines,
          settings.statusDisplay,
          `Action register as at ${time.asAt}`,
          {
            asAt: time.asAt,
            before: previousQuarterEnd(time.asAt, settings.yearStartMonth),
            rows: await keyOf(request.actingFor!.id, filters, time, settings),
          },
        );
        response.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(workbook);
      } catch (error) {
        next(error);
      }
    };
  router.get('/actions/register.csv', readers, download('csv'));
  router.get('/actions/register.xlsx', readers, download('xlsx'));
  return router;
}

function shiftYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}
