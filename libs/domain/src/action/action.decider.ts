import { DomainError } from '../shared/domain-error';
import { requiredText } from '../shared/required-text';
import { Decider, IsoDate, StoredDomainEvent } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';
import { unknownEventType } from '../shared/upcasting';
import { correctEntry } from './action-correction';
import { ActionCommand } from './action.commands';
import { ActionEvent } from './action.events';
import { DueDate, parseDueDate } from './due-date';
import { RagStatus } from './rag-status';
import { reportingQuarterOf } from './reporting-period';
import { Action, ActionLifecycle, initialAction } from './action.state';

export function decideAction(command: ActionCommand, state: Action): ActionEvent[] {
  if (command.type === 'CreateAction') return create(command, state);
  if (!state.exists) throw new DomainError('ACTION_NOT_FOUND', 'No such action.', 'not_found');

  switch (command.type) {
    case 'SetStatus': {
      requireLifecycle(state, ['open'], 'set its status');
      if (command.status === 'BLUE') {
        throw new DomainError(
          'BLUE_MEANS_COMPLETED',
          `status BLUE means completed; record completion with POST /actions/{id}/complete instead`,
          'invalid',
          'status',
        );
      }
      const effectiveOn = notAfterToday(command.effectiveOn ?? command.today, command.today, 'effectiveDate');
      return [
        {
          type: 'ActionStatusSet',
          schemaVersion: 2,
          data: {
            status: command.status,
            commentary: requiredText(command.commentary, 'commentary'),
            effectiveOn,
            reportingPeriod: reportingQuarterOf(effectiveOn, command.yearStartMonth),
          },
        },
      ];
    }
    case 'RecordProgress':
      requireLifecycle(state, ['open', 'completed'], 'record progress');
      return [
        {
          type: 'ActionProgressRecorded',
          schemaVersion: 1,
          data: {
            note: requiredText(command.note, 'note'),
            reportedOn: notAfterToday(command.reportedOn ?? command.today, command.today, 'reportedOn'),
          },
        },
      ];
    case 'ChangeDueDate': {
      requireLifecycle(state, ['open'], 'change its due date');
      const dueDate = parseDueDate(command.dueDate, command.yearStartMonth);
      const previousDueDate = state.dueDate as DueDate;
      if (dueDate.written === previousDueDate.written) {
        throw new DomainError(
          'DUE_DATE_UNCHANGED',
          `dueDate is already "${dueDate.written}"`,
          'invalid',
          'dueDate',
        );
      }
      return [
        {
          type: 'ActionDueDateChanged',
          schemaVersion: 1,
          data: { dueDate, previousDueDate, reason: requiredText(command.reason, 'reason') },
        },
      ];
    }
    case 'ReassignLead': {
      requireLifecycle(state, ['open'], 'reassign its lead');
      const { leadOfficers, leadPersonIds } = leadsIn(command);
      if (leadOfficers.length === 0)
        throw new DomainError('REQUIRED', 'leadOfficers needs at least one name', 'invalid', 'leadOfficers');
      if (sameMembers(leadOfficers, state.leadOfficers) && sameMembers(leadPersonIds, state.leadPersonIds)) {
        throw new DomainError(
          'LEAD_UNCHANGED',
          `leadOfficers already are ${leadOfficers.join(', ')}`,
          'invalid',
          'leadOfficers',
        );
      }
      return [
        {
          type: 'ActionLeadReassigned',
          schemaVersion: 2,
          data: {
            leadOfficers,
            leadPersonIds,
            previousLeadOfficers: state.leadOfficers,
            reason: requiredText(command.reason, 'reason'),
          },
        },
      ];
    }
    case 'Complete':
      requireLifecycle(state, ['open'], 'complete it');
      return [
        {
          type: 'ActionCompleted',
          schemaVersion: 1,
          data: {
            commentary: requiredText(command.commentary, 'commentary'),
            completedOn: notAfterToday(command.completedOn ?? command.today, command.today, 'completedOn'),
          },
        },
      ];
    case 'Close':
      if (state.lifecycle === 'open') {
        throw new DomainError(
          'ACTION_NOT_COMPLETED',
          `Action ${state.ref} is still open; complete or cancel it before closing it.`,
          'conflict',
        );
      }
      requireLifecycle(state, ['completed', 'cancelled'], 'close it');
      return [
        {
          type: 'ActionClosed',
          schemaVersion: 1,
          data: {
            commentary: requiredText(command.commentary, 'commentary'),
            closedOn: notAfterToday(command.closedOn ?? command.today, command.today, 'closedOn'),
          },
        },
      ];
    case 'Reopen':
      if (state.lifecycle === 'open') {
        throw new DomainError('ACTION_ALREADY_OPEN', `Action ${state.ref} is already open.`, 'conflict');
      }
      if ((command.status as RagStatus | undefined) === 'BLUE') {
        throw new DomainError(
          'BLUE_MEANS_COMPLETED',
          'a reopened action cannot be BLUE (completed)',
          'invalid',
          'status',
        );
      }
      return [
        {
          type: 'ActionReopened',
          schemaVersion: 1,
          data: {
            reason: requiredText(command.reason, 'reason'),
            reopenedOn: notAfterToday(command.reopenedOn ?? command.today, command.today, 'reopenedOn'),
            status: command.status ?? state.lastReportedStatus ?? 'WHITE',
          },
        },
      ];
    case 'Cancel':
      requireLifecycle(state, ['open'], 'cancel it');
      return [
        {
          type: 'ActionCancelled',
          schemaVersion: 1,
          data: {
            reason: requiredText(command.reason, 'reason'),
            cancelledOn: notAfterToday(command.cancelledOn ?? command.today, command.today, 'cancelledOn'),
          },
        },
      ];
    case 'CorrectEntry':
      return [correctEntry(command, state)];
  }
}

