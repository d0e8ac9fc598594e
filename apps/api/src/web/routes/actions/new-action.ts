import { Router } from 'express';
import nunjucks from 'nunjucks';
import { createAction, NewAction } from '#application/action-writes';
import { CommandGateway } from '#application/command-gateway';
import { DomainError } from '#domain/shared/domain-error';
import { Engine } from '#engine/engine';
import { registerChoices } from '#projections/action-register/register-as-at.queries';
import { leadCandidates } from '#projections/people/people.queries';
import { contextOf } from '../../../http/command-context';
import { FieldError, formText, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { webRequestContext } from '../../web-actor';

const FIELDS = ['ref', 'plan', 'theme', 'title', 'lead', 'otherLead', 'dueDate', 'createdOn'] as const;

/** The secretary adds an action to a plan, its lead chosen from the directory (or written, if not in it). */
export function newActionRoutes(
  engine: Engine,
  views: nunjucks.Environment,
  gateway: CommandGateway,
): Router {
  const router = Router();
  const secretaries = requireRole('secretary', 'admin');
  const show = async (
    request: SignedInRequest,
    response: Parameters<typeof renderPage>[2],
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) => {
    const bodyId = request.actingFor!.id;
    const people = await leadCandidates(engine.db, bodyId);
    renderPage(views, request, response, 'pages/actions/new.njk', {
      title: 'Add an action',
      values,
      errors,
      plans: (await registerChoices(engine.db, bodyId)).plans.map((each) => each.plan),
      leadItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((person) => ({
          value: person.email,
          text: `${person.name} (${person.email})`,
          selected: person.email === values.lead,
        })),
      ],
    });
  };

  router.get('/actions/new', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      await show(request, response, { plan: formText(request.query.plan) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/actions/new', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      const values = Object.fromEntries(FIELDS.map((field) => [field, formText(request.body?.[field])]));
      const errors: FieldError[] = [];
      if (!values.ref) errors.push({ field: 'ref', text: 'Enter the action’s ref, for example 7C01' });
      if (!values.plan) errors.push({ field: 'plan', text: 'Enter the plan the action is in' });
      if (!values.title) errors.push({ field: 'title', text: 'Describe the activity' });
      if (!values.dueDate)
        errors.push({ field: 'dueDate', text: 'Enter when it is due, as the plan writes it, or TBC' });
      if (errors.length > 0) return show(request, response, values, errors);
      const input: NewAction = {
        ref: values.ref,
        plan: values.plan,
        theme: values.theme || null,
        title: values.title,
        leadOfficers: [values.lead, values.otherLead].filter(Boolean),
        dueDate: values.dueDate,
        createdOn: values.createdOn || undefined,
      };
      try {
        const created = await createAction(
          gateway,
          engine.db,
          request.actingFor!.id,
          input,
          contextOf(webRequestContext(request), 'CreateAction', engine),
        );
        request.session.flash = `${created.ref} is added to ${values.plan}.`;
        response.redirect(303, `/actions/${created.id}`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
        const field = error.field === 'leadOfficers' ? 'lead' : (error.field ?? 'ref');
        return show(request, response, values, [{ field, text: error.message }]);
      }
    } catch (error) {
      next(error);
    }
  });
  return router;
}
