import { ActionCommand } from '#domain/action/action.commands';
import { BodyCalendar } from './body-today';
import { OmitEach } from './omit-each';

type ChangeCommand = Exclude<ActionCommand, { type: 'CreateAction' }>;

/** A change to an existing action as a request states it; `today` and the body's year are the engine's. */
export type ActionChange = OmitEach<ChangeCommand, 'today' | 'yearStartMonth'>;

/**
 * Fills in what the engine knows and the request does not: today on the body's calendar, the
 * body's first month of the year.
 */
export async function completeActionChange(
  change: ActionChange,
  calendar: BodyCalendar,
): Promise<ActionCommand> {
  switch (change.type) {
    case 'SetStatus': {
      const { yearStartMonth } = await calendar.settings();
      return { ...change, yearStartMonth, today: await calendar.today() };
    }
    case 'ChangeDueDate':
      return { ...change, yearStartMonth: (await calendar.settings()).yearStartMonth };
    case 'ReassignLead':
    case 'CorrectEntry':
      return change;
    default:
      return { ...change, today: await calendar.today() };
  }
}
