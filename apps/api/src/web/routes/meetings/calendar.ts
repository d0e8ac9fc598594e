import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { BODYS_TODAY } from '#application/changes/body-today';
import { Engine } from '#engine/engine';
import { StoredBoard } from '#projections/boards/boards.queries';
import { plannedDates, planYearOfMeetings } from '../../../boards/meeting-writes';
import { FieldError, formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { requireRole } from '../../signed-in';
import { webRequestContext } from '../../web-actor';
import { newMeetingOf } from './meeting-forms';
import { meetingPages } from './meeting-pages';

const PLAN_FIELDS = ['date', 'time', 'place', 'access'];
const MOVE_FIELDS = ['newDate', 'newTime', 'newPlace', 'moveReason'];

/**
 * A board's calendar: a year of meetings planned from its cadence (provisional until confirmed,
 * shown before anything is written), and a meeting confirmed, moved or cancelled.
 */
export function calendarRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const secretaries = requireRole('admin', 'secretary');
  const { boardOf, meetingOf, showMeeting, change, button } = meetingPages(engine, views, gateway);

  const showPlan = (
    request: SignedInRequest,
    response: Response,
    board: StoredBoard,
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) =>
    renderPage(views, request, response, 'pages/meetings/calendar.njk', {
      title: `Plan a year of meetings of the ${board.board.name}`,
      board: { id: board.id, name: board.board.name, cadence: board.board.cadence },
      values,
      errors,
    });

  /** A board with a cadence to plan its year by. */
  const boardWithCadence = async (request: SignedInRequest) => {
    const board = await boardOf(request);
    return board?.board.cadence ? board : null;
  };

  router.get(
    '/boards/:boardId/calendar',
    secretaries,
    whenFound(boardWithCadence, (request, response, board) =>
      showPlan(request, response, board, { access: 'public' }),
    ),
  );

  router.post(
    '/boards/:boardId/calendar',
    secretaries,
    whenFound(boardWithCadence, async (request, response, board) => {
      const values = Object.fromEntries(PLAN_FIELDS.map((field) => [field, formText(request.body?.[field])]));
      const { meeting, errors } = newMeetingOf(values);
      if (!meeting || formText(request.body?.step) === 'change')
        return showPlan(request, response, board, values, errors);
      const context = webRequestContext(request);
      if (formText(request.body?.step) !== 'plan')
        return renderPage(views, request, response, 'pages/meetings/calendar-check.njk', {
          title: `Check the year of meetings of the ${board.board.name}`,
          board: { id: board.id, name: board.board.name },
          values,
          meeting,
          dates: await plannedDates(engine, board.id, meeting.date, context),
        });
      const { time, place, access } = meeting;
      const planned = await planYearOfMeetings(
        engine,
        gateway,
        board.id,
        { from: meeting.date, time, place, access },
        context,
      );
      request.session.flash = `${planned.scheduled.length} provisional ${planned.scheduled.length === 1 ? 'meeting' : 'meetings'} scheduled${planned.skipped.length ? `; ${planned.skipped.length} already scheduled` : ''}`;
      response.redirect(303, `/boards/${board.id}`);
    }),
  );

  const path = '/boards/:boardId/meetings/:meetingId';

  router.post(
    `${path}/confirmation`,
    secretaries,
    button({ type: 'ConfirmMeeting', confirmedOn: BODYS_TODAY }, 'Meeting confirmed'),
  );

  router.post(
    `${path}/rescheduling`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const values = Object.fromEntries(MOVE_FIELDS.map((field) => [field, formText(request.body?.[field])]));
      const { meeting, errors } = newMeetingOf({
        date: values.newDate,
        time: values.newTime,
        place: values.newPlace,
        access: found.meeting.meeting.access,
      });
      // The form's fields are named for moving: its errors are said against them.
      const moved: FieldError[] = errors.map((error) => ({
        ...error,
        field: { date: 'newDate', time: 'newTime', place: 'newPlace' }[error.field] ?? 'newDate',
      }));
      if (!values.moveReason) moved.push({ field: 'moveReason', text: 'Say why the meeting is moved' });
      if (!meeting || moved.length > 0)
        return showMeeting(request, response, found, { values, errors: moved });
      await change(
        request,
        response,
        found,
        {
          type: 'RescheduleMeeting',
          date: meeting.date,
          time: meeting.time,
          place: meeting.place,
          reason: values.moveReason,
        },
        `Meeting moved to ${meeting.date}`,
        values,
      );
    }),
  );

  router.post(
    `${path}/cancellation`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const reason = formText(request.body?.cancelReason);
      if (!reason)
        return showMeeting(request, response, found, {
          errors: [{ field: 'cancelReason', text: 'Say why the meeting is cancelled' }],
        });
      await change(request, response, found, { type: 'CancelMeeting', reason }, 'Meeting cancelled', {
        cancelReason: reason,
      });
    }),
  );

  return router;
}
