import { ActionEvent } from '../../../domain/src/action/action.events';
import { BodyEvent } from '../../../domain/src/body/body.decider';

type KnownEvent = ActionEvent | BodyEvent;

/** One line a person reads in the audit trail: what happened, in the domain's words. */
export function describeEvent(type: string, data: unknown): string {
  const event = { type, data } as KnownEvent;
  switch (event.type) {
    case 'ActionCreated':
      return `Action ${event.data.ref} added to ${event.data.plan}, due ${event.data.dueDate.written}`;
    case 'ActionStatusSet':
      return `Status set to ${event.data.status} as at ${event.data.effectiveOn}`;
    case 'ActionProgressRecorded':
      return `Progress recorded for ${event.data.reportedOn}`;
    case 'ActionDueDateChanged':
      return `Due date changed from ${event.data.previousDueDate.written} to ${event.data.dueDate.written}`;
    case 'ActionLeadReassigned':
      return `Lead reassigned from ${event.data.previousLeadOfficers.join(', ')} to ${event.data.leadOfficers.join(', ')}`;
    case 'ActionCompleted':
      return `Completed on ${event.data.completedOn}`;
    case 'ActionClosed':
      return `Closed on ${event.data.closedOn}`;
    case 'ActionReopened':
      return `Reopened on ${event.data.reopenedOn} at ${event.data.status}`;
    case 'ActionCancelled':
      return `Cancelled on ${event.data.cancelledOn}`;
    case 'ActionEntryCorrected':
      return `Corrected ${event.data.correctsEventType === 'ActionStatusSet' ? 'status' : 'progress'} entry ${event.data.correctsEventId}`;
    case 'BodyRegistered':
      return `Body ${event.data.name} registered`;
    case 'BodySettingsChanged':
      return 'Body settings changed';
    default:
      return type;
  }
}

/** Why, when the event says: a reason, else the commentary or note that came with it. */
export function reasonOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { reason, commentary, note } = data as { reason?: unknown; commentary?: unknown; note?: unknown };
  const why = reason ?? commentary ?? note;
  return typeof why === 'string' ? why : null;
}
