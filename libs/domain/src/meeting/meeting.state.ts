import { MeetingDocument } from './meeting.document';

/** What the meeting decider knows of one meeting, folded from its events: its document, and its body. */
export interface Meeting extends MeetingDocument {
  readonly bodyId: string | null;
}

export const initialMeeting = (): Meeting => ({
  stage: 'none',
  bodyId: null,
  boardId: '',
  date: '',
  time: null,
  place: '',
  access: 'public',
  provisional: false,
  items: [],
  agendaIssuedOn: null,
  attendance: null,
  declarations: [],
  held: null,
  cancellation: null,
  minutes: 'none',
  minutesDraftedOn: null,
  approval: null,
  minutesPublishedOn: null,
  corrections: [],
});
