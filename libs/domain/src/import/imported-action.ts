import { ActionCommand } from '../action/action.commands';
import { actionDecider } from '../action/action.decider';
import { ActionEvent } from '../action/action.events';
import { Action } from '../action/action.state';
import { IsoDate, StoredDomainEvent } from '../shared/event';
import { RegisterRow } from './register-rows';

/** What the importer knows besides the row: the plan, the body's year, today, the file's name. */
export interface ImportSettings {
  readonly bodyId: string;
  readonly plan: string;
  readonly yearStartMonth: number;
  readonly today: IsoDate;
  readonly file: string;
}

/** The row's lead as the directory resolved it (the application looks the name up). */
export interface ImportedLeads {
  readonly leadOfficers: string[];
  readonly leadPersonIds: (string | null)[];
}

export interface ImportedRowDecision {
  /** A new action, one whose record the row changes, or one already as the row says. */
  readonly kind: 'new' | 'changed' | 'unchanged';
  readonly events: StoredDomainEvent<ActionEvent>[];
  /** Differences the engine has no event for (a title changed on paper): reported, not recorded. */
  readonly kept: string[];
}

type CommandOf<T extends ActionCommand['type']> = Omit<Extract<ActionCommand, { type: T }>, 'today'>;
type UndatedCommand = { [T in ActionCommand['type']]: CommandOf<T> }[ActionCommand['type']];

const progressKey = (on: IsoDate, note: string) => `${on}\u0000${note.trim()}`;

/**
 * The events a person would have recorded to bring the action where the row says it is: for a new
 * action, its creation, each dated update as progress, then its status as at the row's update date;
 * for one already recorded, only what differs (updates not yet recorded, a new due date or lead, a
 * new status). So a second import of the same file records nothing. Throws the decider's
 * DomainError when the row asks for what the action cannot take (a date after today).
 */
export function decideImportedRow(
  row: RegisterRow,
  history: readonly StoredDomainEvent<ActionEvent>[],
  leads: ImportedLeads,
  settings: ImportSettings,
  eventId: (index: number) => string,
): ImportedRowDecision {
  let state: Action = history.reduce(actionDecider.evolve, actionDecider.initialState());
  const existed = state.exists;
  // An update is already recorded as progress, or as the commentary of a status (the register's
  // own download writes a status's commentary as its "Update").
  const recorded = new Set(history.flatMap(recordedUpdate));
  const dates = [...row.updates.map((update) => update.on), row.updateDate]
    .filter((date): date is IsoDate => date !== null)
    .sort();
  const asAt = row.updateDate ?? dates.at(-1) ?? settings.today;
  const from = `the register imported from ${settings.file}`;
  const latestNote = row.updates.at(-1)?.note ?? `As recorded in ${from} (row ${row.rowNumber})`;

  const commands: UndatedCommand[] = [];
  const kept: string[] = [];
  if (!existed) {
    commands.push({
      type: 'CreateAction',
      bodyId: settings.bodyId,
      ref: row.ref,
      plan: settings.plan,
      theme: row.theme,
      title: row.title,
      ...leads,
      deliverable: row.deliverable,
      objective: row.objective,
      dueDate: row.dueDate.written,
      createdOn: dates[0] ?? settings.today,
      yearStartMonth: settings.yearStartMonth,
    });
  } else {
    kept.push(...differencesKept(row, state));
  }
  for (const update of row.updates) {
    const reportedOn = update.on ?? asAt;
    if (!recorded.has(progressKey(reportedOn, update.note)))
      commands.push({ type: 'RecordProgress', note: update.note, reportedOn });
  }
  if (existed && state.lifecycle === 'open') {
    if (row.dueDate.written !== (state.dueDate?.written ?? ''))
      commands.push({
        type: 'ChangeDueDate',
        dueDate: row.dueDate.written,
        reason: `Changed in ${from}`,
        yearStartMonth: settings.yearStartMonth,
      });
    if (
      leads.leadOfficers.length > 0 &&
      leads.leadOfficers.join('\u0000') !== state.leadOfficers.join('\u0000')
    )
      commands.push({ type: 'ReassignLead', ...leads, reason: `Changed in ${from}` });
  }
  commands.push(...statusCommands(row, state, { asAt, commentary: latestNote, from, settings }, kept));

  const events: StoredDomainEvent<ActionEvent>[] = [];
  for (const command of commands) {
    const decided = actionDecider.decide({ ...command, today: settings.today } as ActionCommand, state);
    for (const event of decided) {
      const stored = { ...event, id: eventId(history.length + events.length) };
      state = actionDecider.evolve(state, stored);
      events.push(stored);
    }
  }
  return { kind: !existed ? 'new' : events.length > 0 ? 'changed' : 'unchanged', events, kept };
}

function statusCommands(
  row: RegisterRow,
  state: Action,
  {
    asAt,
    commentary,
    from,
    settings,
  }: { asAt: IsoDate; commentary: string; from: string; settings: ImportSettings },
  kept: string[],
): UndatedCommand[] {
  const cell = row.status;
  if (cell.kind === 'cancelled')
    return state.lifecycle === 'open'
      ? [{ type: 'Cancel', reason: `Cancelled in ${from}`, cancelledOn: asAt }]
      : [];
  if (cell.kind === 'completed') {
    if (state.lifecycle === 'open') return [{ type: 'Complete', commentary, completedOn: asAt }];
    return [];
  }
  if (cell.kind !== 'status') return [];
  if (state.lifecycle === 'open')
    return state.status === cell.status
      ? []
      : [
          {
            type: 'SetStatus',
            status: cell.status,
            commentary,
            effectiveOn: asAt,
            yearStartMonth: settings.yearStartMonth,
          },
        ];
  if (state.lifecycle === 'cancelled') {
    kept.push(`status ${cell.status}: the action is cancelled, and stays so`);
    return [];
  }
  return [{ type: 'Reopen', reason: `Shown open again in ${from}`, status: cell.status, reopenedOn: asAt }];
}

function recordedUpdate(event: StoredDomainEvent<ActionEvent>): string[] {
  switch (event.type) {
    case 'ActionProgressRecorded':
      return [progressKey(event.data.reportedOn, event.data.note)];
    case 'ActionStatusSet':
      return [progressKey(event.data.effectiveOn, event.data.commentary)];
    case 'ActionCompleted':
      return [progressKey(event.data.completedOn, event.data.commentary)];
    default:
      return [];
  }
}

function differencesKept(row: RegisterRow, state: Action): string[] {
  const fields = [
    ['title', row.title, state.title],
    ['theme', row.theme, state.theme],
    ['objective', row.objective, state.objective],
    ['deliverable', row.deliverable, state.deliverable],
  ] as const;
  return fields
    .filter(([, written, recorded]) => (written ?? '') !== (recorded ?? ''))
    .map(
      ([field, written]) =>
        `${field} now "${written ?? ''}": no event records a change of ${field}, kept as recorded`,
    );
}
