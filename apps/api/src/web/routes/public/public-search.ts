import { Router } from 'express';
import nunjucks from 'nunjucks';
import { Engine } from '#engine/engine';
import { findBoard, findMeeting, listBoards } from '#projections/boards/boards.queries';
import { listBodies } from '#projections/bodies/bodies.queries';
import { findDecision } from '#projections/decisions/decisions.queries';
import { MATCH_END, MATCH_START, searchPublished } from '#projections/public-search/public-search.queries';
import { decisionViewsOf } from '../../../decisions/decision-queries';
import { longDate } from '../../../publishing/html-pages';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest } from '../../page';
import { pageNumberOf, pagination } from '../../pagination';
import { typedDate } from '../../time/as-at';
import { EVERY_BODY_SITE, siteOf, sitePath } from './public-site';

const PAGE_SIZE = 20;
/** Longer than any search a person types; a longer one is refused rather than cut. */
const MAX_WORDS_LENGTH = 200;

/** An excerpt as parts, the matched words marked, for the template to wrap in <mark> (escaped as text). */
const excerptParts = (excerpt: string | null) =>
  excerpt
    ? excerpt.split(MATCH_START).flatMap((chunk, index) => {
        if (index === 0) return [{ text: chunk, match: false }];
        const [matched, rest = ''] = chunk.split(MATCH_END);
        return [
          { text: matched, match: true },
          { text: rest, match: false },
        ];
      })
    : [];

/**
 * Search across every published decision, agenda and minutes, with English stemming, by body,
 * board and date. Only what the public may read is searched, so an exempt word never matches.
 */
export function publicSearchRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();

  router.get('/public/search', async (request: SignedInRequest, response, next) => {
    try {
      const values = {
        q: formText(request.query.q),
        body: formText(request.query.body),
        board: formText(request.query.board),
        from: formText(request.query.from),
        to: formText(request.query.to),
      };
      const bodies = await listBodies(engine.db, null);
      const body = bodies.find((each) => each.id === values.body);
      const boards = body ? await listBoards(engine.db, [body.id]) : [];
      const board = boards.find((each) => each.id === values.board);
      const from = typedDate(values.from);
      const to = typedDate(values.to);
      const errors: FieldError[] = [];
      if (values.q.length > MAX_WORDS_LENGTH)
        errors.push({ field: 'q', text: `Search for ${MAX_WORDS_LENGTH} characters or fewer` });
      if (values.body && !body) errors.push({ field: 'body', text: 'Choose a body from the list' });
      if (values.board && !board) errors.push({ field: 'board', text: 'Choose a board of the body chosen' });
      if (from === null) errors.push({ field: 'from', text: 'Write the first day like 1/4/2015' });
      if (to === null) errors.push({ field: 'to', text: 'Write the last day like 31/3/2016' });
      if (from && to && to < from)
        errors.push({ field: 'to', text: 'The last day must be on or after the first' });
      const page = pageNumberOf(request.query.page);
      const asked = values.q !== '' || values.body !== '' || values.from !== '' || values.to !== '';
      const found =
        errors.length > 0 || !asked
          ? { hits: [], total: 0 }
          : await searchPublished(engine.db, {
              bodyIds: body ? [body.id] : bodies.map((each) => each.id),
              words: values.q,
              boardId: board?.id,
              from: from || undefined,
              to: to || undefined,
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            });
      // The page's decisions viewed in one pass (their bodies' settings, their exemptions).
      const storedDecisions = await Promise.all(
        found.hits
          .filter((hit) => hit.kind === 'decision')
          .map((hit) => findDecision(engine.db, hit.id, [hit.bodyId])),
      );
      const decisionViews = new Map(
        (
          await decisionViewsOf(
            engine.db,
            storedDecisions.filter((stored) => stored !== null),
            'public',
            engine.clock(),
          )
        ).map((view) => [view.id, view]),
      );
      const results = [];
      for (const hit of found.hits) {
        const bodyName = bodies.find((each) => each.id === hit.bodyId)?.name ?? hit.bodyId;
        if (hit.kind === 'decision') {
          const decision = decisionViews.get(hit.id);
          if (!decision) continue;
          results.push({
            kind: decision.taken ? 'Decision' : 'Decision to come',
            href: `${sitePath(hit.bodyId)}/decisions/${hit.id}`,
            title: decision.title ? `${decision.title}: ${decision.subject}` : decision.subject,
            detail: `${bodyName}. ${decision.taken ? `Taken ${longDate(decision.taken.takenOn)}` : `Expected ${longDate(decision.expectedOn)}`} by ${decision.decisionMaker}.`,
            excerpt: [],
          });
        } else {
          const stored = await findMeeting(engine.db, hit.id, [hit.bodyId]);
          const meetingBoard = stored && (await findBoard(engine.db, stored.meeting.boardId, [hit.bodyId]));
          if (!stored || !meetingBoard) continue;
          const minutes = stored.meeting.minutes === 'published';
          results.push({
            kind: minutes ? 'Agenda and minutes' : 'Agenda',
            href: `${sitePath(hit.bodyId)}/meetings/${hit.id}${minutes ? '/minutes' : ''}`,
            title: `${meetingBoard.board.name}, ${longDate(stored.meeting.date)}`,
            detail: `${bodyName}. ${stored.meeting.place}.`,
            excerpt: excerptParts(hit.excerpt),
          });
        }
      }
      const pages = Math.ceil(found.total / PAGE_SIZE);
      renderPage(views, request, response, 'pages/public/search.njk', {
        title: 'Search decisions, agendas and minutes',
        errors,
        values,
        asked,
        total: found.total,
        results,
        bodies: [
          { value: '', text: 'Every body' },
          ...bodies.map((each) => ({ value: each.id, text: each.name, selected: each.id === values.body })),
        ],
        boards: [
          { value: '', text: 'Every board' },
          ...boards.map((each) => ({
            value: each.id,
            text: each.board.name,
            selected: each.id === values.board,
          })),
        ],
        pagination: pagination(
          page,
          pages,
          (n) => `/public/search?${linkQuery(values, { page: String(n) })}`,
        ),
        // Within one body's site, without its search box: this page is the search.
        site: body ? { ...siteOf(body), searchHref: null } : EVERY_BODY_SITE,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
