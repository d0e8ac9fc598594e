import { Response, Router } from 'express';
import { completeErasure, erasureOf } from '#engine/erasure';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { appointPerson, grantRole, removeRole } from '#application/directory';
import { StaleVersionError } from '#application/command-handling';
import { PERSON } from '#domain/person/person.aggregate';
import { PersonCommand } from '#domain/person/person.commands';
import { isRole, Role, ROLES } from '#domain/person/roles';
import { DomainError } from '#domain/shared/domain-error';
import { sendSignInLink } from '#engine/admins';
import { Engine } from '#engine/engine';
import { findPerson, leadCandidates, listPeople, PersonView } from '#projections/people/people.queries';
import { contextOf } from '../../http/command-context';
import { FieldError, formText, renderPage, SignedInRequest } from '../page';
import { requireRole } from '../signed-in';
import { webRequestContext } from '../web-actor';

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item) => typeof item === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

const ROLE_HINTS: Record<Role, string> = {
  admin: 'Adds people, gives roles, changes the body’s settings',
  secretary: 'Records meetings, decisions and actions; updates any action',
  officer: 'Updates the actions they lead',
  auditor: 'Reads everything, changes nothing',
};

/** What a refused change of a person says, beside the field it is about; null for a fault. */
function refusalOf(error: unknown, homeBodyId: string, reasonField = 'reason'): FieldError | null {
  if (error instanceof StaleVersionError)
    return {
      field: 'name',
      text: 'Someone changed this person since you opened the page: reload it, and make your change again',
    };
  if (error instanceof DomainError && error.kind === 'not_found')
    return {
      field: 'name',
      text: `Only admins of ${homeBodyId}, where they were registered, can change this`,
    };
  if (error instanceof DomainError)
    return { field: error.field === 'reason' ? reasonField : (error.field ?? 'name'), text: error.message };
  return null;
}

