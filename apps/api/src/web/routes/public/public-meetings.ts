import { NextFunction, Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { addDays, addMonths } from '#domain/shared/iso-date';
import { Engine } from '#engine/engine';
import {
  findBoard,
  findMeeting,
  listBoards,
  meetingsOf,
  meetingsOfBody,
} from '#projections/boards/boards.queries';
import { listBodies } from '#projections/bodies/bodies.queries';
import { forwardPlan, listDecisions } from '#projections/decisions/decisions.queries';
import { decisionViewsOf } from '../../../decisions/decision-queries';
import { publicMeetingOf } from '../../../publishing/agenda';
import { longDate } from '../../../publishing/html-pages';
import { minutesOf } from '../../../publishing/minutes';
import { minutesPdf } from '../../../publishing/minutes-pdf';
import { formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { EVERY_BODY_SITE, publicBodyOf, renderPublicPage, sitePath } from './public-site';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_NAMES = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (month: string) => MONTH_NAMES.format(new Date(`${month}-01T00:00:00Z`));

/** A meeting as a line of the public calendar: when, where, which board, and what is published. */
function meetingLine(bodyId: string, id: string, stored: Parameters<typeof publicMeetingOf>[1]) {
  const shown = publicMeetingOf(id, stored);
  return {
    ...shown,
    href: `${sitePath(bodyId)}/meetings/${id}`,
    provisional: stored.provisional,
    agendaIssued: shown.agendaIssuedOn !== null,
  };
}

/**
 * A body's democracy pages, as a council's look: its boards, the calendar of meetings, each
 * meeting with its issued agenda and published minutes. Exempt items show only their paragraph.
 */
export function publicMeetingRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const bodyOf = publicBodyOf(engine);

  router.get('/public', async (request: SignedInRequest, response, next) => {
    try {
      const bodies = await listBodies(engine.db, null);
      renderPage(views, request, response, 'pages/public/bodies.njk', {
        title: 'Public bodies',
        site: EVERY_BODY_SITE,
        bodies: bodies.map((body) => ({ name: body.name, href: sitePath(body.id) })),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/public/:body',
    whenFound(bodyOf, async (request, response, found) => {
      const { body, today } = found;
      const [boards, upcoming, decisions, plan] = await Promise.all([
        listBoards(engine.db, [body.id]),
        meetingsOfBody(engine.db, body.id, { from: today, to: addMonths(today, 3), limit: 6 }),
        listDecisions(engine.db, {
          bodyIds: [body.id],
          recordPublishedOnly: true,
          publicOnly: true,
          limit: 5,
        }),
        forwardPlan(engine.db, {
          bodyIds: [body.id],
          from: today,
          to: addMonths(today, 4),
          publishedOnly: true,
          keyOnly: false,
          limit: 5,
        }),
      ]);
      const base = sitePath(body.id);
      const [latest, coming] = await Promise.all([
        decisionViewsOf(engine.db, decisions.items, 'public', engine.clock()),
        decisionViewsOf(engine.db, plan.items, 'public', engine.clock()),
      ]);
      renderPublicPage(views, request, response, body, 'pages/public/body.njk', {
        title: body.name,
        boards: boards.map(({ id, board }) => ({ name: board.name, href: `${base}/boards/${id}` })),
        upcoming: upcoming.map((m) => ({ ...meetingLine(body.id, m.id, m.meeting), boardName: m.boardName })),
        latest: latest.map((d) => ({ ...d, href: `${base}/decisions/${d.id}` })),
        coming: coming.map((d) => ({ ...d, href: `${base}/decisions/${d.id}` })),
        feeds: {
          atom: `/api/public/bodies/${encodeURIComponent(body.id)}/feed.atom`,
          rss: `/api/public/bodies/${encodeURIComponent(body.id)}/feed.rss`,
          ics: `/api/public/bodies/${encodeURIComponent(body.id)}/forward-plan.ics`,
        },
      });
    }),
  );

  router.get(
    '/public/:body/meetings',
    whenFound(bodyOf, async (request, response, found) => {
      const { body, today } = found;
      const typed = formText(request.query.month);
      const month = typed || today.slice(0, 7);
      const boards = await listBoards(engine.db, [body.id]);
      const boardId = formText(request.query.board);
      const board = boards.find((each) => each.id === boardId);
      const errors = [
        ...(MONTH.test(month) ? [] : [{ field: 'month', text: 'Write the month like 2015-07' }]),
        ...(boardId && !board ? [{ field: 'board', text: 'Choose a board from the list' }] : []),
      ];
      const from = `${month}-01`;
      const meetings =
        errors.length > 0
          ? []
          : await meetingsOfBody(engine.db, body.id, {
              from,
              to: addDays(addMonths(from, 1), -1),
              boardId: board?.id,
            });
      const base = sitePath(body.id);
      const monthHref = (other: string) =>
        `${base}/meetings?${new URLSearchParams({ month: other, ...(board ? { board: board.id } : {}) })}`;
      renderPublicPage(views, request, response, body, 'pages/public/meetings.njk', {
        title: errors.length ? 'Meetings' : `Meetings in ${monthName(month)}`,
        errors,
        values: { month: typed, board: boardId },
        boards: boards.map(({ id, board: b }) => ({ value: id, text: b.name, selected: id === boardId })),
        meetings: meetings.map((m) => ({ ...meetingLine(body.id, m.id, m.meeting), boardName: m.boardName })),
        previous: errors.length
          ? null
          : {
              href: monthHref(addMonths(from, -1).slice(0, 7)),
              label: monthName(addMonths(from, -1).slice(0, 7)),
            },
        next: errors.length
          ? null
          : {
              href: monthHref(addMonths(from, 1).slice(0, 7)),
              label: monthName(addMonths(from, 1).slice(0, 7)),
            },
      });
    }),
  );

  router.get(
    '/public/:body/boards/:boardId',
    whenFound(bodyOf, async (request, response, found, next) => {
      const { body, today } = found;
      const board = await findBoard(engine.db, request.params.boardId as string, [body.id]);
      if (!board) return next();
      const meetings = (await meetingsOf(engine.db, board.id)).map((m) =>
        meetingLine(body.id, m.id, m.meeting),
      );
      renderPublicPage(views, request, response, body, 'pages/public/board.njk', {
        title: board.board.name,
        members: board.board.members.map((member) => member.name),
        upcoming: meetings.filter((m) => m.date >= today),
        past: meetings.filter((m) => m.date < today).reverse(),
      });
    }),
  );

  const meetingPage =
    (part: 'agenda' | 'minutes') =>
    async (request: SignedInRequest, response: Response, next: NextFunction) => {
      try {
        const found = await bodyOf(request);
        if (!found) return next();
        const { body } = found;
        const stored = await findMeeting(engine.db, request.params.meetingId as string, [body.id]);
        const board = stored && (await findBoard(engine.db, stored.meeting.boardId, [body.id]));
        if (!stored || !board) return next();
        const shown = publicMeetingOf(stored.id, stored.meeting);
        if (part === 'minutes' && !shown.minutesPublished) return next();
        const base = `${sitePath(body.id)}/meetings/${stored.id}`;
        renderPublicPage(views, request, response, body, 'pages/public/meeting.njk', {
          title: `${board.board.name}, ${longDate(shown.date)}`,
          part,
          meeting: shown,
          provisional: stored.meeting.provisional,
          boardHref: `${sitePath(body.id)}/boards/${board.id}`,
          boardName: board.board.name,
          tabs: [
            { text: 'Agenda', href: base, active: part === 'agenda' },
            ...(shown.minutesPublished
              ? [{ text: 'Minutes', href: `${base}/minutes`, active: part === 'minutes' }]
              : []),
          ],
          minutes: part === 'minutes' ? minutesOf(stored.meeting, board.board, 'public') : null,
          printable:
            part === 'minutes'
              ? `/api/public/bodies/${encodeURIComponent(body.id)}/boards/${board.id}/meetings/${stored.id}/minutes.html`
              : null,
          pdf: part === 'minutes' ? `${base}/minutes.pdf` : null,
        });
      } catch (error) {
        next(error);
      }
    };
  router.get(
    '/public/:body/meetings/:meetingId/minutes.pdf',
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await bodyOf(request);
        const stored =
          found && (await findMeeting(engine.db, request.params.meetingId as string, [found.body.id]));
        const board = stored && (await findBoard(engine.db, stored.meeting.boardId, [stored.bodyId]));
        if (!stored || !board || !publicMeetingOf(stored.id, stored.meeting).minutesPublished) return next();
        const title = `Minutes: ${board.board.name}, ${longDate(stored.meeting.date)}`;
        const pdf = await minutesPdf(minutesOf(stored.meeting, board.board, 'public'), title);
        response
          .type('application/pdf')
          .setHeader('Content-Disposition', `inline; filename="minutes-${stored.meeting.date}.pdf"`)
          .send(pdf);
      } catch (error) {
        next(error);
      }
    },
  );
  router.get('/public/:body/meetings/:meetingId', meetingPage('agenda'));
  router.get('/public/:body/meetings/:meetingId/minutes', meetingPage('minutes'));

  return router;
}
