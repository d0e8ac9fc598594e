import { csvOf } from '#application/exports/csv';
import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { instantAt, localTimeLabelOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import {
  AuditEntry,
  AuditFilter,
  findAuditEntry,
  listAuditTrail,
} from '#projections/audit-trail/audit-trail.queries';
import { isUuid } from '#domain/shared/uuid-text';
import { quoted } from '#domain/shared/domain-error';
import { verifyRecord } from '#application/audit/record-verification';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest, whenFound } from '../page';
import { requireRole } from '../signed-in';
import { writeAuditorBundle } from '#application/exports/auditor-bundle';
import { typedDate } from '../time/as-at';

const PAGE_SIZE = 50;
/** The CSV is read from the trail a thousand entries at a time. */
const CSV_BATCH = 1_000;
const ENTITY_TYPES = ['action', 'decision', 'meeting', 'board', 'body', 'person', 'appointment', 'reminder'];
const FIELDS = ['entityType', 'entityId', 'actor', 'eventType', 'from', 'to'] as const;

/** A day after an ISO date. */
const dayAfter = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

/** Where a record an entry is about has its own page (a meeting's needs its board, which it does not name). */
const RECORD_PAGES: Record<string, string> = { action: '/actions', decision: '/decisions', board: '/boards' };
const recordHref = (entry: AuditEntry) =>
  RECORD_PAGES[entry.entityType] ? `${RECORD_PAGES[entry.entityType]}/${entry.entityId}` : null;

