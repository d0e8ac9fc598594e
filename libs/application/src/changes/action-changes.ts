import { SqlQueryable } from '#database/sql-database';
import { ActionCommand } from '#domain/action/action.commands';
import { Action } from '#domain/action/action.state';
import { IsoDate } from '#domain/shared/event';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { OmitEach } from './omit-each';

type ChangeCommand = Exclude<ActionCommand, { type: 'CreateAction' }>;

/** A change to an existing action as a request states it; `today` and the body's year are the engine's. */
export type ActionChange = OmitEach<ChangeCommand, 'today' | 'yearStartMonth'>;

/** Fills in what the engine knows and the request does not: today's date, the body's first month of the year. */
export async function completeActionChange(
  db: SqlQueryable,
  change: ActionChange,
  action: Action,
  today: IsoDate,
): Promise<ActionCommand> {
  switch (change.type) {
    case 'SetStatus':
      return { ...change, yearStartMonth: (await bodySettingsOf(db, action.bodyId)).yearStartMonth, today };
    case 'ChangeDueDate':
      return { ...change, yearStartMonth: (await bodySettingsOf(db, action.bodyId)).yearStartMonth };
    case 'ReassignLead':
    case 'CorrectEntry':
      return change;
    default:
      return { ...change, today };
  }
}
