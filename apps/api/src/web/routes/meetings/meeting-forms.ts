import { MeetingChange } from '#application/changes/meeting-changes';
import { agendaIssueBy } from '#domain/meeting/agenda-clock';
import { MeetingDocument } from '#domain/meeting/meeting.document';
import { newRecordId } from '#domain/shared/record-ids';
import { NewMeeting } from '../../../boards/meeting-writes';
import { longDate } from '../../../publishing/html-pages';
import { FieldError, linesOf } from '../../page';
import { typedDate } from '../../time/as-at';

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** A time as a form gives it (12:30, 12.30, 9:05), as HH:MM; null when blank; undefined when unreadable. */
export function typedTime(text: string): string | null | undefined {
  if (!text) return null;
  const time = TIME.exec(text);
  return time ? `${time[1].padStart(2, '0')}:${time[2]}` : undefined;
}

const RESPONSE_FORMS = ['written', 'verbal'] as const;

/** Schedule 12A of the Local Government Act 1972: the paragraphs an exempt item may be under. */
export const EXEMPT_PARAGRAPHS = ['1', '2', '3', '4', '5', '6', '7'];

/** A meeting as the schedule form describes it, or what is wrong with the form. */
export function newMeetingOf(values: Record<string, string>): { meeting?: NewMeeting; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const date = typedDate(values.date);
  if (!values.date) errors.push({ field: 'date', text: 'Enter the date of the meeting, like 17/7/2015' });
  else if (date === null) errors.push({ field: 'date', text: 'Write the date like 17/7/2015' });
  const time = typedTime(values.time);
  if (time === undefined) errors.push({ field: 'time', text: 'Write the time like 12:30 (24-hour clock)' });
  if (!values.place) errors.push({ field: 'place', text: 'Enter where the meeting is held' });
  if (values.access !== 'public' && values.access !== 'private')
    errors.push({ field: 'access', text: 'Say whether the public may attend' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    meeting: {
      date: date!,
      time: time ?? null,
      place: values.place,
      access: values.access as 'public' | 'private',
    },
  };
}

/** An agenda item as the add-an-item form describes it, or what is wrong with the form. */
export function newItemOf(
  values: Record<string, string>,
  meetingId: string,
  user: string,
): { change?: Extract<MeetingChange, { type: 'AddAgendaItem' }>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', text: 'Enter the item’s title, as the agenda prints it' });
  const exempt = values.exemptParagraph;
  if (exempt && !EXEMPT_PARAGRAPHS.includes(exempt))
    errors.push({ field: 'exemptParagraph', text: 'Choose a paragraph of Schedule 12A, 1 to 7' });
  if (exempt && !values.exemptReason)
    errors.push({ field: 'exemptReason', text: 'Say why the item is exempt, for the minutes' });
  const questions = linesOf(values.questions);
  const responseForm = RESPONSE_FORMS.find((form) => form === values.responseForm) ?? null;
  if (questions.length > 0 && !responseForm)
    errors.push({ field: 'responseForm', text: 'Say how the questions are to be answered' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    change: {
      type: 'AddAgendaItem',
      // A fresh id each time the form is sent: two items may share a title.
      itemId: newRecordId('agenda-item', meetingId, user, undefined),
      title: values.title,
      reportAuthor: values.reportAuthor || null,
      questions,
      responseForm: questions.length > 0 ? responseForm : null,
      linkedActionIds: [],
      linkedDecisionIds: [],
      assuranceMatterId: null,
      exemption: exempt ? { category: Number(exempt), reason: values.exemptReason } : null,
    },
  };
}

/** The agenda's order with one item moved a place up or down (withdrawn items keep their places). */
export function movedOrder(meeting: MeetingDocument, itemId: string, direction: string): string[] | null {
  const order = meeting.items.map((item) => item.itemId);
  const from = order.indexOf(itemId);
  const to = direction === 'up' ? from - 1 : direction === 'down' ? from + 1 : -1;
  if (from < 0 || to < 0 || to >= order.length) return null;
  [order[from], order[to]] = [order[to], order[from]];
  return order;
}

/** What the meeting's page says of its agenda: still a draft, or issued (and when). */
export function agendaStatusOf(
  meeting: MeetingDocument,
  bankHolidays: readonly string[],
): { text: string; issued: boolean } {
  if (meeting.agendaIssuedOn) return { text: `Issued on ${meeting.agendaIssuedOn}`, issued: true };
  if (meeting.stage !== 'scheduled') return { text: 'Not issued', issued: false };
  const issueBy = longDate(agendaIssueBy(meeting.date, bankHolidays));
  return { text: `Draft: to be issued by ${issueBy}, five clear working days before`, issued: false };
}
