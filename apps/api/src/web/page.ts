import { NextFunction, Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { Role } from '#domain/person/roles';
import { PersonView } from '#projections/people/people.queries';

/** A form field's text, trimmed; '' when it is missing or not text. */
export const formText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** A form field that may be posted several times (checkboxes): one comma-separated value, as forms show it again. */
export const formChoices = (value: unknown) =>
  Array.isArray(value) ? value.map(formText).filter(Boolean).join(',') : formText(value);

/** A GET form's values as a link's query, the empty ones left out (filters and paging links keep them). */
export const linkQuery = (values: Record<string, string>, more: Record<string, string> = {}) =>
  new URLSearchParams(Object.entries({ ...values, ...more }).filter(([, value]) => value)).toString();

/** A text area's entries, one a line, blank lines left out. */
export const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** A password as typed: spaces at either end are part of it. */
export const formSecret = (value: unknown) => (typeof value === 'string' ? value : '');

/** A field's error, as the GOV.UK error summary and the field's own message show it. */
export interface FieldError {
  readonly field: string;
  readonly text: string;
}

/**
 * The area a path is in: the home page only at home, another area at and below its own path. On
 * the public site, whose sections nest under the body's home, the most specific section.
 */
function activeHref(areas: readonly { href: string }[], path: string, site: boolean): string | undefined {
  const within = (href: string) => path === href || path.startsWith(`${href}/`);
  if (site)
    return areas
      .map((area) => area.href)
      .filter(within)
      .sort((a, b) => b.length - a.length)[0];
  return areas.find((area) => (area.href === '/' ? path === '/' : path.startsWith(area.href)))?.href;
}

export interface SignedInRequest extends Request {
  person?: PersonView;
  /** The body the pages act for, and the person's roles there. */
  actingFor?: { id: string; roles: readonly Role[] };
}

/**
 * Renders a page with what every page needs: the person signed in, a CSRF token for its forms,
 * the flash message left by the last redirect, and errors (the `<title>` then starts "Error:").
 */
export function renderPage(
  views: nunjucks.Environment,
  request: SignedInRequest,
  response: Response,
  template: string,
  context: { title: string; errors?: readonly FieldError[]; status?: number } & Record<string, unknown>,
): void {
  const flash = request.session?.flash;
  if (flash) delete request.session.flash;
  const errors = context.errors ?? [];
  const roles = request.actingFor?.roles ?? [];
  const areas = request.person
    ? [
        { href: '/', text: 'Home' },
        ...(roles.includes('secretary') || roles.includes('admin')
          ? [{ href: '/secretary', text: 'Secretary’s desk' }]
          : []),
        ...(roles.some((role) => role !== 'auditor') ? [{ href: '/my-actions', text: 'My actions' }] : []),
        ...(roles.length > 0
          ? [
              { href: '/actions', text: 'Action register' },
              { href: '/boards', text: 'Boards' },
              { href: '/decisions', text: 'Decisions' },
            ]
          : []),
        ...(roles.includes('admin') || roles.includes('auditor')
          ? [{ href: '/audit', text: 'Audit trail' }]
          : []),
        ...(roles.includes('admin') ? [{ href: '/people', text: 'People' }] : []),
        { href: '/account', text: 'Your account' },
      ]
    : [];
  // The public site names its own sections; staff pages, the person's areas.
  const sections = (context.site as { sections: { href: string; text: string }[] } | undefined)?.sections;
  const shown = sections ?? areas;
  const active = activeHref(shown, request.path, sections !== undefined);
  const navigation = shown.map((area) => ({ ...area, active: area.href === active }));
  const html = views.render(template, {
    ...context,
    cspNonce: response.locals.cspNonce,
    person: request.person,
    actingFor: request.actingFor,
    navigation,
    csrfToken: request.csrfToken?.(),
    flash,
    errors:
      errors.length > 0 ? errors.map((error) => ({ text: error.text, href: `#${error.field}` })) : undefined,
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])),
  });
  response
    .status(context.status ?? (errors.length > 0 ? 400 : 200))
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(html);
}

/**
 * An Express handler for the pages and forms of one record: `find` reads it from the request (none:
 * on to the 404 page), `handle` answers with it, and an error goes on to the error page.
 */
export const whenFound =
  <T>(
    find: (request: SignedInRequest) => Promise<T | null | undefined>,
    handle: (request: SignedInRequest, response: Response, found: T, next: NextFunction) => unknown,
  ) =>
  async (request: SignedInRequest, response: Response, next: NextFunction): Promise<void> => {
    try {
      const found = await find(request);
      if (!found) return next();
      await handle(request, response, found, next);
    } catch (error) {
      next(error);
    }
  };
