import { DomainError } from '../shared/domain-error';
import { upcastToCurrent } from '../upcasters';
import { scenario } from '../testing/decider-scenario';
import { ActionCommand } from './action.commands';
import { actionDecider } from './action.decider';
import {
  ActionCancelled,
  ActionClosed,
  ActionCompleted,
  ActionCreated,
  ActionEvent,
  ActionReopened,
  ActionStatusSet,
} from './action.events';

const today = '2017-10-10';
const action = scenario(actionDecider);

const created: ActionCreated = {
  type: 'ActionCreated',
  schemaVersion: 2,
  data: {
    bodyId: 'leics-opcc',
    ref: '7C02',
    plan: 'Police and Crime Plan 2016-18',
    theme: 'Theme 7: Spending public money wisely',
    title: 'Ensure the Force achieves a balanced budget and delivers the required efficiency savings.',
    leadOfficers: ['CR'],
    leadPersonIds: [null],
    deliverable: null,
    objective: null,
    dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
    createdOn: today,
  },
};
const create: ActionCommand = {
  type: 'CreateAction',
  ...created.data,
  dueDate: 'Mar-18',
  yearStartMonth: 4,
  today,
};
const statusSet = (
  status: ActionStatusSet['data']['status'],
  id?: string,
): ActionStatusSet & { id?: string } => ({
  id,
  type: 'ActionStatusSet',
  schemaVersion: 2,
  data: { status, commentary: 'Savings at risk.', effectiveOn: '2017-09-30', reportingPeriod: 'Q2 2017/18' },
});
const completed: ActionCompleted = {
  type: 'ActionCompleted',
  schemaVersion: 1,
  data: { commentary: 'Balanced budget delivered.', completedOn: today },
};
const closed: ActionClosed = {
  type: 'ActionClosed',
  schemaVersion: 1,
  data: { commentary: 'This action can now be closed.', closedOn: today },
};
const reopened: ActionReopened = {
  type: 'ActionReopened',
  schemaVersion: 1,
  data: { reason: 'Savings not realised after all.', reopenedOn: today, status: 'AMBER' },
};
const cancelled: ActionCancelled = {
  type: 'ActionCancelled',
  schemaVersion: 1,
  data: { reason: 'Superseded by the new plan.', cancelledOn: today },
};
const setStatus = (status: ActionStatusSet['data']['status'] | 'BLUE', more: object = {}): ActionCommand => ({
  type: 'SetStatus',
  status,
  commentary: 'On track.',
  yearStartMonth: 4,
  today,
  ...more,
});