function create(command: Extract<ActionCommand, { type: 'CreateAction' }>, state: Action): ActionEvent[] {
  if (state.exists) {
    throw new DomainError(
      'ACTION_REF_TAKEN',
      `ref "${state.ref}" already exists in plan "${state.plan}"`,
      'conflict',
      'ref',
    );
  }
  return [
    {
      type: 'ActionCreated',
      schemaVersion: 2,
      data: {
        bodyId: command.bodyId,
        ref: requiredText(command.ref, 'ref'),
        plan: requiredText(command.plan, 'plan'),
        theme: optional(command.theme),
        title: requiredText(command.title, 'title'),
        // No lead yet is allowed (real plans have them): the action is unassigned until reassigned.
        ...leadsIn(command),
        deliverable: optional(command.deliverable),
        objective: optional(command.objective),
        dueDate: parseDueDate(command.dueDate, command.yearStartMonth),
        createdOn: requireIsoDate(command.createdOn ?? command.today, 'createdOn'),
      },
    },
    ...(command.exemption
      ? [
          {
            type: 'ActionMarkedExempt' as const,
            schemaVersion: 1 as const,
            data: {
              category: scheduleParagraph(command.exemption.category),
              reason: requiredText(command.exemption.reason, 'exemption.reason'),
            },
          },
        ]
      : []),
  ];
}

function scheduleParagraph(category: number): number {
  if (Number.isInteger(category) && category >= 1 && category <= 7) return category;
  throw new DomainError(
    'NOT_A_PARAGRAPH',
    `exemption category ${category} is not a paragraph of Schedule 12A; use 1-7`,
    'invalid',
    'exemption.category',
  );
}

export function evolveAction(state: Action, event: StoredDomainEvent<ActionEvent>): Action {
  switch (event.type) {
    case 'ActionCreated':
      return { ...state, exists: true, ...event.data };
    case 'ActionMarkedExempt':
      return { ...state, exemption: event.data };
    case 'ActionStatusSet':
      return {
        ...state,
        status: event.data.status,
        lastReportedStatus: event.data.status,
        latestStatusEventId: event.id,
        correctable: new Map(state.correctable).set(event.id, 'ActionStatusSet'),
      };
    case 'ActionProgressRecorded':
      return { ...state, correctable: new Map(state.correctable).set(event.id, 'ActionProgressRecorded') };
    case 'ActionDueDateChanged':
      return { ...state, dueDate: event.data.dueDate };
    case 'ActionLeadReassigned':
      return { ...state, leadOfficers: event.data.leadOfficers, leadPersonIds: event.data.leadPersonIds };
    case 'ActionCompleted':
      return { ...state, lifecycle: 'completed', status: 'BLUE' };
    case 'ActionClosed':
      return { ...state, lifecycle: 'closed' };
    case 'ActionReopened':
      // The reopening is now the entry the status comes from (as in the register): correcting an
      // entry made before it no longer changes the current status.
      return {
        ...state,
        lifecycle: 'open',
        status: event.data.status,
        lastReportedStatus: event.data.status,
        latestStatusEventId: event.id,
      };
    case 'ActionCancelled':
      return { ...state, lifecycle: 'cancelled' };
    case 'ActionEntryCorrected': {
      const correctsLatestStatus =
        event.data.status !== undefined &&
        event.data.correctsEventId === state.latestStatusEventId &&
        state.lifecycle === 'open';
      return correctsLatestStatus
        ? { ...state, status: event.data.status ?? null, lastReportedStatus: event.data.status ?? null }
        : state;
    }
    default:
      return unknownEventType(event);
  }
}

export const actionDecider: Decider<ActionCommand, ActionEvent, Action> = {
  initialState: initialAction,
  decide: decideAction,
  evolve: evolveAction,
};

function requireLifecycle(state: Action, allowed: ActionLifecycle[], doing: string): void {
  if (allowed.includes(state.lifecycle)) return;
  const hint = state.lifecycle === 'open' ? '' : '; reopen it first';
  throw new DomainError(
    `ACTION_${state.lifecycle.toUpperCase()}`,
    `Action ${state.ref} is ${state.lifecycle}: cannot ${doing}${hint}.`,
    'conflict',
  );
}

function optional(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** The leads named, each once, with the person each is (null for one kept as written). */
function leadsIn(command: { leadOfficers: readonly string[]; leadPersonIds?: readonly (string | null)[] }) {
  const leadOfficers: string[] = [];
  const leadPersonIds: (string | null)[] = [];
  command.leadOfficers.forEach((written, index) => {
    const name = written.trim();
    if (name === '' || leadOfficers.includes(name)) return;
    leadOfficers.push(name);
    leadPersonIds.push(command.leadPersonIds?.[index] ?? null);
  });
  return { leadOfficers, leadPersonIds };
}

function sameMembers<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function notAfterToday(date: IsoDate, today: IsoDate, field: string): IsoDate {
  requireIsoDate(date, field);
  if (date > today)
    throw new DomainError('DATE_IN_FUTURE', `${field} ${date} is after today (${today})`, 'invalid', field);
  return date;
}