/** The trail's filters from the page's GET form: the errors say which field cannot be read. */
function filterOf(query: Record<string, unknown>, bodyId: string, timeZone: string) {
  const values = Object.fromEntries(FIELDS.map((field) => [field, formText(query[field])])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const errors: FieldError[] = [];
  const from = typedDate(values.from);
  const to = typedDate(values.to);
  if (from === null) errors.push({ field: 'from', text: 'Write the first day like 1/10/2017' });
  if (to === null) errors.push({ field: 'to', text: 'Write the last day like 31/10/2017' });
  const filter: Omit<AuditFilter, 'limit'> = {
    bodyIds: [bodyId],
    entityType: ENTITY_TYPES.includes(values.entityType) ? values.entityType : undefined,
    entityId: values.entityId || undefined,
    actor: values.actor || undefined,
    eventType: values.eventType || undefined,
    // Days on the body's calendar: from its first moment to the first moment of the day after.
    recordedFrom: from ? instantAt(from, 0, timeZone) : undefined,
    recordedTo: to ? instantAt(dayAfter(to), 0, timeZone) : undefined,
  };
  return { values, errors, filter };
}

/**
 * The auditor's audit trail: every event of the body as it was recorded, filtered by record,
 * person, type and dates, a page at a time (cursor paging, stable while events arrive); the same
 * as CSV; and the hash chain checked against the event log.
 */
export function auditRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const auditors = requireRole('auditor', 'admin');
  const settingsOf = (request: SignedInRequest) => bodySettingsOf(engine.db, request.actingFor!.id);
  const line = (entry: AuditEntry, timeZone: string) => ({
    seq: entry.seq,
    recordedAt: localTimeLabelOf(entry.recordedAt, timeZone),
    actor: entry.actor,
    role: entry.actorRole ?? '',
    summary: entry.summary,
    reason: entry.reason ?? '',
    eventType: entry.eventType,
    entityType: entry.entityType,
    entityId: entry.entityId,
    href: recordHref(entry),
    entryHref: `/audit/events/${entry.eventId}`,
    effectiveAt: entry.effectiveAt ?? '',
    chainHash: entry.chainHash,
  });

  router.get('/audit', auditors, async (request: SignedInRequest, response, next) => {
    try {
      const { timeZone } = await settingsOf(request);
      const { values, errors, filter } = filterOf(request.query, request.actingFor!.id, timeZone);
      const cursor = formText(request.query.cursor) || undefined;
      const page =
        errors.length > 0
          ? { items: [], nextCursor: null }
          : await listAuditTrail(engine.db, { ...filter, limit: PAGE_SIZE, cursor });
      renderPage(views, request, response, 'pages/audit/trail.njk', {
        title: 'Audit trail',
        errors,
        values,
        entityTypes: [
          { value: '', text: 'Any record' },
          ...ENTITY_TYPES.map((type) => ({ value: type, text: type })),
        ].map((item) => ({ ...item, selected: item.value === values.entityType })),
        lines: page.items.map((entry) => line(entry, timeZone)),
        next: page.nextCursor ? `/audit?${linkQuery(values, { cursor: page.nextCursor })}` : null,
        first: cursor ? `/audit?${linkQuery(values)}` : null,
        csv: `/audit/trail.csv${linkQuery(values) ? `?${linkQuery(values)}` : ''}`,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/audit/trail.csv', auditors, async (request: SignedInRequest, response: Response, next) => {
    try {
      const { timeZone } = await settingsOf(request);
      const { errors, filter } = filterOf(request.query, request.actingFor!.id, timeZone);
      if (errors.length > 0)
        return response
          .status(400)
          .type('text')
          .send(errors.map((e) => e.text).join('\n'));
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="audit-trail-${request.actingFor!.id}.csv"`,
      );
      response.setHeader('Cache-Control', 'no-store');
      response.type('text/csv');
      const columns = [
        'seq',
        'recordedAt',
        'actor',
        'role',
        'eventType',
        'entityType',
        'entityId',
        'summary',
        'reason',
        'effectiveAt',
        'chainHash',
      ] as const;
      response.write(csvOf([[...columns]]));
      let cursor: string | undefined;
      do {
        const page = await listAuditTrail(engine.db, { ...filter, limit: CSV_BATCH, cursor });
        const rows = page.items.map((entry) => {
          const shown = line(entry, timeZone);
          return columns.map((column) => String(shown[column]));
        });
        if (rows.length > 0) response.write(csvOf(rows));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      response.end();
    } catch (error) {
      next(error);
    }
  });

  // The auditor's bundle streams into the answer as it is written (events a page at a time).
  router.get('/audit/bundle.zip', auditors, async (request: SignedInRequest, response: Response, next) => {
    try {
      const [from, to] = [formText(request.query.from), formText(request.query.to)];
      const notDays = [from, to].filter((day) => day !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(day));
      if (notDays.length > 0)
        return response
          .status(400)
          .type('text')
          .send(`${quoted(notDays[0])} is not a day: write it as 2017-04-01`);
      const bodyId = request.actingFor!.id;
      const createdAt = engine.clock();
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="auditors-bundle-${bodyId}-${createdAt.toISOString().slice(0, 10)}.zip"`,
      );
      response.setHeader('Cache-Control', 'no-store');
      response.type('application/zip');
      await writeAuditorBundle(
        engine,
        { bodyId, from: from || undefined, to: to || undefined, createdAt },
        response,
      );
    } catch (error) {
      next(error);
    }
  });

  // One entry in full: every field the trail keeps, and the event's data as it was recorded.
  router.get(
    '/audit/events/:eventId',
    auditors,
    whenFound(
      (request) => findAuditEntry(engine.db, [request.actingFor!.id], request.params.eventId as string),
      async (request, response, entry) => {
        const { timeZone } = await settingsOf(request);
        renderPage(views, request, response, 'pages/audit/entry.njk', {
          title: `Audit trail entry ${entry.seq}`,
          entry: { ...entry, ...line(entry, timeZone) },
          trails: {
            record: `/audit?${linkQuery({ entityType: entry.entityType, entityId: entry.entityId })}`,
            actor: `/audit?${linkQuery({ actor: entry.actor })}`,
            eventType: `/audit?${linkQuery({ eventType: entry.eventType })}`,
          },
          causeHref:
            entry.causationId && isUuid(entry.causationId) ? `/audit/events/${entry.causationId}` : null,
          data: JSON.stringify(entry.data, null, 2),
        });
      },
    ),
  );

  router.get('/audit/verify', auditors, async (request: SignedInRequest, response, next) => {
    try {
      const result = await verifyRecord(engine, request.actingFor!.id);
      renderPage(views, request, response, 'pages/audit/verify.njk', { title: 'Hash chain check', result });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
