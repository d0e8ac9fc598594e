import { ActionEvent } from '#domain/action/action.events';
import { ActionLifecycle } from '#domain/action/action.state';
import { DueDatePrecision } from '#domain/action/due-date';
import { RagStatus } from '#domain/action/rag-status';
import { RecordedEvent } from '#event-store/port';

/** One row of `action_register`, named as its columns. */
export interface RegisterRow {
  action_id: string;
  body_id: string;
  ref: string;
  plan: string;
  theme: string | null;
  title: string;
  lead_officers: string[];
  lead_person_ids: (string | null)[];
  deliverable: string | null;
  objective: string | null;
  due_written: string;
  due_date: string | null;
  due_precision: DueDatePrecision;
  status: RagStatus | null;
  status_event_id: string | null;
  status_commentary: string | null;
  status_effective_on: string | null;
  lifecycle: ActionLifecycle;
  created_on: string;
  last_progress_note: string | null;
  last_progress_on: string | null;
  last_progress_event_id: string | null;
  exempt_category: number | null;
  exempt_reason: string | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/**
 * Folds one event into its action's row: a new row at the action's creation, else the row held
 * changed in place (the rows belong to the batch folding them, and copying every column at every
 * event showed in a catch-up's profile). Answers the row changed, or null when the event changes
 * nothing: a creation of an action already in the register (a replayed event), or a change to an
 * action not in it, which is dropped, as the register always did.
 */
export function foldIntoRow(
  row: RegisterRow | undefined,
  recorded: RecordedEvent,
  actionId: string,
): RegisterRow | null {
  const event = recorded as unknown as RecordedEvent & ActionEvent;
  const at = recorded.metadata.recordedAt;
  if (event.type === 'ActionCreated') {
    if (row) return null;
    const d = event.data;
    return {
      action_id: actionId,
      body_id: d.bodyId,
      ref: d.ref,
      plan: d.plan,
      theme: d.theme,
      title: d.title,
      lead_officers: d.leadOfficers,
      lead_person_ids: d.leadPersonIds,
      deliverable: d.deliverable,
      objective: d.objective,
      due_written: d.dueDate.written,
      due_date: d.dueDate.date,
      due_precision: d.dueDate.precision,
      status: null,
      status_event_id: null,
      status_commentary: null,
      status_effective_on: null,
      lifecycle: 'open',
      created_on: d.createdOn,
      last_progress_note: null,
      last_progress_on: null,
      last_progress_event_id: null,
      exempt_category: null,
      exempt_reason: null,
      version: recorded.revision + 1,
      created_at: at,
      updated_at: at,
    };
  }
  if (!row) return null;
  change(row, event, recorded.id);
  row.version = recorded.revision + 1;
  row.updated_at = at;
  return row;
}

function change(row: RegisterRow, event: ActionEvent, eventId: string): void {
  switch (event.type) {
    case 'ActionCreated':
      return;
    case 'ActionMarkedExempt':
      row.exempt_category = event.data.category;
      row.exempt_reason = event.data.reason;
      return;
    case 'ActionStatusSet':
      return setStatus(row, event.data.status, eventId, event.data.commentary, event.data.effectiveOn);
    case 'ActionProgressRecorded':
      row.last_progress_note = event.data.note;
      row.last_progress_on = event.data.reportedOn;
      row.last_progress_event_id = eventId;
      return;
    case 'ActionDueDateChanged':
      row.due_written = event.data.dueDate.written;
      row.due_date = event.data.dueDate.date;
      row.due_precision = event.data.dueDate.precision;
      return;
    case 'ActionLeadReassigned':
      row.lead_officers = event.data.leadOfficers;
      row.lead_person_ids = event.data.leadPersonIds;
      return;
    case 'ActionCompleted':
      row.lifecycle = 'completed';
      return setStatus(row, 'BLUE', eventId, event.data.commentary, event.data.completedOn);
    case 'ActionClosed':
      row.lifecycle = 'closed';
      return;
    case 'ActionReopened':
      row.lifecycle = 'open';
      return setStatus(row, event.data.status, eventId, event.data.reason, event.data.reopenedOn);
    case 'ActionCancelled':
      row.lifecycle = 'cancelled';
      return;
    case 'ActionEntryCorrected': {
      // A correction of the entry the current status or last progress came from changes it too.
      const d = event.data;
      if (row.status_event_id === d.correctsEventId) {
        row.status = d.status ?? row.status;
        row.status_commentary = d.commentary ?? row.status_commentary;
        row.status_effective_on = d.effectiveOn ?? row.status_effective_on;
      }
      if (row.last_progress_event_id === d.correctsEventId) {
        row.last_progress_note = d.note ?? row.last_progress_note;
        row.last_progress_on = d.reportedOn ?? row.last_progress_on;
      }
      return;
    }
  }
}

function setStatus(
  row: RegisterRow,
  value: RagStatus,
  eventId: string,
  commentary: string,
  effectiveOn: string,
): void {
  row.status = value;
  row.status_event_id = eventId;
  row.status_commentary = commentary;
  row.status_effective_on = effectiveOn;
}
