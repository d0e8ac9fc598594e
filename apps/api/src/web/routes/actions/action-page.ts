import { Router } from 'express';
import nunjucks from 'nunjucks';
import { assertMayReportOn } from '#domain/action/lead-officer-rule';
import { DomainError } from '#domain/shared/domain-error';
import { localTimeLabelOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { ActionView, findAction } from '#projections/action-register/action-register.queries';
import { registerAsAt } from '#projections/action-register/register-as-at.queries';
import { listAuditTrail } from '#projections/audit-trail/audit-trail.queries';
import { namesByEmail } from '#projections/people/people.queries';
import { listReminders } from '#projections/reminders/reminders.queries';
import { longDate } from '../../../publishing/html-pages';
import { formText, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { timeLink } from '../../time/as-at';
import { pageTimeFor } from '../../time/page-time';
import { webActor } from '../../web-actor';
import { actionTimeline } from './action-timeline';
import { statusTag } from './register-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The action of the body the pages act for, or the not-found page (another body's is not found either). */
export async function actionOf(engine: Engine, request: SignedInRequest): Promise<ActionView> {
  const id = formText(request.params.id).toLowerCase();
  const action = UUID.test(id) ? await findAction(engine.db, id, [request.actingFor!.id]) : null;
  if (!action) throw new DomainError('ACTION_NOT_FOUND', 'No such action.', 'not_found');
  return action;
}

/** Whether the person may record on the action: secretaries and admins any, officers those they lead. */
export function mayUpdate(request: SignedInRequest, action: ActionView): boolean {
  const actor = webActor(request);
  if (actor.role === 'auditor') return false;
  try {
    assertMayReportOn(action, actor);
    return true;
  } catch {
    return false;
  }
}

/** An action's page: its details, its status as at a date, its whole history and its reminders. */
export function actionPageRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');

  router.get('/actions/:id', readers, async (request: SignedInRequest, response, next) => {
    try {
      const action = await actionOf(engine, request);
      const bodyId = request.actingFor!.id;
      const { settings, time, errors } = await pageTimeFor(engine, request);
      const [line] = (
        await registerAsAt(engine.db, {
          bodyId,
          actionId: action.id,
          asOf: time.asAt,
          knownAt: time.knownAt ?? undefined,
          sort: 'ref',
          limit: 1,
          offset: 0,
        })
      ).lines;
      const trail = await listAuditTrail(engine.db, {
        bodyIds: [bodyId],
        entityId: action.id,
        recordedTo: time.knownAt ?? undefined,
        limit: 500,
      });
      // As at a date, the history ends there: nothing effective later had happened yet.
      const history = trail.items.filter(
        (entry) => !time.asked.asAt || !entry.effectiveAt || entry.effectiveAt.slice(0, 10) <= time.asAt,
      );
      const names = await namesByEmail(
        engine.db,
        history.map((entry) => entry.actor),
      );
      const reminders = time.travelling
        ? []
        : (await listReminders(engine.db, { bodyIds: [bodyId], subjectId: action.id, limit: 100 })).items;
      const due = action.dueDate;
      renderPage(views, request, response, 'pages/actions/action.njk', {
        title: `${action.ref}: ${action.title}`,
        errors,
        time,
        current: `/actions/${action.id}`,
        action,
        // Not in the plan yet as at that date, or not yet recorded as known then.
        existedThen: Boolean(line),
        tag: statusTag(line?.status ?? 'NONE', settings.statusDisplay),
        statusUpdate: line?.update ?? null,
        statusOn: line?.statusEffectiveOn ? longDate(line.statusEffectiveOn) : null,
        asAtText: longDate(time.asAt),
        dueText:
          due.date && due.date !== due.written
            ? `${due.written} (read as ${longDate(due.date)})`
            : due.written,
        registerHref: timeLink('/actions', time, { plan: action.plan }),
        canUpdate: !time.travelling && action.lifecycle === 'open' && mayUpdate(request, action),
        timeline: actionTimeline(history, settings.statusDisplay, settings.timeZone, names),
        moreHistory: trail.nextCursor !== null,
        reminders: reminders.map((reminder) => ({
          kind: reminder.kind,
          recipient: reminder.address ?? reminder.recipient,
          when: localTimeLabelOf(reminder.sentAt ?? reminder.fireAt, settings.timeZone),
          status: reminder.status,
        })),
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