describe('the action decider', () => {
  it('creates an action keeping the due date as written and as a parsed month-end', () => {
    action
      .given()
      .when(create)
      .then({
        type: 'ActionCreated',
        data: {
          ref: '7C02',
          leadOfficers: ['CR'],
          dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
          createdOn: today,
        },
      });
  });

  it('keeps each lead once, beside the person of the directory it names (null for a lead kept as written)', () => {
    const state = action
      .given()
      .when({
        ...create,
        leadOfficers: ['Carol Reid', ' ', 'CR', 'Carol Reid'],
        leadPersonIds: ['p-carol', null, null, 'p-carol'],
      } as ActionCommand)
      .thenState();
    expect(state).toMatchObject({ leadOfficers: ['Carol Reid', 'CR'], leadPersonIds: ['p-carol', null] });
  });

  it('reads a creation and a reassignment stored before the directory with no lead identified', () => {
    const v1 = {
      type: 'ActionCreated',
      schemaVersion: 1,
      data: { ...created.data, leadOfficers: ['CR', 'KD'] },
    };
    expect(upcastToCurrent(v1).data).toMatchObject({
      leadOfficers: ['CR', 'KD'],
      leadPersonIds: [null, null],
    });
    const reassigned = {
      type: 'ActionLeadReassigned',
      schemaVersion: 1,
      data: { leadOfficers: ['NW'], previousLeadOfficers: ['CR'], reason: 'Moved' },
    };
    expect(upcastToCurrent(reassigned)).toMatchObject({ schemaVersion: 2, data: { leadPersonIds: [null] } });
  });

  it('refuses a second action with the same ref in the plan', () => {
    expect(action.given(created).when(create).thenRefuses('ACTION_REF_TAKEN', 'ref').kind).toBe('conflict');
  });

  it('takes an action with no lead yet as unassigned, but never reassigns it to nobody', () => {
    const state = action
      .given()
      .when({ ...create, leadOfficers: [' '], dueDate: 'On going' } as ActionCommand)
      .thenState();
    expect(state).toMatchObject({ leadOfficers: [], dueDate: { written: 'On going', date: null } });
    action
      .given({ ...created, data: { ...created.data, leadOfficers: [] } })
      .when({ type: 'ReassignLead', leadOfficers: [''], reason: 'x' })
      .thenRefuses('REQUIRED', 'leadOfficers');
  });

  it('records a status with its commentary, the period end it reports on, and that quarter', () => {
    action
      .given(created)
      .when(setStatus('GREEN', { effectiveOn: '2017-09-30' }))
      .then({
        type: 'ActionStatusSet',
        data: { status: 'GREEN', effectiveOn: '2017-09-30', reportingPeriod: 'Q2 2017/18' },
      });
    expect(action.given(created).when(setStatus('GREEN')).thenState().status).toBe('GREEN');
  });

  it('counts the reporting quarter from the body’s first month of the year', () => {
    action
      .given(created)
      .when(setStatus('GREEN', { effectiveOn: '2017-09-30', yearStartMonth: 1 }))
      .then({ type: 'ActionStatusSet', data: { reportingPeriod: 'Q3 2017/17' } });
  });

  it('requires commentary with every status', () => {
    action
      .given(created)
      .when(setStatus('RED', { commentary: '  ' }))
      .thenRefuses('REQUIRED', 'commentary');
  });

  it('refuses a status effective in the future', () => {
    action
      .given(created)
      .when(setStatus('RED', { effectiveOn: '2017-12-31' }))
      .thenRefuses('DATE_IN_FUTURE', 'effectiveDate');
  });

  it('sends BLUE through completion rather than a status', () => {
    action.given(created).when(setStatus('BLUE')).thenRefuses('BLUE_MEANS_COMPLETED', 'status');
  });

  it('takes no status on a closed action until it is reopened', () => {
    const error = action
      .given(created, completed, closed)
      .when(setStatus('GREEN'))
      .thenRefuses('ACTION_CLOSED');
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/reopen it first/);
  });

  it('closes only what is completed or cancelled', () => {
    action.given(created).when({ type: 'Close', commentary: 'x', today }).thenRefuses('ACTION_NOT_COMPLETED');
  });

  it('reopens with the status the action had before completion', () => {
    const reopen: ActionCommand = { type: 'Reopen', reason: 'Savings not realised after all.', today };
    action
      .given(created, statusSet('AMBER'), completed)
      .when(reopen)
      .then({ type: 'ActionReopened', data: { status: 'AMBER' } });
    expect(action.given(created, statusSet('AMBER'), completed).when(reopen).thenState()).toMatchObject({
      lifecycle: 'open',
      status: 'AMBER',
    });
  });

  it('requires a reason to change the due date and keeps the previous one in the event', () => {
    const change = { type: 'ChangeDueDate', dueDate: 'Sep-18', yearStartMonth: 4 } as const;
    action
      .given(created)
      .when({ ...change, reason: '' })
      .thenRefuses('REQUIRED', 'reason');
    action
      .given(created)
      .when({ ...change, reason: 'Alliance delayed.' })
      .then({
        type: 'ActionDueDateChanged',
        data: { dueDate: { date: '2018-09-30' }, previousDueDate: { written: 'Mar-18' } },
      });
  });

  it('requires a reason to reassign the lead and a different lead', () => {
    action
      .given(created)
      .when({ type: 'ReassignLead', leadOfficers: ['CR'], reason: 'x' })
      .thenRefuses('LEAD_UNCHANGED');
    action
      .given(created)
      .when({ type: 'ReassignLead', leadOfficers: ['KD'], reason: ' ' })
      .thenRefuses('REQUIRED', 'reason');
  });

  it('cancels only an open action', () => {
    expect(
      action.given(created).when({ type: 'Cancel', reason: 'Superseded.', today }).thenState().lifecycle,
    ).toBe('cancelled');
    action
      .given(created, cancelled)
      .when({ type: 'Cancel', reason: 'again', today })
      .thenRefuses('ACTION_CANCELLED');
  });

  it('corrects a status entry by naming it, and the current status follows the correction', () => {
    const id = '6f0d7f0e-0000-4000-8000-000000000001';
    const correct: ActionCommand = {
      type: 'CorrectEntry',
      correctsEventId: id,
      status: 'AMBER',
      reason: 'Entered against the wrong action.',
    };
    action
      .given(created, statusSet('GREEN', id))
      .when(correct)
      .then({ type: 'ActionEntryCorrected', data: { correctsEventId: id, status: 'AMBER' } });
    expect(action.given(created, statusSet('GREEN', id)).when(correct).thenState().status).toBe('AMBER');
  });

  it('refuses to correct an event that is not a status or progress entry of this action', () => {
    const id = '6f0d7f0e-0000-4000-8000-000000000002';
    action
      .given({ ...created, id })
      .when({ type: 'CorrectEntry', correctsEventId: id, reason: 'x', note: 'y' })
      .thenRefuses('NOT_CORRECTABLE', 'correctsEventId');
    // Names every object has are no entries either.
    for (const name of ['constructor', 'toString', '__proto__'])
      action
        .given(created, statusSet('GREEN', id))
        .when({ type: 'CorrectEntry', correctsEventId: name, reason: 'x', note: 'y' })
        .thenRefuses('NOT_CORRECTABLE', 'correctsEventId');
  });

  it('says an action that does not exist is not found', () => {
    const error = action
      .given()
      .when({ type: 'RecordProgress', note: 'x', today })
      .thenRefuses('ACTION_NOT_FOUND');
    expect(error.kind).toBe('not_found');
  });

  it('keeps the status the register shows after a reopening: an entry made before it no longer sets it', () => {
    const id = '6f0d7f0e-0000-4000-8000-000000000003';
    const state = action
      .given(created, statusSet('AMBER', id), completed, reopened)
      .when({ type: 'CorrectEntry', correctsEventId: id, status: 'RED', reason: 'Was worse.' })
      .thenState();
    expect(state.status).toBe('AMBER');
  });

  it('carries the paragraph of an exempt agenda item to the action it raised', () => {
    const exemption = { category: 3, reason: 'Financial affairs of a supplier' };
    action
      .given()
      .when({ ...create, exemption } as ActionCommand)
      .then({ type: 'ActionCreated' }, { type: 'ActionMarkedExempt', data: exemption });
    expect(
      action
        .given()
        .when({ ...create, exemption } as ActionCommand)
        .thenState().exemption,
    ).toEqual(exemption);
    action
      .given()
      .when({ ...create, exemption: { category: 9, reason: 'x' } } as ActionCommand)
      .thenRefuses('NOT_A_PARAGRAPH', 'exemption.category');
  });

  it('refuses to fold an event type it does not know, rather than lose it', () => {
    const unknown = { type: 'ActionRenamed', schemaVersion: 1, data: {} } as unknown as ActionEvent;
    expect(() => action.given(created, unknown)).toThrow(/unknown type ActionRenamed/);
  });
});

