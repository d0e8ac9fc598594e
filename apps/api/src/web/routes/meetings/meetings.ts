import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { DomainError, quoted } from '#domain/shared/domain-error';
import { Engine } from '#engine/engine';
import { actionsWithRefs } from '#projections/action-register/action-register.queries';
import { StoredBoard } from '#projections/boards/boards.queries';
import { scheduleMeeting } from '../../../boards/meeting-writes';
import {
  FieldError,
  formChoices,
  formText,
  linesOf,
  renderPage,
  SignedInRequest,
  whenFound,
} from '../../page';
import { notThen, readTimeOf } from '../../time/as-at';
import { requireRole } from '../../signed-in';
import { bodyDay, pageTimeFor } from '../../time/page-time';
import { webRequestContext } from '../../web-actor';
import { movedOrder, newItemOf, newMeetingOf } from './meeting-forms';
import { meetingPages } from './meeting-pages';

const ITEM_FIELDS = [
  'title',
  'reportAuthor',
  'exemptParagraph',
  'exemptReason',
  'questions',
  'responseForm',
  'linkedActions',
  'linkedDecisions',
];

/**
 * A board's meetings in the web application: scheduling one, and its workspace, where the
 * secretary builds the agenda (add, move up or down, withdraw) and issues it, without JavaScript.
 */
export function meetingRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const secretaries = requireRole('admin', 'secretary');

  const { boardOf, meetingOf, showMeeting, change } = meetingPages(engine, views, gateway);

  const showNew = (
    request: SignedInRequest,
    response: Response,
    board: StoredBoard,
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) =>
    renderPage(views, request, response, 'pages/meetings/new.njk', {
      title: `Schedule a meeting of the ${board.board.name}`,
      board: { id: board.id, name: board.board.name },
      values,
      errors,
    });

  router.get(
    '/boards/:boardId/meetings/new',
    secretaries,
    whenFound(boardOf, async (request, response, board) => {
      showNew(request, response, board, { access: 'public' });
    }),
  );

  router.post(
    '/boards/:boardId/meetings',
    secretaries,
    whenFound(boardOf, async (request, response, board) => {
      const values = Object.fromEntries(
        ['date', 'time', 'place', 'access'].map((field) => [field, formText(request.body?.[field])]),
      );
      const { meeting, errors } = newMeetingOf(values);
      if (!meeting) return showNew(request, response, board, values, errors);
      try {
        const written = await scheduleMeeting(engine, gateway, board.id, meeting, webRequestContext(request));
        request.session.flash = `Meeting of ${meeting.date} scheduled`;
        response.redirect(303, `/boards/${board.id}/meetings/${written.id}`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
        showNew(request, response, board, values, [{ field: error.field ?? 'date', text: error.message }]);
      }
    }),
  );

  router.get(
    '/boards/:boardId/meetings/:meetingId',
    readers,
    async (request: SignedInRequest, response, next) => {
      try {
        const { time, errors } = await pageTimeFor(engine, request);
        const found = await meetingOf(request, errors.length > 0 ? {} : readTimeOf(time));
        if (!found && time.travelling && (await meetingOf(request)))
          return notThen(views, request, response, time, 'This meeting');
        if (!found) return next();
        await showMeeting(request, response, found, { time, errors });
      } catch (error) {
        next(error);
      }
    },
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-items',
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const values = Object.fromEntries(
        ITEM_FIELDS.map((field) => [field, formChoices(request.body?.[field])]),
      );
      const { change: asked, errors } = newItemOf(values, found.meeting.id, request.person!.email);
      // Actions the item reports on, by ref as the register shows them.
      const refs = linesOf(values.linkedActions);
      const linked = await actionsWithRefs(engine.db, found.board.bodyId, refs);
      const unknown = refs.filter((ref) => !linked.some((action) => action.ref === ref));
      if (unknown.length > 0)
        errors.push({
          field: 'linkedActions',
          text: `No action of this body has the ref ${unknown.map(quoted).join(', ')}`,
        });
      if (!asked || errors.length > 0) return showMeeting(request, response, found, { values, errors });
      await change(
        request,
        response,
        found,
        {
          ...asked,
          linkedActionIds: linked.map((action) => action.id),
          // The engine checks each is a decision of this body.
          linkedDecisionIds: values.linkedDecisions.split(',').filter(Boolean),
        },
        `“${values.title}” added to the agenda`,
        values,
      );
    }),
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-order',
    secretaries,
    whenFound(meetingOf, async (request, response, found, next) => {
      const order = movedOrder(
        found.meeting.meeting,
        formText(request.body?.item),
        formText(request.body?.direction),
      );
      if (!order) return next();
      await change(request, response, found, { type: 'ReorderAgenda', order }, 'Agenda reordered');
    }),
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-withdrawal',
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const values = {
        withdrawItem: formText(request.body?.withdrawItem),
        reason: formText(request.body?.reason),
      };
      const errors: FieldError[] = [];
      if (!found.meeting.meeting.items.some((item) => item.itemId === values.withdrawItem && !item.withdrawn))
        errors.push({ field: 'withdrawItem', text: 'Choose the item to withdraw' });
      if (!values.reason)
        errors.push({ field: 'reason', text: 'Say why the item is withdrawn, for the minutes' });
      if (errors.length > 0) return showMeeting(request, response, found, { values, errors });
      await change(
        request,
        response,
        found,
        { type: 'WithdrawAgendaItem', itemId: values.withdrawItem, reason: values.reason },
        'Item withdrawn from the agenda',
        values,
      );
    }),
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-issue',
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const { today } = await bodyDay(engine, found.board.bodyId);
      await change(
        request,
        response,
        found,
        { type: 'IssueAgenda', issuedOn: today },
        `Agenda issued on ${today}`,
      );
    }),
  );

  return router;
}