/** The directory's pages, for the admins of the body the pages act for. */
export function peopleRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const admins = requireRole('admin');
  const roleItems = (checked: readonly string[]) =>
    ROLES.map((role) => ({
      value: role,
      text: role,
      hint: { text: ROLE_HINTS[role] },
      checked: checked.includes(role),
    }));
  const personOf = async (request: SignedInRequest) => {
    const person = await findPerson(engine.db, formText(request.params.id), [request.actingFor!.id]);
    if (!person) throw new DomainError('PERSON_NOT_FOUND', 'No such person.', 'not_found');
    return person;
  };

  router.get('/people', admins, async (request: SignedInRequest, response, next) => {
    try {
      const q = formText(request.query.q);
      const page = await listPeople(engine.db, [request.actingFor!.id], {
        search: q || undefined,
        limit: 50,
        cursor: formText(request.query.cursor) || undefined,
      });
      const people = page.items.map((person) => ({
        id: person.id,
        name: person.name,
        email: person.email,
        roles: person.bodies.find((b) => b.bodyId === request.actingFor!.id)?.roles.join(', ') || 'None',
        status: person.disabled ? 'Disabled' : 'Active',
      }));
      renderPage(views, request, response, 'pages/people/list.njk', {
        title: 'People',
        q,
        people,
        next: page.nextCursor ? `/people?${new URLSearchParams({ q, cursor: page.nextCursor })}` : null,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/people/new', admins, (request: SignedInRequest, response) => {
    renderPage(views, request, response, 'pages/people/new.njk', {
      title: 'Add a person',
      values: {},
      roleItems: roleItems([]),
    });
  });

  router.post('/people/new', admins, async (request: SignedInRequest, response, next) => {
    const values = {
      name: formText(request.body?.name),
      email: formText(request.body?.email),
      jobTitle: formText(request.body?.jobTitle),
      reason: formText(request.body?.reason),
    };
    const roles = list(request.body?.roles).filter(isRole);
    const errors: FieldError[] = [];
    if (!values.name) errors.push({ field: 'name', text: 'Enter their full name' });
    if (!values.email) errors.push({ field: 'email', text: 'Enter their email address' });
    if (roles.length === 0) errors.push({ field: 'roles', text: 'Select at least one role' });
    if (!values.reason) errors.push({ field: 'reason', text: 'Say why they are being added' });
    const again = (more: FieldError[]) =>
      renderPage(views, request, response, 'pages/people/new.njk', {
        title: 'Add a person',
        values,
        roleItems: roleItems(roles),
        errors: more,
      });
    if (errors.length > 0) return again(errors);
    try {
      const added = await appointPerson(
        gateway,
        engine.store,
        engine.db,
        { name: values.name, email: values.email, jobTitle: values.jobTitle || null, managerId: null },
        { bodyId: request.actingFor!.id, roles, reason: values.reason },
        contextOf(webRequestContext(request), 'AddPerson', engine),
      );
      request.session.flash = added.registered
        ? `${values.name} is added. Make them a sign-in link below.`
        : `${values.name} was already registered, and now has the roles you chose here.`;
      response.redirect(303, `/people/${added.id}`);
    } catch (error) {
      if (error instanceof DomainError && error.field)
        return again([{ field: error.field, text: error.message }]);
      next(error);
    }
  });

  router.get('/people/:id', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      const roles = person.bodies.find((b) => b.bodyId === request.actingFor!.id)?.roles ?? [];
      const manager = person.managerId ? await findPerson(engine.db, person.managerId, 'all') : null;
      renderPage(views, request, response, 'pages/people/person.njk', {
        title: person.name,
        shown: person,
        rows: [
          { key: { text: 'Email' }, value: { text: person.email } },
          { key: { text: 'Job title' }, value: { text: person.jobTitle ?? 'Not given' } },
          { key: { text: 'Manager' }, value: { text: manager?.name ?? 'None' } },
          { key: { text: `Roles in ${request.actingFor!.id}` }, value: { text: roles.join(', ') || 'None' } },
          {
            key: { text: 'Status' },
            value: { text: person.disabled ? 'Disabled: cannot sign in' : 'Active' },
          },
        ],
        roleItems: roleItems(roles),
        values: {},
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/people/:id/roles', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      const bodyId = request.actingFor!.id;
      const held = person.bodies.find((b) => b.bodyId === bodyId)?.roles ?? [];
      const wanted = list(request.body?.roles).filter(isRole);
      const reason = formText(request.body?.reason);
      const context = contextOf(webRequestContext(request), 'ChangeRoles', engine);
      const again = (errors: FieldError[]) =>
        renderPage(views, request, response, 'pages/people/person.njk', {
          title: person.name,
          shown: person,
          rows: [],
          roleItems: roleItems(wanted),
          values: { reason },
          errors,
        });
      if (!reason) return again([{ field: 'reason', text: 'Say why the roles change' }]);
      try {
        for (const role of wanted.filter((role) => !held.includes(role)))
          await grantRole(gateway, person.id, { bodyId, role, reason }, context);
        for (const role of held.filter((role) => !wanted.includes(role)))
          await removeRole(gateway, engine.db, person.id, { bodyId, role, reason }, context);
      } catch (error) {
        if (error instanceof DomainError) return again([{ field: 'roles', text: error.message }]);
        throw error;
      }
      request.session.flash = `${person.name}'s roles are saved.`;
      response.redirect(303, `/people/${person.id}`);
    } catch (error) {
      next(error);
    }
  });

  /** Runs a change of a person's own record, as the page that asked for it read it. */
  const changePerson = async (request: SignedInRequest, command: PersonCommand) =>
    gateway.execute(PERSON, {
      id: formText(request.params.id),
      context: contextOf(webRequestContext(request), command.type, engine),
      expectedVersion: Number(formText(request.body?.version)),
      command,
    });
  /** Who may be a person's manager: the others of the body, by name. */
  const managerItems = async (request: SignedInRequest, personId: string, chosen: string | null) => [
    { value: '', text: 'No manager' },
    ...(await leadCandidates(engine.db, request.actingFor!.id))
      .filter((candidate) => candidate.id !== personId)
      .map((candidate) => ({
        value: candidate.id,
        text: `${candidate.name} (${candidate.email})`,
        selected: candidate.id === chosen,
      })),
  ];
  const detailsPage = async (
    request: SignedInRequest,
    response: Response,
    more: { errors?: FieldError[]; shown: PersonView; values: Record<string, unknown> },
  ) =>
    renderPage(views, request, response, 'pages/people/details.njk', {
      title: 'Change details',
      ...more,
      managerItems: await managerItems(request, more.shown.id, (more.values.managerId as string) || null),
    });

  router.get('/people/:id/details', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      await detailsPage(request, response, {
        shown: person,
        values: { ...person, jobTitle: person.jobTitle ?? '', managerId: person.managerId ?? '' },
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/people/:id/details', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      const values = {
        name: formText(request.body?.name),
        email: formText(request.body?.email),
        jobTitle: formText(request.body?.jobTitle),
        managerId: formText(request.body?.managerId),
        version: formText(request.body?.version),
      };
      try {
        await changePerson(request, {
          type: 'ChangePersonDetails',
          name: values.name,
          email: values.email,
          jobTitle: values.jobTitle || null,
          managerId: values.managerId || null,
        });
      } catch (error) {
        const problem = refusalOf(error, person.homeBodyId);
        if (!problem) throw error;
        return await detailsPage(request, response, { shown: person, values, errors: [problem] });
      }
      request.session.flash = `${values.name}'s details are saved.`;
      response.redirect(303, `/people/${person.id}`);
    } catch (error) {
      next(error);
    }
  });

  router.post('/people/:id/access', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      const reason = formText(request.body?.accessReason);
      const command: PersonCommand = person.disabled
        ? { type: 'EnablePerson', reason }
        : { type: 'DisablePerson', reason };
      try {
        await changePerson(request, command);
      } catch (error) {
        const problem = refusalOf(error, person.homeBodyId, 'accessReason');
        if (!problem) throw error;
        request.session.flash = problem.text;
        return response.redirect(303, `/people/${person.id}`);
      }
      request.session.flash = person.disabled
        ? `${person.name} can sign in again.`
        : `${person.name} can no longer sign in.`;
      response.redirect(303, `/people/${person.id}`);
    } catch (error) {
      next(error);
    }
  });

  router.post('/people/:id/erasure', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      if (formText(request.body?.understood) !== 'yes') {
        request.session.flash = `Confirm that ${person.name}'s words are to read "erased person" for ever.`;
        return response.redirect(303, `/people/${person.id}`);
      }
      try {
        await changePerson(request, await erasureOf(engine, person));
      } catch (error) {
        const problem = refusalOf(error, person.homeBodyId, 'understood');
        if (!problem) throw error;
        request.session.flash = problem.text;
        return response.redirect(303, `/people/${person.id}`);
      }
      const { eventsStillNaming } = await completeErasure(engine, person.id);
      request.session.flash =
        'The person is erased: their name and email read "erased person" everywhere.' +
        (eventsStillNaming
          ? ` ${eventsStillNaming} earlier record(s) name them in free text or from before sealing, which erasure cannot reach.`
          : '');
      response.redirect(303, `/people/${person.id}`);
    } catch (error) {
      next(error);
    }
  });

  router.post('/people/:id/sign-in-link', admins, async (request: SignedInRequest, response, next) => {
    try {
      const person = await personOf(request);
      const sent = await sendSignInLink(engine, person.id, 'first sign-in');
      renderPage(views, request, response, 'pages/people/link-made.njk', {
        title: `A sign-in link for ${person.name}`,
        shown: person,
        // Emailed: the admin need not see it (and should not be able to sign in as them with it).
        link: sent.emailedTo ? null : sent.link,
        emailedTo: sent.emailedTo,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