/** Which command each lifecycle allows: decided once, and every refusal names a way forward. */
describe('the action lifecycle, every transition both ways', () => {
  const COMMANDS: Record<string, ActionCommand> = {
    SetStatus: setStatus('GREEN'),
    RecordProgress: { type: 'RecordProgress', note: 'Met the supplier.', today },
    ChangeDueDate: { type: 'ChangeDueDate', dueDate: 'Sep-18', reason: 'Delayed.', yearStartMonth: 4 },
    ReassignLead: { type: 'ReassignLead', leadOfficers: ['KD'], reason: 'New post.' },
    Complete: { type: 'Complete', commentary: 'Done.', today },
    Close: { type: 'Close', commentary: 'Can be closed.', today },
    Reopen: { type: 'Reopen', reason: 'Not done after all.', today },
    Cancel: { type: 'Cancel', reason: 'No longer needed.', today },
  };
  const REACH: Record<string, ActionEvent[]> = {
    open: [],
    completed: [completed],
    closed: [completed, closed],
    cancelled: [cancelled],
    'closed after cancelling': [cancelled, closed],
  };
  const ALLOWED: Record<string, string[]> = {
    open: ['SetStatus', 'RecordProgress', 'ChangeDueDate', 'ReassignLead', 'Complete', 'Cancel'],
    completed: ['RecordProgress', 'Close', 'Reopen'],
    closed: ['Reopen'],
    cancelled: ['Close', 'Reopen'],
    'closed after cancelling': ['Reopen'],
  };

  it.each(Object.keys(REACH))('from %s', (lifecycle) => {
    const { state } = action.given(created, ...REACH[lifecycle]);
    const allowed = Object.entries(COMMANDS)
      .filter(([, command]) => {
        try {
          actionDecider.decide(command, state);
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // A refusal names what to do instead, and that is itself allowed here.
          if (/reopen it first/.test(error.message)) actionDecider.decide(COMMANDS.Reopen, state);
          if (/complete or cancel it/.test(error.message)) actionDecider.decide(COMMANDS.Cancel, state);
          return false;
        }
      })
      .map(([name]) => name);
    expect(allowed).toEqual(ALLOWED[lifecycle]);
  });
});
