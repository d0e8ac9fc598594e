import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { MeetingChange } from '#application/changes/meeting-changes';
import { CommandGateway } from '#application/command-gateway';
import { StaleVersionError } from '#application/command-handling';
import { DomainError } from '#domain/shared/domain-error';
import { localTimeLabelOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { latestAuditEntry } from '#projections/audit-trail/audit-trail.queries';
import { findBoard, findMeeting, StoredBoard, StoredMeeting } from '#projections/boards/boards.queries';
import { changeMeeting, scheduleMeeting } from '../../../boards/meeting-writes';
import { FieldError, formText, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { bodyDay } from '../../time/page-time';
import { webRequestContext } from '../../web-actor';
import { agendaStatusOf, EXEMPT_PARAGRAPHS, movedOrder, newItemOf, newMeetingOf } from './meeting-forms';

const STAGES: Record<string, string> = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' };
const ITEM_FIELDS = ['title', 'reportAuthor', 'exemptParagraph', 'exemptReason'];

const isSecretary = (request: SignedInRequest) =>
  request.actingFor!.roles.some((role) => role === 'secretary' || role === 'admin');

/**
 * A board's meetings in the web application: scheduling one, and its workspace, where the
 * secretary builds the agenda (add, move up or down, withdraw) and issues it, without JavaScript.
 */
export function meetingRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const secretaries = requireRole('admin', 'secretary');

  const boardOf = (request: SignedInRequest) =>
    findBoard(engine.db, request.params.boardId as string, [request.actingFor!.id]);
  /** The meeting and its board, or null (a 404) when the meeting is not this board's in this body. */
  const meetingOf = async (request: SignedInRequest) => {
    const board = await boardOf(request);
    const meeting =
      board && (await findMeeting(engine.db, request.params.meetingId as string, [board.bodyId]));
    return board && meeting && meeting.meeting.boardId === board.id ? { board, meeting } : null;
  };

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
    async (request: SignedInRequest, response, next) => {
      try {
        const board = await boardOf(request);
        if (!board) return next();
        showNew(request, response, board, { access: 'public' });
      } catch (error) {
        next(error);
      }
    },
  );

  router.post('/boards/:boardId/meetings', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      const board = await boardOf(request);
      if (!board) return next();
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
    } catch (error) {
      next(error);
    }
  });

  const showMeeting = async (
    request: SignedInRequest,
    response: Response,
    { board, meeting }: { board: StoredBoard; meeting: StoredMeeting },
    more: {
      errors?: FieldError[];
      values?: Record<string, string>;
      stale?: string | null;
      status?: number;
    } = {},
  ) => {
    const state = meeting.meeting;
    const editable = isSecretary(request) && state.stage === 'scheduled';
    const live = state.items.filter((item) => !item.withdrawn);
    renderPage(views, request, response, 'pages/meetings/meeting.njk', {
      title: `${board.board.name}: ${state.date}`,
      status: more.status,
      errors: more.errors,
      stale: more.stale,
      values: more.values ?? {},
      board: { id: board.id, name: board.board.name },
      meeting: state,
      meetingId: meeting.id,
      version: meeting.version,
      base: `/boards/${board.id}/meetings/${meeting.id}`,
      stage: STAGES[state.stage] ?? state.stage,
      agenda: agendaStatusOf(state),
      editable,
      items: state.items.map((item, index) => ({
        ...item,
        number: item.minuteNumber ?? (item.withdrawn ? null : live.indexOf(item) + 1),
        first: index === 0,
        last: index === state.items.length - 1,
      })),
      itemTitles: Object.fromEntries(state.items.map((item) => [item.itemId, item.title])),
      paragraphItems: [
        { value: '', text: 'Not exempt' },
        ...EXEMPT_PARAGRAPHS.map((p) => ({
          value: p,
          text: `Paragraph ${p}`,
          selected: more.values?.exemptParagraph === p,
        })),
      ],
    });
  };

  router.get(
    '/boards/:boardId/meetings/:meetingId',
    readers,
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await meetingOf(request);
        if (!found) return next();
        await showMeeting(request, response, found);
      } catch (error) {
        next(error);
      }
    },
  );

  /** "Jane Smith changed this at 2:05pm on 30 September 2017": who moved the meeting on meanwhile. */
  const lastChange = async ({ meeting }: { meeting: StoredMeeting }) => {
    const last = await latestAuditEntry(engine.db, meeting.bodyId, meeting.id);
    if (!last) return null;
    const { settings } = await bodyDay(engine, meeting.bodyId);
    return `${last.actor} changed this at ${localTimeLabelOf(last.recordedAt, settings.timeZone)}`;
  };

  /** Runs a change the page's form asked for, then back to the meeting with what it did, or why not. */
  const change = async (
    request: SignedInRequest,
    response: Response,
    found: { board: StoredBoard; meeting: StoredMeeting },
    asked: MeetingChange,
    done: string,
    values: Record<string, string> = {},
  ) => {
    try {
      await changeMeeting(
        engine,
        gateway,
        {
          boardId: found.board.id,
          meetingId: found.meeting.id,
          change: asked,
          expectedVersion: Number(formText(request.body?.version)),
        },
        webRequestContext(request),
      );
    } catch (error) {
      if (error instanceof StaleVersionError)
        return showMeeting(request, response, found, { values, stale: await lastChange(found), status: 409 });
      if (error instanceof DomainError && error.kind !== 'not_found')
        return showMeeting(request, response, found, {
          values,
          errors: [
            {
              field: error.field && values[error.field] !== undefined ? error.field : 'agenda',
              text: error.message,
            },
          ],
        });
      throw error;
    }
    request.session.flash = done;
    response.redirect(303, `/boards/${found.board.id}/meetings/${found.meeting.id}`);
  };

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-items',
    secretaries,
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await meetingOf(request);
        if (!found) return next();
        const values = Object.fromEntries(
          ITEM_FIELDS.map((field) => [field, formText(request.body?.[field])]),
        );
        const { change: asked, errors } = newItemOf(values, found.meeting.id, request.person!.email);
        if (!asked) return showMeeting(request, response, found, { values, errors });
        await change(request, response, found, asked, `“${values.title}” added to the agenda`, values);
      } catch (error) {
        next(error);
      }
    },
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-order',
    secretaries,
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await meetingOf(request);
        if (!found) return next();
        const order = movedOrder(
          found.meeting.meeting,
          formText(request.body?.item),
          formText(request.body?.direction),
        );
        if (!order) return next();
        await change(request, response, found, { type: 'ReorderAgenda', order }, 'Agenda reordered');
      } catch (error) {
        next(error);
      }
    },
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-withdrawal',
    secretaries,
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await meetingOf(request);
        if (!found) return next();
        const values = {
          withdrawItem: formText(request.body?.withdrawItem),
          reason: formText(request.body?.reason),
        };
        const errors: FieldError[] = [];
        if (
          !found.meeting.meeting.items.some((item) => item.itemId === values.withdrawItem && !item.withdrawn)
        )
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
      } catch (error) {
        next(error);
      }
    },
  );

  router.post(
    '/boards/:boardId/meetings/:meetingId/agenda-issue',
    secretaries,
    async (request: SignedInRequest, response, next) => {
      try {
        const found = await meetingOf(request);
        if (!found) return next();
        const { today } = await bodyDay(engine, found.board.bodyId);
        await change(
          request,
          response,
          found,
          { type: 'IssueAgenda', issuedOn: today },
          `Agenda issued on ${today}`,
        );
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}
