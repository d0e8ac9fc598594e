import { randomUUID } from 'node:crypto';
import { DomainError } from '../shared/domain-error';
import { StoredDomainEvent } from '../shared/event';
import { ActionCommand } from './action.commands';
import { Action, decideAction, evolveAction, initialAction } from './action.decider';
import { ActionEvent } from './action.events';

const today = '2017-10-10';

const create: ActionCommand = {
  type: 'CreateAction',
  bodyId: 'leics-opcc',
  ref: '7C02',
  plan: 'Police and Crime Plan 2016-18',
  theme: 'Theme 7: Spending public money wisely',
  title: 'Ensure the Force achieves a balanced budget and delivers the required efficiency savings.',
  leadOfficers: ['CR'],
  dueDate: 'Mar-18',
  yearStartMonth: 4,
  today,
};

/** Runs commands one after another from nothing, as the command handler does. */
function given(...commands: ActionCommand[]): { state: Action; events: StoredDomainEvent<ActionEvent>[] } {
  let state = initialAction();
  const events: StoredDomainEvent<ActionEvent>[] = [];
  for (const command of commands) {
    for (const event of decideAction(command, state)) {
      const stored = { ...event, id: randomUUID() };
      events.push(stored);
      state = evolveAction(state, stored);
    }
  }
  return { state, events };
}

function refusal(command: ActionCommand, state: Action): DomainError {
  try {
    decideAction(command, state);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('the action decider', () => {
  it('creates an action keeping the due date as written and as a parsed month-end', () => {
    const [event] = decideAction(create, initialAction());
    expect(event).toMatchObject({
      type: 'ActionCreated',
      schemaVersion: 1,
      data: {
        ref: '7C02',
        leadOfficers: ['CR'],
        dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
        createdOn: today,
      },
    });
  });

  it('refuses a second action with the same ref in the plan', () => {
    const { state } = given(create);
    expect(refusal(create, state)).toMatchObject({
      code: 'ACTION_REF_TAKEN',
      kind: 'conflict',
      field: 'ref',
    });
  });

  it('takes an action with no lead yet as unassigned, but never reassigns it to nobody', () => {
    const { state } = given({ ...create, leadOfficers: [' '], dueDate: 'On going' } as ActionCommand);
    expect(state).toMatchObject({ leadOfficers: [], dueDate: { written: 'On going', date: null } });
    expect(
      refusal({ type: 'ReassignLead', leadOfficers: [''], reason: 'x' } as ActionCommand, state),
    ).toMatchObject({ field: 'leadOfficers' });
  });

  it('records a status with its commentary and the period end it reports on', () => {
    const { events, state } = given(create, {
      type: 'SetStatus',
      status: 'GREEN',
      commentary: 'The Force is on track to achieve a balanced budget.',
      effectiveOn: '2017-09-30',
      today,
    });
    expect(events[1]).toMatchObject({
      type: 'ActionStatusSet',
      data: { status: 'GREEN', effectiveOn: '2017-09-30' },
    });
    expect(state.status).toBe('GREEN');
  });

  it('requires commentary with every status', () => {
    const { state } = given(create);
    expect(refusal({ type: 'SetStatus', status: 'RED', commentary: '  ', today }, state)).toMatchObject({
      field: 'commentary',
    });
  });

  it('refuses a status effective in the future', () => {
    const { state } = given(create);
    const error = refusal(
      { type: 'SetStatus', status: 'RED', commentary: 'x', effectiveOn: '2017-12-31', today },
      state,
    );
    expect(error).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'effectiveDate' });
  });

  it('sends BLUE through completion rather than a status', () => {
    const { state } = given(create);
    expect(refusal({ type: 'SetStatus', status: 'BLUE', commentary: 'done', today }, state).code).toBe(
      'BLUE_MEANS_COMPLETED',
    );
  });

  it('takes no status on a closed action until it is reopened', () => {
    const { state } = given(
      create,
      { type: 'Complete', commentary: 'Balanced budget delivered.', today },
      { type: 'Close', commentary: 'This action can now be closed.', today },
    );
    const error = refusal({ type: 'SetStatus', status: 'GREEN', commentary: 'x', today }, state);
    expect(error).toMatchObject({ code: 'ACTION_CLOSED', kind: 'conflict' });
    expect(error.message).toMatch(/reopen it first/);
  });

  it('closes only what is completed or cancelled', () => {
    const { state } = given(create);
    expect(refusal({ type: 'Close', commentary: 'x', today }, state).code).toBe('ACTION_NOT_COMPLETED');
  });

  it('reopens with the status the action had before completion', () => {
    const { state, events } = given(
      create,
      { type: 'SetStatus', status: 'AMBER', commentary: 'Savings at risk.', today },
      { type: 'Complete', commentary: 'Done.', today },
      { type: 'Reopen', reason: 'Savings not realised after all.', today },
    );
    expect(events[3]).toMatchObject({ type: 'ActionReopened', data: { status: 'AMBER' } });
    expect(state).toMatchObject({ lifecycle: 'open', status: 'AMBER' });
  });

  it('requires a reason to change the due date and keeps the previous one in the event', () => {
    const { state } = given(create);
    expect(
      refusal({ type: 'ChangeDueDate', dueDate: 'Sep-18', reason: '', yearStartMonth: 4 }, state).field,
    ).toBe('reason');
    const [event] = decideAction(
      { type: 'ChangeDueDate', dueDate: 'Sep-18', reason: 'Alliance delayed.', yearStartMonth: 4 },
      state,
    );
    expect(event).toMatchObject({
      data: { dueDate: { date: '2018-09-30' }, previousDueDate: { written: 'Mar-18' } },
    });
  });

  it('requires a reason to reassign the lead and a different lead', () => {
    const { state } = given(create);
    expect(refusal({ type: 'ReassignLead', leadOfficers: ['CR'], reason: 'x' }, state).code).toBe(
      'LEAD_UNCHANGED',
    );
    expect(refusal({ type: 'ReassignLead', leadOfficers: ['KD'], reason: ' ' }, state).field).toBe('reason');
  });

  it('cancels only an open action', () => {
    const { state } = given(create, { type: 'Cancel', reason: 'Superseded by the new plan.', today });
    expect(state.lifecycle).toBe('cancelled');
    expect(refusal({ type: 'Cancel', reason: 'again', today }, state).code).toBe('ACTION_CANCELLED');
  });

  it('corrects a status entry by naming it, and the current status follows the correction', () => {
    const { state, events } = given(create, {
      type: 'SetStatus',
      status: 'GREEN',
      commentary: 'On track.',
      today,
    });
    const [correction] = decideAction(
      {
        type: 'CorrectEntry',
        correctsEventId: events[1].id,
        status: 'AMBER',
        reason: 'Entered against the wrong action.',
      },
      state,
    );
    expect(correction).toMatchObject({
      type: 'ActionEntryCorrected',
      data: { correctsEventId: events[1].id, status: 'AMBER' },
    });
    expect(evolveAction(state, { ...correction, id: randomUUID() }).status).toBe('AMBER');
  });

  it('refuses to correct an event that is not a status or progress entry of this action', () => {
    const { state, events } = given(create);
    const error = refusal(
      { type: 'CorrectEntry', correctsEventId: events[0].id, reason: 'x', note: 'y' },
      state,
    );
    expect(error).toMatchObject({ code: 'NOT_CORRECTABLE', field: 'correctsEventId' });
  });

  it('says an action that does not exist is not found', () => {
    expect(refusal({ type: 'RecordProgress', note: 'x', today }, initialAction()).kind).toBe('not_found');
  });

  it('keeps the status the register shows after a reopening: an entry made before it no longer sets it', () => {
    const { state, events } = given(
      create,
      { type: 'SetStatus', status: 'AMBER', commentary: 'Savings at risk.', today },
      { type: 'Complete', commentary: 'Done.', today },
      { type: 'Reopen', reason: 'Savings not realised after all.', today },
    );
    const [correction] = decideAction(
      { type: 'CorrectEntry', correctsEventId: events[1].id, status: 'RED', reason: 'Was worse.' },
      state,
    );
    expect(evolveAction(state, { ...correction, id: randomUUID() }).status).toBe('AMBER');
  });

  it('carries the paragraph of an exempt agenda item to the action it raised', () => {
    const { state, events } = given({
      ...create,
      exemption: { category: 3, reason: 'Financial affairs of a supplier' },
    } as ActionCommand);
    expect(events.map((event) => event.type)).toEqual(['ActionCreated', 'ActionMarkedExempt']);
    expect(state.exemption).toEqual({ category: 3, reason: 'Financial affairs of a supplier' });
    const wrong = { ...create, exemption: { category: 9, reason: 'x' } } as ActionCommand;
    expect(refusal(wrong, initialAction())).toMatchObject({
      code: 'NOT_A_PARAGRAPH',
      field: 'exemption.category',
    });
  });
});

