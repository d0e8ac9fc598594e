import { ActionEvent } from '../action/action.events';
import { parseDueDate } from '../action/due-date';
import { StoredDomainEvent } from '../shared/event';
import { decideImportedRow, ImportSettings } from './imported-action';
import { RegisterRow } from './register-rows';

const settings: ImportSettings = {
  bodyId: 'northants',
  plan: 'WP-2017-18',
  yearStartMonth: 4,
  today: '2018-04-20',
  file: 'work-plan.csv',
};
const lead = { leadOfficers: ['Paul Fell'], leadPersonIds: [null] };
const noLead = { leadOfficers: [], leadPersonIds: [] };
let ids = 0;
const nextId = () => `event-${++ids}`;

function row(overrides: Partial<RegisterRow> = {}): RegisterRow {
  return {
    rowNumber: 4,
    ref: 'WP-2017-18/003',
    refGenerated: false,
    title: 'Review the force management statement',
    lead: 'Paul Fell',
    theme: 'Governance',
    objective: null,
    deliverable: 'A reviewed statement',
    dueDate: parseDueDate('Mar-18', 4),
    status: { kind: 'status', status: 'AMBER' },
    updateDate: '2017-11-14',
    updates: [
      { on: '2017-10-10', note: 'Scoping agreed' },
      { on: '2017-11-14', note: 'Draft with the chief constable' },
    ],
    ...overrides,
  };
}

const decide = (r: RegisterRow, history: StoredDomainEvent<ActionEvent>[] = [], leads = lead) =>
  decideImportedRow(r, history, leads, settings, () => nextId());

describe('an imported row, recorded as a person would have recorded it', () => {
  it('creates a new action, its dated updates as progress, then its status as at the update date', () => {
    const decision = decide(row());
    expect(decision.kind).toBe('new');
    expect(decision.events.map((event) => event.type)).toEqual([
      'ActionCreated',
      'ActionProgressRecorded',
      'ActionProgressRecorded',
      'ActionStatusSet',
    ]);
    const [created, , , status] = decision.events;
    expect(created.data).toMatchObject({
      ref: 'WP-2017-18/003',
      createdOn: '2017-10-10',
      leadOfficers: ['Paul Fell'],
    });
    expect(status.data).toMatchObject({
      status: 'AMBER',
      effectiveOn: '2017-11-14',
      commentary: 'Draft with the chief constable',
      reportingPeriod: 'Q3 2017/18',
    });
  });

  it('records a completed row as completed on its update date, and a blank status as none', () => {
    const completed = decide(row({ status: { kind: 'completed' } })).events.at(-1);
    expect(completed).toMatchObject({ type: 'ActionCompleted', data: { completedOn: '2017-11-14' } });
    const blank = decide(row({ status: { kind: 'blank' }, updates: [], updateDate: null }));
    expect(blank.events.map((event) => event.type)).toEqual(['ActionCreated']);
    expect(blank.events[0].data).toMatchObject({ createdOn: '2018-04-20' });
  });

  it('leaves an action with no lead unassigned', () => {
    const [created] = decide(row({ lead: null }), [], noLead).events;
    expect(created.data).toMatchObject({ leadOfficers: [], leadPersonIds: [] });
  });

  it('records nothing when the same row is imported again', () => {
    const first = decide(row());
    const again = decide(row(), first.events);
    expect(again).toEqual({ kind: 'unchanged', events: [], kept: [] });
  });

  it('records only what changed: a new update, a new due date, a new lead, a new status', () => {
    const first = decide(row());
    const changed = row({
      dueDate: parseDueDate('Q1 2018/19', 4),
      status: { kind: 'status', status: 'RED' },
      updateDate: '2018-01-09',
      updates: [...row().updates, { on: '2018-01-09', note: 'Delayed by the inspection' }],
    });
    const decision = decide(changed, first.events, { leadOfficers: ['Helen King'], leadPersonIds: [null] });
    expect(decision.kind).toBe('changed');
    expect(decision.events.map((event) => [event.type, event.data])).toEqual([
      ['ActionProgressRecorded', { note: 'Delayed by the inspection', reportedOn: '2018-01-09' }],
      [
        'ActionDueDateChanged',
        expect.objectContaining({ reason: 'Changed in the register imported from work-plan.csv' }),
      ],
      [
        'ActionLeadReassigned',
        expect.objectContaining({ leadOfficers: ['Helen King'], previousLeadOfficers: ['Paul Fell'] }),
      ],
      ['ActionStatusSet', expect.objectContaining({ status: 'RED', effectiveOn: '2018-01-09' })],
    ]);
  });

  it('reports a changed title it has no event for, and reopens a completed action shown open again', () => {
    const first = decide(row({ status: { kind: 'completed' } }));
    const decision = decide(
      row({ title: 'Review the statement', status: { kind: 'status', status: 'GREEN' } }),
      first.events,
    );
    expect(decision.kept).toEqual([
      'title now "Review the statement": no event records a change of title, kept as recorded',
    ]);
    expect(decision.events).toEqual([
      expect.objectContaining({ type: 'ActionReopened', data: expect.objectContaining({ status: 'GREEN' }) }),
    ]);
  });

  it('refuses a row dated after today, as a person could not record it', () => {
    expect(() => decide(row({ updateDate: '2018-05-01' }))).toThrow(/after today|future/);
  });

  it('names each event so a retried write is the same write', () => {
    const names: number[] = [];
    decideImportedRow(row(), [], lead, settings, (index) => {
      names.push(index);
      return `event-${index}`;
    });
    expect(names).toEqual([0, 1, 2, 3]);
  });
});
