import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { changeAction } from '#application/action-writes';
import { CommandGateway } from '#application/command-gateway';
import { StaleVersionError } from '#application/command-handling';
import { quarterEndsBetween } from '#domain/action/reporting-period';
import { DomainError } from '#domain/shared/domain-error';
import { localTimeLabelOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { ActionView } from '#projections/action-register/action-register.queries';
import { latestAuditEntry } from '#projections/audit-trail/audit-trail.queries';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { leadCandidates } from '#projections/people/people.queries';
import { contextOf } from '../../../http/command-context';
import { longDate } from '../../../publishing/html-pages';
import { FieldError, formText, renderPage, SignedInRequest } from '../../page';
import { changeOf, fieldOf, FORM_FIELDS, OFFICER_FORMS, SAVED, SECRETARY_FORMS } from './action-forms';
import { ForbiddenPage, isSecretary, requireRole } from '../../signed-in';
import { bodyDay } from '../../time/page-time';
import { webRequestContext } from '../../web-actor';
import { actionOf, mayUpdate } from './action-page';

/**
 * Where an officer records on an action they lead (secretaries and admins on any): a status with
 * its commentary and the period it is for, a dated progress update, or its completion; and where
 * secretaries and admins change its due date or lead, or cancel it.
 */
export function actionUpdateRoutes(
  engine: Engine,
  views: nunjucks.Environment,
  gateway: CommandGateway,
): Router {
  const router = Router();
  const writers = requireRole('admin', 'secretary', 'officer');

  const show = async (
    request: SignedInRequest,
    response: Response,
    action: ActionView,
    more: {
      errors?: FieldError[];
      values?: Record<string, string>;
      stale?: string | null;
      status?: number;
    } = {},
  ) => {
    const { settings, today } = await bodyDay(engine, action.bodyId);
    const periodEnds = quarterEndsBetween(today.slice(0, 4) + '-01-01', today, settings.yearStartMonth).slice(
      0,
      4,
    );
    const values = more.values ?? {};
    renderPage(views, request, response, 'pages/actions/update.njk', {
      title: `Update ${action.ref}`,
      action,
      errors: more.errors,
      status: more.status,
      stale: more.stale ?? null,
      values: { effectiveDate: periodEnds[0], dueDate: action.dueDate.written, ...values },
      // The secretary's changes, on the same page, with the lead chosen from the directory.
      secretary: isSecretary(request)
        ? {
            leadItems: [
              { value: '', text: 'Choose a person' },
              ...(await leadCandidates(engine.db, action.bodyId)).map((person) => ({
                value: person.email,
                text: `${person.name} (${person.email})`,
                selected: person.email === values.lead,
              })),
            ],
          }
        : null,
      statusItems: (['GREEN', 'AMBER', 'RED', 'WHITE'] as const).map((status) => ({
        value: status,
        text: settings.statusDisplay[status].label,
        hint: { text: settings.statusDisplay[status].meaning },
        checked: values.status === status,
      })),
      periodItems: [
        ...periodEnds.map((date) => ({ value: date, text: `Quarter ending ${longDate(date)}` })),
        { value: today, text: `Today, ${longDate(today)}` },
      ].map((item) => ({ ...item, selected: item.value === (values.effectiveDate ?? periodEnds[0]) })),
    });
  };

  const allowed = async (request: SignedInRequest) => {
    const action = await actionOf(engine, request);
    if (!mayUpdate(request, action)) throw new ForbiddenPage(['secretary', 'admin']);
    return action;
  };

  router.get('/actions/:id/update', writers, async (request: SignedInRequest, response, next) => {
    try {
      await show(request, response, await allowed(request));
    } catch (error) {
      next(error);
    }
  });

  for (const form of [...OFFICER_FORMS, ...SECRETARY_FORMS])
    router.post(`/actions/:id/${form}`, writers, async (request: SignedInRequest, response, next) => {
      try {
        const action = await allowed(request);
        if ((SECRETARY_FORMS as readonly string[]).includes(form) && !isSecretary(request))
          throw new ForbiddenPage(['secretary', 'admin']);
        const values = Object.fromEntries(
          FORM_FIELDS.map((field) => [field, formText(request.body?.[field])]),
        );
        const { change, errors } = changeOf(form, values);
        if (!change) return show(request, response, action, { errors, values });
        try {
          await changeAction(
            gateway,
            engine.db,
            action.id,
            change,
            Number(values.version),
            contextOf(webRequestContext(request), change.type, engine),
            webRequestContext(request).actor,
          );
        } catch (error) {
          if (error instanceof StaleVersionError)
            return show(request, response, action, { values, stale: await lastChange(action), status: 409 });
          if (error instanceof DomainError && error.kind !== 'not_found')
            return show(request, response, action, {
              errors: [{ field: fieldOf(form, error.field), text: error.message }],
              values,
            });
          throw error;
        }
        request.session.flash = `${action.ref}: ${SAVED[form]}`;
        response.redirect(303, `/actions/${action.id}`);
      } catch (error) {
        next(error);
      }
    });

  /** "Jane Smith changed this at 2:05pm on 30 September 2017": who moved the action on meanwhile. */
  const lastChange = async (action: ActionView) => {
    const last = await latestAuditEntry(engine.db, action.bodyId, action.id);
    if (!last) return null;
    const { timeZone } = await bodySettingsOf(engine.db, action.bodyId);
    return `${last.actor} changed this at ${localTimeLabelOf(last.recordedAt, timeZone)}`;
  };

  return router;
}
