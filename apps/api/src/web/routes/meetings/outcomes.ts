import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { MeetingItem } from '#domain/meeting/meeting.document';
import { Engine } from '#engine/engine';
import { leadCandidates } from '#projections/people/people.queries';
import { FieldError, formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { requireRole } from '../../signed-in';
import { MeetingOfBoard, meetingPages } from './meeting-pages';
import {
  amendmentOf,
  OUTCOME_FIELDS,
  OUTCOME_KINDS,
  outcomeOf,
  outcomeValues,
  voteField,
} from './outcome-form';

/**
 * Minute-taking: each held item's outcome in a form of a few fields (what the minutes say, how it
 * ended, the vote, the action it raised, the decision it requested), down the agenda; and a draft
 * minute amended before the minutes are approved.
 */
export function outcomeRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const secretaries = requireRole('admin', 'secretary');
  const { meetingOf, change } = meetingPages(engine, views, gateway);
  const path = '/boards/:boardId/meetings/:meetingId';

  /** The held meeting's item still waiting for its outcome, or null (a 404). */
  const itemOf = async (request: SignedInRequest) => {
    const found = await meetingOf(request);
    const item = found?.meeting.meeting.items.find(
      (each) => each.itemId === request.params.itemId && !each.withdrawn && each.minuteNumber !== null,
    );
    return found && item && !item.outcome && found.meeting.meeting.minutes === 'none'
      ? { found, item }
      : null;
  };

  /** The next item on the agenda still without its outcome: where minute-taking goes on. */
  const nextItemOf = ({ meeting }: MeetingOfBoard, item: MeetingItem) => {
    const items = meeting.meeting.items;
    return items
      .slice(items.indexOf(item) + 1)
      .find((each) => !each.withdrawn && !each.outcome && each.minuteNumber !== null);
  };

  /** Who may vote on the item's resolution: the chair and members present, or the board's members. */
  const votingOf = ({ board, meeting }: MeetingOfBoard) => {
    const attendance = meeting.meeting.attendance;
    return attendance
      ? { voters: [attendance.chair, ...attendance.present], chair: attendance.chair }
      : { voters: board.board.members.map((member) => member.name), chair: null };
  };

  const showOutcome = async (
    request: SignedInRequest,
    response: Response,
    { found, item }: { found: MeetingOfBoard; item: MeetingItem },
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) => {
    const people = await leadCandidates(engine.db, found.board.bodyId);
    renderPage(views, request, response, 'pages/meetings/outcome.njk', {
      title: `Minute ${item.minuteNumber}: ${item.title}`,
      errors,
      values,
      base: `/boards/${found.board.id}/meetings/${found.meeting.id}`,
      nextItem: nextItemOf(found, item) ?? null,
      action: `/boards/${found.board.id}/meetings/${found.meeting.id}/items/${item.itemId}/outcome`,
      version: found.meeting.version,
      kinds: OUTCOME_KINDS.map((kind) => ({ ...kind, checked: values.kind === kind.value })),
      voters: votingOf(found).voters.map((name, place) => ({
        name,
        field: voteField(place),
        items: [
          { value: '', text: 'Did not vote' },
          ...['for', 'against', 'abstained'].map((cast) => ({
            value: cast,
            text: cast === 'abstained' ? 'Abstained' : `Voted ${cast}`,
            selected: values[voteField(place)] === cast,
          })),
        ],
      })),
      castingItems: [
        { value: '', text: 'No casting vote' },
        ...['for', 'against'].map((cast) => ({
          value: cast,
          text: cast === 'for' ? 'The chair’s casting vote: for' : 'The chair’s casting vote: against',
          selected: values.castingVote === cast,
        })),
      ],
      makerItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((person) => ({
          value: person.email,
          text: `${person.name} (${person.email})`,
          selected: values.decisionMaker === person.email,
        })),
      ],
      ownerItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((person) => ({
          value: person.email,
          text: `${person.name} (${person.email})`,
          selected: values.actionOwner === person.email,
        })),
      ],
    });
  };

  router.get(
    `${path}/items/:itemId/outcome`,
    secretaries,
    whenFound(itemOf, async (request, response, target) => {
      await showOutcome(request, response, target, {});
    }),
  );

  router.post(
    `${path}/items/:itemId/outcome`,
    secretaries,
    whenFound(itemOf, async (request, response, target) => {
      const voting = votingOf(target.found);
      const fields = [...OUTCOME_FIELDS, ...voting.voters.map((_, place) => voteField(place))];
      const values = Object.fromEntries(fields.map((field) => [field, formText(request.body?.[field])]));
      const { change: asked, errors } = outcomeOf(target.item.itemId, values, voting);
      if (!asked) return showOutcome(request, response, target, values, errors);
      const following = nextItemOf(target.found, target.item);
      await change(
        request,
        response,
        target.found,
        asked,
        `Minute ${target.item.minuteNumber}: outcome recorded`,
        values,
        (refused) => showOutcome(request, response, target, values, refused),
        // "Record, then the next item": minute-taking goes on down the agenda.
        following && formText(request.body?.then) === 'next'
          ? `/boards/${target.found.board.id}/meetings/${target.found.meeting.id}/items/${following.itemId}/outcome`
          : undefined,
      );
    }),
  );

  /** The held item whose draft minute may be amended (it has its outcome; minutes not approved), or null. */
  const amendableOf = async (request: SignedInRequest) => {
    const found = await meetingOf(request);
    const item = found?.meeting.meeting.items.find(
      (each) => each.itemId === request.params.itemId && !each.withdrawn && each.outcome,
    );
    const open = found?.meeting.meeting.minutes === 'none' || found?.meeting.meeting.minutes === 'drafted';
    return found && item && open ? { found, item } : null;
  };

  const showAmendment = (
    request: SignedInRequest,
    response: Response,
    { found, item }: { found: MeetingOfBoard; item: MeetingItem },
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) =>
    renderPage(views, request, response, 'pages/meetings/outcome.njk', {
      title: `Amend minute ${item.minuteNumber}: ${item.title}`,
      errors,
      values,
      amending: true,
      action: `/boards/${found.board.id}/meetings/${found.meeting.id}/items/${item.itemId}/amendment`,
      base: `/boards/${found.board.id}/meetings/${found.meeting.id}`,
      version: found.meeting.version,
      raised: [
        ...item.actions.map((action) => `Action ${action.ref}: ${action.title} (${action.owner})`),
        ...item.decisions.map((decision) => `Decision requested: ${decision.subject}`),
      ],
      kinds: OUTCOME_KINDS.map((kind) => ({
        ...kind,
        checked: values.kind === kind.value,
      })),
    });

  router.get(
    `${path}/items/:itemId/amendment`,
    secretaries,
    whenFound(amendableOf, async (request, response, target) => {
      showAmendment(request, response, target, outcomeValues(target.item.outcome!));
    }),
  );

  router.post(
    `${path}/items/:itemId/amendment`,
    secretaries,
    whenFound(amendableOf, async (request, response, target) => {
      const values = Object.fromEntries(
        OUTCOME_FIELDS.map((field) => [field, formText(request.body?.[field])]),
      );
      const { change: asked, errors } = amendmentOf(target.item.itemId, values);
      if (!asked) return showAmendment(request, response, target, values, errors);
      await change(
        request,
        response,
        target.found,
        asked,
        `Minute ${target.item.minuteNumber} amended`,
        values,
        (refused) => showAmendment(request, response, target, values, refused),
      );
    }),
  );

  return router;
}