/** Which command each lifecycle allows: decided once, and every refusal names a way forward. */
describe('the action lifecycle, every transition both ways', () => {
  const COMMANDS: Record<string, ActionCommand> = {
    SetStatus: { type: 'SetStatus', status: 'GREEN', commentary: 'On track.', today },
    RecordProgress: { type: 'RecordProgress', note: 'Met the supplier.', today },
    ChangeDueDate: { type: 'ChangeDueDate', dueDate: 'Sep-18', reason: 'Delayed.', yearStartMonth: 4 },
    ReassignLead: { type: 'ReassignLead', leadOfficers: ['KD'], reason: 'New post.' },
    Complete: { type: 'Complete', commentary: 'Done.', today },
    Close: { type: 'Close', commentary: 'Can be closed.', today },
    Reopen: { type: 'Reopen', reason: 'Not done after all.', today },
    Cancel: { type: 'Cancel', reason: 'No longer needed.', today },
  };
  const REACH: Record<string, ActionCommand[]> = {
    open: [],
    completed: [COMMANDS.Complete],
    closed: [COMMANDS.Complete, COMMANDS.Close],
    cancelled: [COMMANDS.Cancel],
    'closed after cancelling': [COMMANDS.Cancel, COMMANDS.Close],
  };
  const ALLOWED: Record<string, string[]> = {
    open: ['SetStatus', 'RecordProgress', 'ChangeDueDate', 'ReassignLead', 'Complete', 'Cancel'],
    completed: ['RecordProgress', 'Close', 'Reopen'],
    closed: ['Reopen'],
    cancelled: ['Close', 'Reopen'],
    'closed after cancelling': ['Reopen'],
  };

  it.each(Object.keys(REACH))('from %s', (lifecycle) => {
    const { state } = given(create, ...REACH[lifecycle]);
    const allowed = Object.entries(COMMANDS)
      .filter(([, command]) => {
        try {
          decideAction(command, state);
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // A refusal names what to do instead, and that is itself allowed here.
          if (/reopen it first/.test(error.message)) decideAction(COMMANDS.Reopen, state);
          if (/complete or cancel it/.test(error.message)) decideAction(COMMANDS.Cancel, state);
          return false;
        }
      })
      .map(([name]) => name);
    expect(allowed).toEqual(ALLOWED[lifecycle]);
  });
});
