import { allTypesOf } from '../shared/event-types';
import { DomainEvent, IsoDate } from '../shared/event';
import { DueDate } from './due-date';
import { RagStatus } from './rag-status';

/**
 * v2 says which leads are people of the directory: `leadPersonIds[i]` is the person
 * `leadOfficers[i]` names, or null for a lead kept as the plan writes it. v1 reads back with no one
 * identified (see action.upcasters.ts).
 */
export type ActionCreated = DomainEvent<
  'ActionCreated',
  2,
  {
    bodyId: string;
    ref: string;
    plan: string;
    theme: string | null;
    title: string;
    leadOfficers: string[];
    leadPersonIds: (string | null)[];
    deliverable: string | null;
    objective: string | null;
    dueDate: DueDate;
    createdOn: IsoDate; // the day the action joined the plan ("New" mid-plan actions)
  }
>;

/**
 * The action came from an exempt agenda item (Local Government Act 1972, Schedule 12A): its
 * paragraph goes with it, so no public output shows what the action is.
 */
export type ActionMarkedExempt = DomainEvent<'ActionMarkedExempt', 1, { category: number; reason: string }>;

/**
 * v2 names the reporting quarter the status is for ("Q2 2026/27", from `effectiveOn` and the
 * body's first month of the year); statuses stored as v1 read back with `reportingPeriod: null`,
 * because the year the body counted then is not in the event (see action.upcasters.ts).
 */
export type ActionStatusSet = DomainEvent<
  'ActionStatusSet',
  2,
  {
    status: Exclude<RagStatus, 'BLUE'>;
    commentary: string;
    effectiveOn: IsoDate;
    reportingPeriod: string | null;
  }
>;

export type ActionProgressRecorded = DomainEvent<
  'ActionProgressRecorded',
  1,
  { note: string; reportedOn: IsoDate }
>;

export type ActionDueDateChanged = DomainEvent<
  'ActionDueDateChanged',
  1,
  { dueDate: DueDate; previousDueDate: DueDate; reason: string }
>;

/** v2, like ActionCreated v2, names the people of the directory among the new leads. */
export type ActionLeadReassigned = DomainEvent<
  'ActionLeadReassigned',
  2,
  {
    leadOfficers: string[];
    leadPersonIds: (string | null)[];
    previousLeadOfficers: string[];
    reason: string;
  }
>;

/** Completion is the BLUE status of BRAG: the RAG history reads it as such. */
export type ActionCompleted = DomainEvent<'ActionCompleted', 1, { commentary: string; completedOn: IsoDate }>;

export type ActionClosed = DomainEvent<'ActionClosed', 1, { commentary: string; closedOn: IsoDate }>;

/** Reopening resumes the status the action had before it was completed or cancelled. */
export type ActionReopened = DomainEvent<
  'ActionReopened',
  1,
  { reason: string; reopenedOn: IsoDate; status: Exclude<RagStatus, 'BLUE'> }
>;

export type ActionCancelled = DomainEvent<'ActionCancelled', 1, { reason: string; cancelledOn: IsoDate }>;

/** A mistake in an earlier status or progress entry, put right; the original stays in the history. */
export type ActionEntryCorrected = DomainEvent<
  'ActionEntryCorrected',
  1,
  {
    correctsEventId: string;
    correctsEventType: 'ActionStatusSet' | 'ActionProgressRecorded';
    reason: string;
    status?: Exclude<RagStatus, 'BLUE'>;
    commentary?: string;
    effectiveOn?: IsoDate;
    note?: string;
    reportedOn?: IsoDate;
  }
>;

export type ActionEvent =
  | ActionCreated
  | ActionMarkedExempt
  | ActionStatusSet
  | ActionProgressRecorded
  | ActionDueDateChanged
  | ActionLeadReassigned
  | ActionCompleted
  | ActionClosed
  | ActionReopened
  | ActionCancelled
  | ActionEntryCorrected;

export type ActionEventType = ActionEvent['type'];

export const ACTION_EVENT_TYPES = allTypesOf<ActionEventType>()([
  'ActionCreated',
  'ActionMarkedExempt',
  'ActionStatusSet',
  'ActionProgressRecorded',
  'ActionDueDateChanged',
  'ActionLeadReassigned',
  'ActionCompleted',
  'ActionClosed',
  'ActionReopened',
  'ActionCancelled',
  'ActionEntryCorrected',
]);

/** The date an action event applies on (as opposed to when it was recorded). */
export function effectiveDateOf(event: ActionEvent): IsoDate | undefined {
  switch (event.type) {
    case 'ActionCreated':
      return event.data.createdOn;
    case 'ActionStatusSet':
      return event.data.effectiveOn;
    case 'ActionProgressRecorded':
      return event.data.reportedOn;
    case 'ActionCompleted':
      return event.data.completedOn;
    case 'ActionClosed':
      return event.data.closedOn;
    case 'ActionReopened':
      return event.data.reopenedOn;
    case 'ActionCancelled':
      return event.data.cancelledOn;
    case 'ActionEntryCorrected':
      return event.data.effectiveOn ?? event.data.reportedOn;
    default:
      return undefined;
  }
}
