import { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { PersonView } from '#projections/people/people.queries';

/** A field's error, as the GOV.UK error summary and the field's own message show it. */
export interface FieldError {
  readonly field: string;
  readonly text: string;
}

export interface SignedInRequest extends Request {
  person?: PersonView;
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
  const html = views.render(template, {
    ...context,
    person: request.person,
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
