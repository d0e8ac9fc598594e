import { IsoDate } from '../shared/event';
import {
  AgendaItem,
  ApprovedMinutesCorrected,
  AttendanceRecorded,
  BoardActionRaised,
  BoardDecisionRequested,
  InterestDeclared,
  ItemOutcomeRecorded,
  MeetingAccess,
} from './meeting.events';

export type MeetingStage = 'none' | 'scheduled' | 'cancelled' | 'held';
export type MinutesStage = 'none' | 'drafted' | 'approved' | 'published';

export interface MeetingItem extends AgendaItem {
  readonly withdrawn: { readonly reason: string } | null;
  readonly minuteNumber: number | null;
  readonly outcome: ItemOutcomeRecorded['data'] | null;
  readonly actions: readonly BoardActionRaised['data'][];
  readonly decisions: readonly BoardDecisionRequested['data'][];
}

/** A declaration as the record keeps it; `withdrawn` is absent from those never withdrawn. */
export type Declaration = InterestDeclared['data'] & { readonly withdrawn?: { readonly reason: string } };

/**
 * One meeting of a board as its read model stores it and the API shows it, from scheduling to
 * published minutes. Declared field by field, apart from the decider's state: what the decider
 * keeps for itself (its body, and whatever it may need later) is never stored or shown.
 */
export interface MeetingDocument {
  readonly stage: MeetingStage;
  readonly boardId: string;
  readonly date: IsoDate;
  readonly time: string | null;
  readonly place: string;
  readonly access: MeetingAccess;
  /** Planned from the board's cadence and not yet confirmed: no agenda is issued for it. */
  readonly provisional: boolean;
  /** In agenda order. */
  readonly items: readonly MeetingItem[];
  readonly agendaIssuedOn: IsoDate | null;
  readonly attendance: AttendanceRecorded['data'] | null;
  readonly declarations: readonly Declaration[];
  readonly held: {
    readonly heldOn: IsoDate;
    readonly startTime: string | null;
    readonly endTime: string | null;
  } | null;
  readonly cancellation: { readonly reason: string } | null;
  readonly minutes: MinutesStage;
  readonly minutesDraftedOn: IsoDate | null;
  readonly approval: {
    readonly approvedAtMeetingId: string;
    readonly minuteNumber: number;
    readonly approvedOn: IsoDate;
  } | null;
  readonly minutesPublishedOn: IsoDate | null;
  /** Corrections of the approved minutes, each by a resolution of a later meeting, in order. */
  readonly corrections: readonly ApprovedMinutesCorrected['data'][];
}

/** The document of a meeting, picked from its state field by field. */
export const meetingDocumentOf = (meeting: MeetingDocument): MeetingDocument => ({
  stage: meeting.stage,
  boardId: meeting.boardId,
  date: meeting.date,
  time: meeting.time,
  place: meeting.place,
  access: meeting.access,
  provisional: meeting.provisional,
  items: meeting.items,
  agendaIssuedOn: meeting.agendaIssuedOn,
  attendance: meeting.attendance,
  declarations: meeting.declarations,
  held: meeting.held,
  cancellation: meeting.cancellation,
  minutes: meeting.minutes,
  minutesDraftedOn: meeting.minutesDraftedOn,
  approval: meeting.approval,
  minutesPublishedOn: meeting.minutesPublishedOn,
  corrections: meeting.corrections,
});
