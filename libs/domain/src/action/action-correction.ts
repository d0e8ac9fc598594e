import { DomainError } from '../shared/domain-error';
import { requireIsoDate } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { ActionCommand } from './action.commands';
import { ActionEntryCorrected } from './action.events';
import { CorrectableEntry } from './action.state';

/** What a correction needs to know of the action: its ref, and which entries it may name. */
export interface CorrectableAction {
  readonly ref: string;
  readonly correctable: ReadonlyMap<string, CorrectableEntry>;
}

/** A mistake in an earlier status or progress entry, put right with the fields that entry has. */
export function correctEntry(
  command: Extract<ActionCommand, { type: 'CorrectEntry' }>,
  state: CorrectableAction,
): ActionEntryCorrected {
  const correctsEventType = state.correctable.get(command.correctsEventId);
  if (!correctsEventType) {
    throw new DomainError(
      'NOT_CORRECTABLE',
      `correctsEventId ${command.correctsEventId} is not a status or progress entry of action ${state.ref}`,
      'invalid',
      'correctsEventId',
    );
  }
  const reason = requiredText(command.reason, 'reason');
  if (correctsEventType === 'ActionStatusSet') {
    if (command.note !== undefined || command.reportedOn !== undefined) {
      throw new DomainError(
        'WRONG_CORRECTION',
        'a status entry is corrected with status, commentary or effectiveDate',
        'invalid',
        'note',
      );
    }
    if (command.status === 'BLUE') {
      throw new DomainError(
        'BLUE_MEANS_COMPLETED',
        'a status entry cannot be corrected to BLUE (completed)',
        'invalid',
        'status',
      );
    }
    if (
      command.status === undefined &&
      command.commentary === undefined &&
      command.effectiveOn === undefined
    ) {
      throw new DomainError(
        'EMPTY_CORRECTION',
        'give at least one of status, commentary, effectiveDate',
        'invalid',
        'status',
      );
    }
    return {
      type: 'ActionEntryCorrected',
      schemaVersion: 1,
      data: {
        correctsEventId: command.correctsEventId,
        correctsEventType,
        reason,
        ...(command.status !== undefined && { status: command.status }),
        ...(command.commentary !== undefined && {
          commentary: requiredText(command.commentary, 'commentary'),
        }),
        ...(command.effectiveOn !== undefined && {
          effectiveOn: requireIsoDate(command.effectiveOn, 'effectiveDate'),
        }),
      },
    };
  }
  if (command.status !== undefined || command.commentary !== undefined || command.effectiveOn !== undefined) {
    throw new DomainError(
      'WRONG_CORRECTION',
      'a progress entry is corrected with note or reportedOn',
      'invalid',
      'status',
    );
  }
  if (command.note === undefined && command.reportedOn === undefined) {
    throw new DomainError('EMPTY_CORRECTION', 'give at least one of note, reportedOn', 'invalid', 'note');
  }
  return {
    type: 'ActionEntryCorrected',
    schemaVersion: 1,
    data: {
      correctsEventId: command.correctsEventId,
      correctsEventType,
      reason,
      ...(command.note !== undefined && { note: requiredText(command.note, 'note') }),
      ...(command.reportedOn !== undefined && {
        reportedOn: requireIsoDate(command.reportedOn, 'reportedOn'),
      }),
    },
  };
}
