import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { Engine } from '#engine/engine';
import { peopleOfBody } from '#projections/people/people.queries';
import { longDate } from '../../../publishing/html-pages';
import { FieldError, formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { requireRole } from '../../signed-in';
import { typedDate } from '../../time/as-at';
import { attendanceOf, attendanceValues, PRESENCES } from './attendance-form';
import { typedTime } from './meeting-forms';
import { MeetingOfBoard, meetingPages } from './meeting-pages';

const PRESENCE_TEXT = { present: 'Present', apologies: 'Apologies', absent: 'Absent' };

/**
 * The record of a meeting as the secretary takes it: attendance from the board's members (people,
 * not typed names), declarations of interest against items, and the meeting being held.
 */
export function recordOfMeetingRoutes(
  engine: Engine,
  views: nunjucks.Environment,
  gateway: CommandGateway,
): Router {
  const router = Router();
  const secretaries = requireRole('admin', 'secretary');
  const { meetingOf, showMeeting, change } = meetingPages(engine, views, gateway);
  const path = '/boards/:boardId/meetings/:meetingId';
  /** Members who are people are written by email, so the engine records the very person. */
  const emailsOfPeople = async (bodyId: string) =>
    new Map((await peopleOfBody(engine.db, bodyId)).map((person) => [person.id, person.email]));

  const showAttendance = (
    request: SignedInRequest,
    response: Response,
    { board, meeting }: MeetingOfBoard,
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) =>
    renderPage(views, request, response, 'pages/meetings/attendance.njk', {
      title: `Attendance: ${board.board.name}, ${longDate(meeting.meeting.date)}`,
      errors,
      values,
      base: `/boards/${board.id}/meetings/${meeting.id}`,
      version: meeting.version,
      chairItems: [
        { value: '', text: 'Choose the chair' },
        ...board.board.members.map((member, i) => ({
          value: String(i),
          text: member.name,
          selected: values.chair === String(i),
        })),
      ],
      members: board.board.members.map((member, i) => ({
        ...member,
        field: `member${i}`,
        items: PRESENCES.map((presence) => ({
          value: presence,
          text: PRESENCE_TEXT[presence],
          checked: values[`member${i}`] === presence,
        })),
      })),
    });

  router.get(
    `${path}/attendance`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      showAttendance(
        request,
        response,
        found,
        attendanceValues(found.board.board.members, found.meeting.meeting),
      );
    }),
  );

  router.post(
    `${path}/attendance`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const members = found.board.board.members;
      const fields = [
        'chair',
        'othersPresent',
        'othersApologies',
        'inAttendance',
        ...members.map((_, i) => `member${i}`),
      ];
      const values = Object.fromEntries(fields.map((field) => [field, formText(request.body?.[field])]));
      const emails = await emailsOfPeople(found.board.bodyId);
      const { change: asked, errors } = attendanceOf(members, values, emails);
      if (!asked) return showAttendance(request, response, found, values, errors);
      await change(request, response, found, asked, 'Attendance recorded', values);
    }),
  );

  router.post(
    `${path}/declarations`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const values = Object.fromEntries(
        ['declaredBy', 'declaredOther', 'declaredItem', 'nature'].map((field) => [
          field,
          formText(request.body?.[field]),
        ]),
      );
      const members = found.board.board.members;
      const member = members[Number(values.declaredBy)];
      const errors: FieldError[] = [];
      if (!values.declaredOther && (values.declaredBy === '' || !member))
        errors.push({ field: 'declaredBy', text: 'Choose the member who declared, or write their name' });
      const item = found.meeting.meeting.items.find((each) => each.itemId === values.declaredItem);
      if (values.declaredItem && !item)
        errors.push({ field: 'declaredItem', text: 'Choose an item of this agenda' });
      if (!values.nature)
        errors.push({ field: 'nature', text: 'Describe the interest, as the minutes will' });
      if (errors.length > 0) return showMeeting(request, response, found, { values, errors });
      const emails = await emailsOfPeople(found.board.bodyId);
      const written = values.declaredOther || (member.personId && emails.get(member.personId)) || member.name;
      await change(
        request,
        response,
        found,
        { type: 'DeclareInterest', member: written, itemId: item?.itemId ?? null, nature: values.nature },
        'Declaration of interest recorded',
        values,
      );
    }),
  );

  router.post(
    `${path}/declarations/:declaration/withdrawal`,
    secretaries,
    whenFound(meetingOf, async (request, response, found, next) => {
      const place = Number(request.params.declaration);
      if (!Number.isInteger(place) || !found.meeting.meeting.declarations[place]) return next();
      // Each declaration's form names its reason field by its place: the page has one per line.
      const field = `withdrawReason-${place}`;
      const reason = formText(request.body?.[field]);
      if (!reason)
        return showMeeting(request, response, found, {
          errors: [{ field, text: 'Say why the declaration is withdrawn, for the record' }],
        });
      await change(
        request,
        response,
        found,
        { type: 'WithdrawDeclaration', declaration: place, reason },
        'Declaration of interest withdrawn',
        { [field]: reason },
      );
    }),
  );

  router.post(
    `${path}/holding`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const values = Object.fromEntries(
        ['heldOn', 'startTime', 'endTime'].map((field) => [field, formText(request.body?.[field])]),
      );
      const heldOn = values.heldOn ? typedDate(values.heldOn) : found.meeting.meeting.date;
      const [startTime, endTime] = [typedTime(values.startTime), typedTime(values.endTime)];
      const errors: FieldError[] = [];
      if (!heldOn) errors.push({ field: 'heldOn', text: 'Write the date like 17/7/2015' });
      if (startTime === undefined) errors.push({ field: 'startTime', text: 'Write the time like 12:30' });
      if (endTime === undefined) errors.push({ field: 'endTime', text: 'Write the time like 14:15' });
      if (errors.length > 0) return showMeeting(request, response, found, { values, errors });
      await change(
        request,
        response,
        found,
        { type: 'HoldMeeting', heldOn: heldOn!, startTime: startTime ?? null, endTime: endTime ?? null },
        'Meeting recorded as held: its items have their minute numbers',
        values,
      );
    }),
  );

  return router;
}
