import { SqlQueryable } from '../../../database/src/sql-database';
import { ActionCommand } from '../../../domain/src/action/action.commands';
import { Action } from '../../../domain/src/action/action.state';
import { DEFAULT_BODY_SETTINGS } from '../../../domain/src/body/body-settings';
import { IsoDate } from '../../../domain/src/shared/event';
import { findBody } from '../../../projections/src/bodies/bodies.queries';

type ChangeCommand = Exclude<ActionCommand, { type: 'CreateAction' }>;
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

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
      return { ...change, yearStartMonth: await yearStartMonthOf(db, action.bodyId), today };
    case 'ChangeDueDate':
      return { ...change, yearStartMonth: await yearStartMonthOf(db, action.bodyId) };
    case 'ReassignLead':
    case 'CorrectEntry':
      return change;
    default:
      return { ...change, today };
  }
}

async function yearStartMonthOf(db: SqlQueryable, bodyId: string): Promise<number> {
  return ((await findBody(db, bodyId))?.settings ?? DEFAULT_BODY_SETTINGS).yearStartMonth;
}
