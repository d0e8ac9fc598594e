import { allTypesOf } from '../shared/event-types';
import { DomainEvent, IsoDate } from '../shared/event';
import { Vote } from './vote';

export type MeetingAccess = 'public' | 'private';
export type ResponseForm = 'verbal' | 'written';

/** Schedule 12A paragraph and why: an exempt item's content never reaches a public output. */
export interface ItemExemption {
  readonly category: number;
  readonly reason: string;
}

export interface AgendaItem {
  readonly itemId: string;
  readonly title: string;
  readonly reportAuthor: string | null;
  /** The written questions the force must answer on this item. */
  readonly questions: readonly string[];
  readonly responseForm: ResponseForm | null;
  readonly linkedActionIds: readonly string[];
  readonly linkedDecisionIds: readonly string[];
  /** The schedule-of-assurance matter this item hears, if any. */
  readonly assuranceMatterId: string | null;
  readonly exemption: ItemExemption | null;
}

export interface ResolutionPart {
  /** (a), (b), ... when there are several parts; null for a single one. */
  readonly letter: string | null;
  readonly text: string;
}

export type ItemOutcome =
  | { readonly kind: 'noted'; readonly text: string }
  | { readonly kind: 'resolved'; readonly parts: readonly ResolutionPart[]; readonly vote: Vote | null }
  | { readonly kind: 'deferred'; readonly toMeetingId: string | null; readonly reason: string }
  | { readonly kind: 'action raised' }
  | { readonly kind: 'decision requested' };

/** v2: a meeting may be scheduled provisionally (a year planned from the board's cadence). */
export type MeetingScheduled = DomainEvent<
  'MeetingScheduled',
  2,
  {
    bodyId: string;
    boardId: string;
    date: IsoDate;
    time: string | null;
    place: string;
    access: MeetingAccess;
    provisional: boolean;
  }
>;
/** A provisional meeting confirmed: its agenda may now be issued. */
export type MeetingConfirmed = DomainEvent<'MeetingConfirmed', 1, { confirmedOn: IsoDate }>;
export type MeetingRescheduled = DomainEvent<
  'MeetingRescheduled',
  1,
  { date: IsoDate; time: string | null; place: string; reason: string }
>;
export type MeetingCancelled = DomainEvent<'MeetingCancelled', 1, { reason: string }>;
export type AgendaItemAdded = DomainEvent<'AgendaItemAdded', 1, AgendaItem>;
export type AgendaItemsReordered = DomainEvent<'AgendaItemsReordered', 1, { order: string[] }>;
export type AgendaItemWithdrawn = DomainEvent<'AgendaItemWithdrawn', 1, { itemId: string; reason: string }>;
export type AgendaIssued = DomainEvent<'AgendaIssued', 1, { issuedOn: IsoDate }>;
/**
 * Names as the minutes print them. v2 adds `people`: each of those names that is a person of the
 * directory, with the person's id (the attendance statistics count people, not spellings); v1 reads
 * back with no one identified (see meeting.upcasters.ts).
 */
export type AttendanceRecorded = DomainEvent<
  'AttendanceRecorded',
  2,
  {
    chair: string;
    present: string[];
    apologies: string[];
    inAttendance: string[];
    people: Record<string, string>;
  }
>;
/** v2 adds `memberPersonId`: the person of the directory who declared, or null if not one. */
export type InterestDeclared = DomainEvent<
  'InterestDeclared',
  2,
  { member: string; memberPersonId: string | null; itemId: string | null; nature: string }
>;
/** The meeting took place; its agenda is closed. */
export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  1,
  { heldOn: IsoDate; startTime: string | null; endTime: string | null }
>;
/** Its items' minute numbers, running on from the board's last (given by the board's sequence). */
export type MinuteNumbersAssigned = DomainEvent<
  'MinuteNumbersAssigned',
  1,
  { minuteNumbers: Record<string, number> }
>;
export type ItemOutcomeRecorded = DomainEvent<
  'ItemOutcomeRecorded',
  1,
  {
    itemId: string;
    minuteNumber: number;
    /** What the minutes say of the item before the outcome ("The Panel considered a report of ..."). */
    narrative: string[];
    /** "Arising from discussion, the following points were noted": */
    discussion: string[];
    outcome: ItemOutcome;
  }
