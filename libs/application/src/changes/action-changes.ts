import { SqlQueryable } from '#database/sql-database';
import { ActionCommand } from '#domain/action/action.commands';
import { Action } from '#domain/action/action.state';
import { DEFAULT_BODY_SETTINGS } from '#domain/body/body-settings';
import { localDateOf } from '#domain/shared/time-zone';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { OmitEach } from './omit-each';

type ChangeCommand = Exclude<ActionCommand, { type: 'CreateAction' }>;

/** A change to an existing action as a request states it; `today` and the body's year are the engine's. */
export type ActionChange = OmitEach<ChangeCommand, 'today' | 'yearStartMonth'>;

/**
 * Fills in what the engine knows and the request does not: today on the body's calendar, the
 * body's first month of the year. The body's settings are read once, for both.
 */
export async function completeActionChange(
  db: SqlQueryable,
  change: ActionChange,
  action: Action,
  at: Date,
): Promise<ActionCommand> {
  // An action that does not exist is refused by the decider; it has no body to ask.
  const settings = action.exists ? await bodySettingsOf(db, action.bodyId) : DEFAULT_BODY_SETTINGS;
  const today = localDateOf(at, settings.timeZone);
  switch (change.type) {
    case 'SetStatus':
      return { ...change, yearStartMonth: settings.yearStartMonth, today };
    case 'ChangeDueDate':
      return { ...change, yearStartMonth: settings.yearStartMonth };
    case 'ReassignLead':
    case 'CorrectEntry':
      return change;
    default:
      return { ...change, today };
  }
}
