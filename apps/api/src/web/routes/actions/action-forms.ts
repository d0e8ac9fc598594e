import { ActionChange } from '#application/changes/action-changes';
import { isRagStatus, RagStatus } from '#domain/action/rag-status';
import { FieldError } from '../../page';
import { typedDate } from '../../time/as-at';

/** What an officer records on an action they lead, each its own form on the update page. */
export const OFFICER_FORMS = ['status', 'progress', 'complete'] as const;
/** What only secretaries and admins change. */
export const SECRETARY_FORMS = ['due-date', 'lead', 'cancel'] as const;
export type ActionForm = (typeof OFFICER_FORMS)[number] | (typeof SECRETARY_FORMS)[number];

/** Every field of every form: each has its own name, as the forms share one page. */
export const FORM_FIELDS = [
  'status',
  'commentary',
  'effectiveDate',
  'note',
  'reportedOn',
  'completion',
  'completedOn',
  'dueDate',
  'dueReason',
  'lead',
  'otherLead',
  'leadReason',
  'cancelReason',
  'version',
] as const;

export const SAVED: Record<ActionForm, string> = {
  status: 'the status is recorded.',
  progress: 'the progress update is recorded.',
  complete: 'the action is recorded as complete.',
  'due-date': 'the due date is changed.',
  lead: 'the lead is changed.',
  cancel: 'the action is cancelled.',
};

/** The form field a domain rule's field is shown beside, on each form. */
export function fieldOf(form: ActionForm, field: string | undefined): string {
  if (field === 'reason')
    return form === 'due-date' ? 'dueReason' : form === 'lead' ? 'leadReason' : 'cancelReason';
  if (field === 'commentary' && form === 'complete') return 'completion';
  const fields: Record<string, string> = { effectiveOn: 'effectiveDate', leadOfficers: 'lead' };
  return fields[field ?? ''] ?? field ?? 'status';
}

/** The change a form asks for, or what is missing or wrong in it. */
export function changeOf(
  form: ActionForm,
  values: Record<string, string>,
): { change: ActionChange | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const required = (field: string, text: string) => {
    if (!values[field]) errors.push({ field, text });
    return values[field];
  };
  const date = (field: string) => {
    const parsed = typedDate(values[field]);
    if (parsed === null) errors.push({ field, text: 'Write the date like 30/9/2017' });
    return parsed || undefined;
  };
  const change = ((): ActionChange => {
    switch (form) {
      case 'status':
        if (!isRagStatus(values.status) || values.status === 'BLUE')
          errors.push({ field: 'status', text: 'Select the status' });
        return {
          type: 'SetStatus',
          status: values.status as Exclude<RagStatus, 'BLUE'>,
          commentary: required('commentary', 'Say how the action is going'),
          effectiveOn: date('effectiveDate'),
        };
      case 'progress':
        return {
          type: 'RecordProgress',
          note: required('note', 'Write the update'),
          reportedOn: date('reportedOn'),
        };
      case 'complete':
        return {
          type: 'Complete',
          commentary: required('completion', 'Say what was delivered'),
          completedOn: date('completedOn'),
        };
      case 'due-date':
        return {
          type: 'ChangeDueDate',
          dueDate: required('dueDate', 'Enter the new due date, as the plan writes it'),
          reason: required('dueReason', 'Say why the due date changes'),
        };
      case 'lead': {
        const leadOfficers = [values.lead, values.otherLead].filter(Boolean);
        if (leadOfficers.length === 0)
          errors.push({ field: 'lead', text: 'Choose the new lead, or write one' });
        return {
          type: 'ReassignLead',
          leadOfficers,
          reason: required('leadReason', 'Say why the lead changes'),
        };
      }
      case 'cancel':
        return { type: 'Cancel', reason: required('cancelReason', 'Say why the action is cancelled') };
    }
  })();
  return errors.length > 0 ? { change: null, errors } : { change, errors };
}