>;
/**
 * A draft minute amended before approval: the outcome as it now reads, what it read before (so the
 * trail shows the change itself), and why. Actions and decisions it raised stay as raised.
 */
export type ItemOutcomeAmended = DomainEvent<
  'ItemOutcomeAmended',
  1,
  {
    itemId: string;
    minuteNumber: number;
    narrative: string[];
    discussion: string[];
    outcome: ItemOutcome;
    amends: { narrative: string[]; discussion: string[]; outcome: ItemOutcome };
    reason: string;
  }
>;
/** A declaration of interest withdrawn before approval (recorded in error), by its place in the record. */
export type InterestDeclarationWithdrawn = DomainEvent<
  'InterestDeclarationWithdrawn',
  1,
  { declaration: number; member: string; reason: string }
>;
/** An outcome raised an action: the action-raising process creates it in the register. */
export type BoardActionRaised = DomainEvent<
  'BoardActionRaised',
  1,
  {
    itemId: string;
    minuteNumber: number;
    part: string | null;
    ref: string;
    plan: string;
    title: string;
    owner: string;
    dueOn: IsoDate | null;
    /** Due on the date of the board's next meeting after this one. */
    dueAtNextMeeting: boolean;
  }
>;
/** An outcome asked for an executive decision: the process proposes it. */
/** v2 adds `decisionMakerPersonId`: the person of the directory who is to decide, or null. */
export type BoardDecisionRequested = DomainEvent<
  'BoardDecisionRequested',
  2,
  {
    itemId: string;
    minuteNumber: number;
    part: string | null;
    subject: string;
    decisionMaker: string;
    decisionMakerPersonId: string | null;
    expectedOn: IsoDate;
    keyDecision: boolean;
    significantPublicInterest: boolean;
  }
>;
export type MinutesDrafted = DomainEvent<'MinutesDrafted', 1, { draftedOn: IsoDate }>;
export type MinutesApproved = DomainEvent<
  'MinutesApproved',
  1,
  { approvedAtMeetingId: string; minuteNumber: number; approvedOn: IsoDate }
>;
export type MinutesPublished = DomainEvent<'MinutesPublished', 1, { publishedOn: IsoDate }>;
/**
 * Approved minutes are never changed: a later meeting resolves that they be corrected, and this
 * links that resolution (its meeting and minute) to the minutes it corrects, with what it says.
 */
export type ApprovedMinutesCorrected = DomainEvent<
  'ApprovedMinutesCorrected',
  1,
  {
    correctedAt: { meetingId: string; date: IsoDate };
    minuteNumber: number;
    correction: string;
    correctedOn: IsoDate;
  }
>;

export type MeetingEvent =
  | MeetingScheduled
  | MeetingConfirmed
  | MeetingRescheduled
  | MeetingCancelled
  | AgendaItemAdded
  | AgendaItemsReordered
  | AgendaItemWithdrawn
  | AgendaIssued
  | AttendanceRecorded
  | InterestDeclared
  | MeetingHeld
  | MinuteNumbersAssigned
  | ItemOutcomeRecorded
  | ItemOutcomeAmended
  | InterestDeclarationWithdrawn
  | BoardActionRaised
  | BoardDecisionRequested
  | MinutesDrafted
  | MinutesApproved
  | MinutesPublished
  | ApprovedMinutesCorrected;

/** A board's run of minute numbers given to one meeting (on the board's minute-number stream). */
export type MinuteNumbersAllocated = DomainEvent<
  'MinuteNumbersAllocated',
  1,
  { meetingId: string; first: number; count: number }
>;

export const MEETING_EVENT_TYPES = allTypesOf<MeetingEvent['type']>()([
  'MeetingScheduled',
  'MeetingConfirmed',
  'MeetingRescheduled',
  'MeetingCancelled',
  'AgendaItemAdded',
  'AgendaItemsReordered',
  'AgendaItemWithdrawn',
  'AgendaIssued',
  'AttendanceRecorded',
  'InterestDeclared',
  'MeetingHeld',
  'MinuteNumbersAssigned',
  'ItemOutcomeRecorded',
  'ItemOutcomeAmended',
  'InterestDeclarationWithdrawn',
  'BoardActionRaised',
  'BoardDecisionRequested',
  'MinutesDrafted',
  'MinutesApproved',
  'MinutesPublished',
  'ApprovedMinutesCorrected',
]);
