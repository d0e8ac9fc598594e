import { csvOf } from '#application/exports/csv';
import { Router } from 'express';
import nunjucks from 'nunjucks';
import { attendanceRecord } from '#domain/board/attendance-record';
import { Engine } from '#engine/engine';
import { declarationsOf, findBoard, listBoards } from '#projections/boards/boards.queries';
import { peopleOfBody } from '#projections/people/people.queries';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest } from '../page';
import { pageNumberOf, pagination } from '../pagination';
import { isSecretary, requireRole } from '../signed-in';
import { notThen, readTimeOf, timeLink, typedDate } from '../time/as-at';
import { pageTimeFor } from '../time/page-time';
import { meetingsThen } from '../../boards/board-queries';

const PAGE_SIZE = 50;
/** More declarations than a body makes in decades: the CSV holds every one the filters match. */
const CSV_LIMIT = 50_000;

/** The first and last day of a GET form's period, or what cannot be read. */
function periodOf(request: SignedInRequest) {
  const values = { from: formText(request.query.from), to: formText(request.query.to) };
  const from = typedDate(values.from);
  const to = typedDate(values.to);
  const errors: FieldError[] = [];
  if (from === null) errors.push({ field: 'from', text: 'Write the first day like 1/4/2015' });
  if (to === null) errors.push({ field: 'to', text: 'Write the last day like 31/3/2016' });
  if (from && to && from > to)
    errors.push({ field: 'to', text: 'The last day must be on or after the first' });
  return { values, errors, window: { from: from || undefined, to: to || undefined } };
}

/**
 * Boards, their members and attendance, and the register of interests: what a secretary, an
 * auditor or a monitoring officer reads about the people at a body's meetings.
 */
export function boardRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const anyRole = requireRole('admin', 'secretary', 'officer', 'auditor');

  router.get('/boards', anyRole, async (request: SignedInRequest, response, next) => {
    try {
      const boards = await listBoards(engine.db, [request.actingFor!.id]);
      renderPage(views, request, response, 'pages/boards/list.njk', {
        title: 'Boards',
        boards: boards.map(({ id, board }) => ({
          href: `/boards/${id}`,
          name: board.name,
          code: board.code,
          members: board.members.length,
          cadence: board.cadence ? `Every ${board.cadence.every} ${board.cadence.unit}` : 'Not set',
        })),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/boards/:boardId', anyRole, async (request: SignedInRequest, response, next) => {
    try {
      const bodyId = request.actingFor!.id;
      const { time, errors: timeErrors } = await pageTimeFor(engine, request);
      const asked = timeErrors.length > 0 ? {} : readTimeOf(time);
      const found = await findBoard(
        await engine.knownAt.at(asked.knownAt),
        request.params.boardId as string,
        [bodyId],
      );
      if (
        !found &&
        time.travelling &&
        (await findBoard(engine.db, request.params.boardId as string, [bodyId]))
      )
        return notThen(views, request, response, time, 'This board');
      if (!found) return next();
      const period = periodOf(request);
      const { values, window } = period;
      const errors = [...period.errors, ...timeErrors];
      const secretary = isSecretary(request) && !time.travelling;
      // One read of the board's meetings: all are listed, those in the period counted.
      const all = await meetingsThen(engine, found.id, asked);
      const inPeriod = all
        .map((stored) => stored.meeting)
        .filter(
          (meeting) =>
            (!window.from || meeting.date >= window.from) && (!window.to || meeting.date <= window.to),
        );
      const record = attendanceRecord(found.board.members, errors.length ? [] : inPeriod);
      renderPage(views, request, response, 'pages/boards/board.njk', {
        title: found.board.name,
        time,
        current: `/boards/${found.id}`,
        board: found.board,
        boardId: found.id,
        meetings: all.map(({ id, meeting }) => ({
          href: timeLink(`/boards/${found.id}/meetings/${id}`, time),
          date: meeting.date,
          time: meeting.time,
          place: meeting.place,
          stage: meeting.stage === 'scheduled' && meeting.provisional ? 'provisional' : meeting.stage,
          agendaIssuedOn: meeting.agendaIssuedOn,
        })),
        scheduleHref: secretary ? `/boards/${found.id}/meetings/new` : null,
        calendarHref: secretary && found.board.cadence ? `/boards/${found.id}/calendar` : null,
        values,
        errors,
        record: errors.length ? null : record,
        actionLog: timeLink('/actions', time, { plan: found.board.actionLogPlan }),
        interests: `/interests?${linkQuery({ board: found.id })}`,
      });
    } catch (error) {
      next(error);
    }
  });

  const declarations = async (request: SignedInRequest, limit: number, offset: number) => {
    const bodyId = request.actingFor!.id;
    const { values: period, errors, window } = periodOf(request);
    const values = {
      ...period,
      board: formText(request.query.board),
      person: formText(request.query.person),
    };
    const found = errors.length
      ? { entries: [], total: 0 }
      : await declarationsOf(engine.db, [bodyId], {
          ...window,
          boardId: values.board || undefined,
          personId: values.person || undefined,
          limit,
          offset,
        });
    return { values, errors, found };
  };

  router.get('/interests', anyRole, async (request: SignedInRequest, response, next) => {
    try {
      const bodyId = request.actingFor!.id;
      const page = pageNumberOf(request.query.page);
      const { values, errors, found } = await declarations(request, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      const [boards, people] = await Promise.all([
        listBoards(engine.db, [bodyId]),
        peopleOfBody(engine.db, bodyId),
      ]);
      const choice = (items: { value: string; text: string }[], value: string, anyText: string) => [
        { value: '', text: anyText },
        ...items.map((item) => ({ ...item, selected: item.value === value })),
      ];
      renderPage(views, request, response, 'pages/boards/interests.njk', {
        title: 'Register of interests',
        values,
        errors,
        total: found.total,
        entries: found.entries.map((entry) => ({
          ...entry,
          boardHref: `/boards/${entry.boardId}`,
          item: entry.item
            ? `${entry.item.minuteNumber ? `${entry.item.minuteNumber}. ` : ''}${entry.item.title}`
            : 'The meeting as a whole',
        })),
        boardItems: choice(
          boards.map(({ id, board }) => ({ value: id, text: board.name })),
          values.board,
          'All boards',
        ),
        personItems: choice(
          people.map((person) => ({ value: person.id, text: person.name })),
          values.person,
          'Everyone',
        ),
        csv: `/interests/register.csv?${linkQuery(values)}`,
        pagination: pagination(
          page,
          Math.ceil(found.total / PAGE_SIZE),
          (n) => `/interests?${linkQuery(values, { page: String(n) })}`,
        ),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/interests/register.csv', anyRole, async (request: SignedInRequest, response, next) => {
    try {
      const { errors, found } = await declarations(request, CSV_LIMIT, 0);
      if (errors.length) {
        response
          .status(400)
          .type('text/plain')
          .send(errors.map((error) => error.text).join('\n'));
        return;
      }
      const csv = csvOf(
        found.entries.map((entry) => [
          entry.date,
          entry.boardName,
          entry.member,
          entry.item?.minuteNumber ?? '',
          entry.item?.title ?? '',
          entry.nature,
        ]),
        { header: true, columns: ['date', 'board', 'member', 'minute', 'item', 'interest'] },
      );
      response
        .type('text/csv')
        .setHeader('Content-Disposition', 'attachment; filename="register-of-interests.csv"')
        .setHeader('Cache-Control', 'no-store')
        .send(csv);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
