import { Router } from 'express';
import nunjucks from 'nunjucks';
import { scheduleOfAssurance } from '#domain/board/schedule-of-assurance';
import {
  agendaStateOf,
  callInsClosing,
  meetingsAhead,
  minutesWaiting,
  noticesDue,
} from '#domain/desk/secretary-desk';
import { addDays } from '#domain/shared/iso-date';
import { Engine } from '#engine/engine';
import { listActions } from '#projections/action-register/action-register.queries';
import { listBoards, meetingsOf } from '#projections/boards/boards.queries';
import { listDecisions } from '#projections/decisions/decisions.queries';
import { listReminders } from '#projections/reminders/reminders.queries';
import { renderPage, SignedInRequest } from '../page';
import { requireRole } from '../signed-in';
import { bodyDay } from '../time/page-time';

/** Actions due in the next fortnight (or overdue) are the desk's; more than this are counted, not listed. */
const ACTIONS_SHOWN = 200;
const ACTIONS_AHEAD_DAYS = 14;

/**
 * The secretary's desk: today's work at a glance, each line a link to where it is done. Meetings
 * of the next four weeks and their agendas, notices of key decisions due this week, call-in
 * windows closing, actions overdue or due within a fortnight by plan, reminders that failed, minutes
 * waiting, and matters of the schedule of assurance missing from a next agenda.
 */
export function secretaryDeskRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();

  router.get(
    '/secretary',
    requireRole('secretary', 'admin'),
    async (request: SignedInRequest, response, next) => {
      try {
        const bodyId = request.actingFor!.id;
        const { settings, today } = await bodyDay(engine, bodyId);
        const boards = await listBoards(engine.db, [bodyId]);
        const meetings = [];
        const assurance = [];
        for (const { id, board } of boards) {
          const held = await meetingsOf(engine.db, id);
          meetings.push(...held.map((stored) => ({ ...stored, boardId: id, boardName: board.name })));
          const checks = scheduleOfAssurance(board.assuranceMatters, held, today);
          assurance.push(
            ...checks
              .filter((check) => check.missingFromNextAgenda)
              .map((check) => ({ ...check, boardId: id, boardName: board.name })),
          );
        }
        const meetingHref = (each: { boardId: string; id: string }) =>
          `/boards/${each.boardId}/meetings/${each.id}`;
        const [proposed, taken, actions, failed] = await Promise.all([
          listDecisions(engine.db, {
            bodyIds: [bodyId],
            stages: ['proposed'],
            publicOnly: false,
            limit: 500,
          }),
          listDecisions(engine.db, {
            bodyIds: [bodyId],
            stages: ['taken'],
            takenFrom: addDays(today, -60),
            publicOnly: false,
            limit: 500,
          }),
          listActions(engine.db, {
            bodyIds: [bodyId],
            lifecycle: 'open',
            dueBefore: addDays(today, ACTIONS_AHEAD_DAYS),
            limit: ACTIONS_SHOWN,
          }),
          listReminders(engine.db, { bodyIds: [bodyId], statuses: ['failed'], limit: 50 }),
        ]);
        const byPlan = new Map<string, { overdue: number; dueSoon: number; lines: typeof actions.items }>();
        for (const action of actions.items) {
          const group = byPlan.get(action.plan) ?? { overdue: 0, dueSoon: 0, lines: [] };
          if (action.dueDate.date && action.dueDate.date < today) group.overdue++;
          else group.dueSoon++;
          group.lines.push(action);
          byPlan.set(action.plan, group);
        }
        renderPage(views, request, response, 'pages/secretary/desk.njk', {
          title: 'Secretary’s desk',
          today,
          meetings: meetingsAhead(meetings, today).map((each) => ({
            ...each,
            href: meetingHref(each),
            agenda: agendaStateOf(each.meeting, today, settings.statutoryPeriods.bankHolidays),
          })),
          notices: noticesDue(proposed.items, today, settings.statutoryPeriods),
          callIns: callInsClosing(taken.items, today),
          actionPlans: [...byPlan].map(([plan, group]) => ({
            plan,
            ...group,
            href: `/actions?${new URLSearchParams({ plan, sort: 'due' })}`,
          })),
          moreActions: actions.nextCursor !== null,
          failed: failed.items,
          minutes: minutesWaiting(meetings).map((each) => ({ ...each, href: meetingHref(each) })),
          assurance,
        });
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}
