import { MeetingDocument } from '#domain/meeting/meeting.document';

/** A meeting as the public may see it: when and where, and its agenda once issued, exempt items by paragraph only. */
export interface PublicMeeting {
  readonly id: string;
  readonly date: string;
  readonly time: string | null;
  readonly place: string;
  readonly access: 'public' | 'private';
  readonly status: 'scheduled' | 'cancelled' | 'held';
  readonly agendaIssuedOn: string | null;
  readonly agenda: readonly {
    readonly item: number;
    readonly title: string;
    readonly reportAuthor: string | null;
    readonly exempt: boolean;
  }[];
  readonly minutesPublished: boolean;
}

export function publicMeetingOf(id: string, meeting: MeetingDocument): PublicMeeting {
  // A private meeting's business is not published; nor is an agenda before it is issued.
  const agendaPublic = meeting.access === 'public' && meeting.agendaIssuedOn !== null;
  const items = agendaPublic ? meeting.items.filter((item) => !item.withdrawn) : [];
  return {
    id,
    date: meeting.date,
    time: meeting.time,
    place: meeting.place,
    access: meeting.access,
    status: meeting.stage === 'none' ? 'scheduled' : meeting.stage,
    agendaIssuedOn: agendaPublic ? meeting.agendaIssuedOn : null,
    agenda: items.map((item, i) => ({
      item: i + 1,
      title: item.exemption
        ? `Exempt item (Local Government Act 1972, Schedule 12A, paragraph ${item.exemption.category})`
        : item.title,
      reportAuthor: item.exemption ? null : item.reportAuthor,
      exempt: item.exemption !== null,
    })),
    minutesPublished: meeting.access === 'public' && meeting.minutes === 'published',
  };
}
