import { agendaEmailsOf } from '#application/subscriptions/subscriptions';
import { addMonths } from '#domain/shared/iso-date';
import { forwardPlan } from '#projections/decisions/decisions.queries';
import { Response } from 'express';
import nunjucks from 'nunjucks';
import { MeetingChange } from '#application/changes/meeting-changes';
import { CommandGateway } from '#application/command-gateway';
import { StaleVersionError } from '#application/command-handling';
import { DomainError } from '#domain/shared/domain-error';
import { localTimeLabelOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { latestAuditEntry } from '#projections/audit-trail/audit-trail.queries';
import { findBoard, meetingsOf, StoredBoard, StoredMeeting } from '#projections/boards/boards.queries';
import { NotFoundException } from '@nestjs/common';
import { meetingFor } from '../../../boards/board-queries';
import { ReadTime } from '../../../http/time-travel.dto';
import { PageTime, timeLink } from '../../time/as-at';
import { changeMeeting } from '../../../boards/meeting-writes';
import { longDate } from '../../../publishing/html-pages';
import { FieldError, formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { isSecretary } from '../../signed-in';
import { bodyDay } from '../../time/page-time';
import { webRequestContext } from '../../web-actor';
import { agendaStatusOf, EXEMPT_PARAGRAPHS } from './meeting-forms';
import { outcomeSummary } from './outcome-form';

const STAGES: Record<string, string> = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' };

export interface MeetingOfBoard {
  readonly board: StoredBoard;
  readonly meeting: StoredMeeting;
}

/** What every page of a meeting does: find it, show its workspace, and run a change a form asks for. */
export function meetingPages(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway) {
  const boardOf = (request: SignedInRequest) =>
    findBoard(engine.db, request.params.boardId as string, [request.actingFor!.id]);
  /**
   * The meeting and its board as they stood at the time asked (now by default), or null (a 404)
   * when the meeting is not this board's in this body.
   */
  const meetingOf = (request: SignedInRequest, time: ReadTime = {}): Promise<MeetingOfBoard | null> =>
    meetingFor(
      engine,
      request.params.boardId as string,
      request.params.meetingId as string,
      [request.actingFor!.id],
      time,
    ).catch((error: unknown) => {
      if (error instanceof NotFoundException) return null;
      throw error;
    });

  const showMeeting = async (
    request: SignedInRequest,
    response: Response,
    { board, meeting }: MeetingOfBoard,
    more: {
      errors?: FieldError[];
      values?: Record<string, string>;
      stale?: string | null;
      status?: number;
      /** The time the page shows: nothing can be changed from a page of another time. */
      time?: PageTime;
    } = {},
  ) => {
    const state = meeting.meeting;
    const secretary = isSecretary(request) && !more.time?.travelling;
    const editable = secretary && state.stage === 'scheduled';
    // Attendance and declarations stay open until the minutes are approved.
    const recording =
      secretary && state.stage !== 'cancelled' && (state.minutes === 'none' || state.minutes === 'drafted');
    const live = state.items.filter((item) => !item.withdrawn);
    // The minutes of later held meetings that may approve these draft minutes, or correct them once approved.
    const approved = state.minutes === 'approved' || state.minutes === 'published';
    const laterMinutes =
      secretary && (state.minutes === 'drafted' || approved)
        ? (await meetingsOf(engine.db, board.id, {}))
            .filter((later) => later.meeting.held && later.meeting.date > state.date)
            .flatMap((later) =>
              later.meeting.items
                .filter((item) => item.minuteNumber !== null && !item.withdrawn)
                .map((item) => ({
                  value: `${later.id}:${item.minuteNumber}`,
                  text: `${later.meeting.date}, minute ${item.minuteNumber}: ${item.title}`,
                })),
            )
        : null;
    renderPage(views, request, response, 'pages/meetings/meeting.njk', {
      title: `${board.board.name}: ${longDate(state.date)}`,
      status: more.status,
      errors: more.errors,
      time: more.time,
      current: `/boards/${board.id}/meetings/${meeting.id}`,
      // The pack and minutes links keep the time the page shows.
      timeQuery: more.time?.travelling ? timeLink('', more.time) : '',
      stale: more.stale,
      values: more.values ?? {},
      board: { id: board.id, name: board.board.name },
      meeting: state,
      meetingId: meeting.id,
      version: meeting.version,
      base: `/boards/${board.id}/meetings/${meeting.id}`,
      stage:
        state.provisional && state.stage === 'scheduled'
          ? 'Provisional: not yet confirmed'
          : (STAGES[state.stage] ?? state.stage),
      agenda: agendaStatusOf(
        state,
        (await bodyDay(engine, board.bodyId)).settings.statutoryPeriods.bankHolidays,
      ),
      editable,
      // Decisions expected within three months of the meeting: those an item may concern.
      decisionItems: editable
        ? (
            await forwardPlan(engine.db, {
              bodyIds: [board.bodyId],
              from: addMonths(state.date, -3),
              to: addMonths(state.date, 3),
              publishedOnly: false,
              keyOnly: false,
              limit: 30,
            })
          ).items.map((each) => ({
            value: each.id,
            text: `${each.decision.subject} (expected ${longDate(each.decision.expectedOn)})`,
            checked: (more.values?.linkedDecisions ?? '').split(',').includes(each.id),
          }))
        : [],
      agendaEmails: state.agendaIssuedOn ? await agendaEmailsOf(engine.db, meeting.id) : [],
      // Members who are not people of the directory have no address the engine knows.
      membersWithoutEmail: board.board.members
        .filter((member) => !member.personId)
        .map((member) => member.name),
      canEmail: Boolean(engine.config.smtpUrl),
      approvingItems: laterMinutes &&
        !approved && [{ value: '', text: 'Choose the approving minute' }, ...laterMinutes],
      correctingItems: laterMinutes &&
        approved && [
          { value: '', text: 'Choose the minute' },
          ...laterMinutes.map((each) => ({ ...each, selected: more.values?.correctedAt === each.value })),
        ],
      publishable: secretary && state.minutes === 'approved',
      draftable:
        secretary &&
        state.stage === 'held' &&
        state.minutes === 'none' &&
        state.items.every((item) => item.withdrawn || item.outcome),
      recording,
      memberItems: [
        { value: '', text: 'Choose a member' },
        ...board.board.members.map((member, i) => ({
          value: String(i),
          text: member.name,
          selected: more.values?.declaredBy === String(i),
        })),
      ],
      itemChoices: [
        { value: '', text: 'The meeting as a whole' },
        ...state.items
          .filter((item) => !item.withdrawn)
          .map((item) => ({
            value: item.itemId,
            text: item.title,
            selected: more.values?.declaredItem === item.itemId,
          })),
      ],
      items: state.items.map((item, index) => ({
        ...item,
        number: item.minuteNumber ?? (item.withdrawn ? null : live.indexOf(item) + 1),
        outcomeText: item.outcome ? outcomeSummary(item.outcome.outcome) : null,
        outcomeHref:
          secretary && state.stage === 'held' && state.minutes === 'none' && !item.withdrawn && !item.outcome
            ? `/boards/${board.id}/meetings/${meeting.id}/items/${item.itemId}/outcome`
            : null,
        amendHref:
          secretary && item.outcome && (state.minutes === 'none' || state.minutes === 'drafted')
            ? `/boards/${board.id}/meetings/${meeting.id}/items/${item.itemId}/amendment`
            : null,
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

  /** "Jane Smith changed this at 2:05pm on 30 September 2017": who moved the meeting on meanwhile. */
  const lastChange = async ({ meeting }: { meeting: StoredMeeting }) => {
    const last = await latestAuditEntry(engine.db, meeting.bodyId, meeting.id);
    if (!last) return null;
    const { settings } = await bodyDay(engine, meeting.bodyId);
    return `${last.actor} changed this at ${localTimeLabelOf(last.recordedAt, settings.timeZone)}`;
  };

  /**
   * Runs a change the page's form asked for, then back to the meeting with what it did, or why not:
   * on the meeting's page, or on the form's own page when `refusedOn` shows it (a sub-page's form
   * then comes back as typed, with the rule's words).
   */
  const change = async (
    request: SignedInRequest,
    response: Response,
    found: MeetingOfBoard,
    asked: MeetingChange,
    done: string,
    values: Record<string, string> = {},
    refusedOn?: (errors: FieldError[]) => unknown,
    /** Where to go once done, when not back to the meeting. */
    then?: string,
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
      if (error instanceof DomainError && error.kind !== 'not_found') {
        const known = error.field && values[error.field] !== undefined ? error.field : null;
        if (refusedOn) return refusedOn([{ field: known ?? 'kind', text: error.message }]);
        return showMeeting(request, response, found, {
          values,
          errors: [{ field: known ?? 'agenda', text: error.message }],
        });
      }
      throw error;
    }
    request.session.flash = done;
    response.redirect(303, then ?? `/boards/${found.board.id}/meetings/${found.meeting.id}`);
  };

  /** A button on the meeting's page: one change with nothing to fill in, then back to the meeting. */
  const button = (asked: MeetingChange, done: string) =>
    whenFound(meetingOf, (request, response, found) => change(request, response, found, asked, done));

  return { boardOf, meetingOf, showMeeting, change, button };
}
