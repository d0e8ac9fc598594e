import { Response } from 'express';
import nunjucks from 'nunjucks';
import { localDateOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { BodyView, findBody } from '#projections/bodies/bodies.queries';
import { renderPage, SignedInRequest } from '../../page';

/** Where a body's public pages live. */
export const sitePath = (bodyId: string) => `/public/${encodeURIComponent(bodyId)}`;

/** The public site of one body: its name over every page, and its sections. */
export function siteOf(body: BodyView) {
  const home = sitePath(body.id);
  return {
    name: body.name,
    home,
    bodyId: body.id,
    searchHref: `/public/search?body=${encodeURIComponent(body.id)}`,
    sections: [
      { href: home, text: 'Home' },
      { href: `${home}/meetings`, text: 'Meetings' },
      { href: `${home}/forward-plan`, text: 'Forward plan' },
      { href: `${home}/decisions`, text: 'Decisions' },
      { href: `${home}/subscribe`, text: 'Get updates' },
    ],
  };
}

/** The public pages about no one body: the list of bodies, a search of them all. */
export const EVERY_BODY_SITE = {
  name: 'Governance engine',
  home: '/public',
  bodyId: null,
  searchHref: null,
  sections: [
    { href: '/public', text: 'Public bodies' },
    { href: '/public/search', text: 'Search' },
  ],
};

/**
 * The body a public page is about (its address's `:body`), and today on its calendar; null when
 * there is no such body.
 */
export const publicBodyOf =
  (engine: Engine) =>
  async (request: SignedInRequest): Promise<{ body: BodyView; today: string } | null> => {
    const body = await findBody(engine.db, request.params.body as string);
    return body && { body, today: localDateOf(engine.clock(), body.settings.timeZone) };
  };

/** A page of a body's public site (no sign-in; a signed-in member sees the same as anyone). */
export function renderPublicPage(
  views: nunjucks.Environment,
  request: SignedInRequest,
  response: Response,
  body: BodyView,
  template: string,
  context: { title: string } & Record<string, unknown>,
): void {
  renderPage(views, request, response, template, { ...context, site: siteOf(body) });
}
