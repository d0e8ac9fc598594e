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

/** One meeting of a board, from scheduling to published minutes; plain data. */
/** What the meeting decider knows of one meeting, folded from its events. */
export interface Meeting {
  readonly stage: MeetingStage;
  readonly bodyId: string | null;
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
