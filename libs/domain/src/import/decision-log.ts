import { DecisionCommand } from '../decision/decision.commands';
import { decisionDecider } from '../decision/decision.decider';
import { DecisionEvent } from '../decision/decision.events';
import { Decision } from '../decision/decision.state';
import { StatutoryPeriods } from '../decision/statutory-clock';
import { DomainError, quoted } from '../shared/domain-error';
import { IsoDate, StoredDomainEvent } from '../shared/event';
import { nameBasedUuid } from '../shared/name-based-uuid';
import { isUuid } from '../shared/uuid-text';
import { readDateCell } from './register-cells';
import { ColumnMatch, matchColumnsOf } from './register-columns';
import { Cell, rowCells, RowReading } from './register-rows';

/** What a column of a decision log can hold. */
export const DECISION_LOG_FIELDS = [
  'id',
  'number',
  'expectedOn',
  'takenOn',
  'decisionMaker',
  'subject',
  'keyDecision',
  'significantPublicInterest',
  'publishedOn',
  'noticePublishedOn',
] as const;
export type DecisionLogField = (typeof DECISION_LOG_FIELDS)[number];

const HEADERS: Record<DecisionLogField, readonly string[]> = {
  id: ['id', 'decision id'],
  expectedOn: ['expected on', 'expected', 'date expected', 'expected date', 'due', 'due on'],
  number: [
    'number',
    'decision',
    'decision number',
    'decision no',
    'no',
    'ref',
    'reference',
    'order',
    'record',
  ],
  takenOn: ['date', 'decision date', 'date of decision', 'taken on', 'date taken', 'signed', 'date signed'],
  decisionMaker: ['decision maker', 'maker', 'decided by', 'made by', 'signed by'],
  subject: ['subject', 'title', 'decision title', 'description', 'summary'],
  keyDecision: ['key decision', 'key'],
  significantPublicInterest: [
    'significant public interest',
    'spi',
    'public interest',
    'of significant public interest',
  ],
  publishedOn: ['published', 'published on', 'date published', 'publication date', 'record published'],
  noticePublishedOn: [
    'notice published',
    'notice published on',
    'notice',
    'notice date',
    'forward plan notice',
  ],
};

export const matchDecisionLogColumns = (headers: readonly string[], maps: readonly string[] = []) =>
  matchColumnsOf(DECISION_LOG_FIELDS, HEADERS, headers, maps);

/**
 * One decision of a log as the importer will record it: taken and numbered, or (a forward plan's
 * row: no number, no date taken) proposed for the day it is expected.
 */
export interface DecisionLogRow {
  readonly rowNumber: number;
  /** The decision's id as the engine wrote it in a download, when the file has one. */
  readonly id: string | null;
  /** The series the number is in (`Executive Order`), or null when the log writes numbers alone. */
  readonly series: string | null;
  readonly number: number | null;
  /** When it is expected: the forward plan's date, or the day it was taken. */
  readonly expectedOn: IsoDate;
  readonly takenOn: IsoDate | null;
  readonly decisionMaker: string;
  readonly subject: string;
  readonly keyDecision: boolean;
  readonly significantPublicInterest: boolean;
  readonly publishedOn: IsoDate | null;
  readonly noticePublishedOn: IsoDate | null;
}

/** `Executive Order 73`, `ED66`, `73`, or `Executive Order 68- Public Sector Audit ...` (the subject after it). */
const NUMBERED = /^(.*?)[\s#.:]*(\d{1,6})(?:\s*[-–—:]\s*(.*))?$/s;
const YES = new Set(['yes', 'y', 'true', 'key', 'x', '✓']);
const NO = new Set(['no', 'n', 'false', '', '-', 'n/a', 'na']);

/** Reads a row of a decision log, or refuses it naming each cell and why. */
export function readDecisionLogRow(
  cells: readonly Cell[],
  rowNumber: number,
  match: ColumnMatch<DecisionLogField>,
): RowReading<DecisionLogRow, DecisionLogField> {
  const { valueOf, text, blank, problems, problem } = rowCells(cells, rowNumber, match);
  if (blank) return { kind: 'blank', rowNumber };
  const date = (field: DecisionLogField, required: boolean) => {
    const written = text(field);
    if (written === '') {
      if (required) problem(field, 'no date: write the day the decision was taken, like 14/06/2016');
      return null;
    }
    const day = readDateCell(valueOf(field) ?? '');
    if (day === null) problem(field, `${quoted(written)} is not a date: write it like 14/06/2016`);
    return day;
  };
  const flag = (field: DecisionLogField) => {
    const written = text(field).toLowerCase();
    if (YES.has(written)) return true;
    if (!NO.has(written)) problem(field, `${quoted(text(field))} is neither yes nor no`);
    return false;
  };

  const expectedDay = (): IsoDate | null => {
    if (text('expectedOn') !== '') return date('expectedOn', false);
    problem(
      match.columns.expectedOn === undefined ? 'number' : 'expectedOn',
      'no number, no date taken and no date expected: write when the decision is expected, like 14/06/2016',
    );
    return null;
  };

  // A row with neither number nor date taken is a decision still to come (a forward plan's row).
  const proposed = text('number') === '' && text('takenOn') === '';
  const numbered = proposed ? null : NUMBERED.exec(text('number'));
  if (!proposed && !numbered)
    problem(
      'number',
      `"${text('number')}" holds no decision number: write it like Executive Order 73, or 73`,
    );
  const id = text('id') || null;
  if (id !== null && !isUuid(id)) problem('id', `"${id}" is not a decision's id: leave the cell blank`);
  const subject = text('subject') || numbered?.[3]?.trim() || '';
  if (subject === '') problem('subject', 'the decision has no subject');
  const decisionMaker = text('decisionMaker');
  if (decisionMaker === '')
    problem('decisionMaker', 'no decision maker: write who took it, like Police and Crime Commissioner');
  const takenOn = proposed ? null : date('takenOn', true);
  const expectedOn = proposed ? expectedDay() : takenOn;
  const publishedOn = date('publishedOn', false);
  const noticePublishedOn = date('noticePublishedOn', false);
  const keyDecision = flag('keyDecision');
  const significantPublicInterest = flag('significantPublicInterest');
  if (problems.length > 0 || (!proposed && (!numbered || !takenOn)) || !expectedOn) {
    // As a person reads the row: left to right.
    problems.sort((a, b) => (match.columns[a.field] ?? 0) - (match.columns[b.field] ?? 0));
    return { kind: 'refused', rowNumber, problems };
  }
  return {
    kind: 'row',
    row: {
      rowNumber,
      id: id?.toLowerCase() ?? null,
      series:
        numbered?.[1]
          .trim()
          .replace(/[-–—:]$/, '')
          .trim() || null,
      number: numbered ? Number(numbered[2]) : null,
      expectedOn,
      takenOn,
      decisionMaker,
      subject,
      keyDecision,
      significantPublicInterest,
      publishedOn,
      noticePublishedOn,
    },
  };
}

// Fixed namespace for imported decisions' ids (a random UUID chosen once).
const DECISION_LOG_NAMESPACE = Buffer.from('8e2d4b6a1c3f47e9a05b7d9c2e4f6a18', 'hex');

/**
 * An imported decision's id follows from its body and its series and number, or (a decision still
 * to come) its subject: a second import finds it.
 */
export const importedDecisionId = (
  bodyId: string,
  row: Pick<DecisionLogRow, 'series' | 'number' | 'subject'>,
) =>
  nameBasedUuid(
    DECISION_LOG_NAMESPACE,
    (row.number === null
      ? [bodyId, 'to come', row.subject.toLowerCase()]
      : [bodyId, (row.series ?? '').toLowerCase(), row.number]
    ).join('\u0000'),
  );

export interface DecisionLogSettings {
  readonly bodyId: string;
  readonly periods: StatutoryPeriods;
  readonly subjectToCallIn: boolean;
  readonly file: string;
}

type DecisionRowDecision = {
  readonly kind: 'new' | 'changed' | 'unchanged';
  readonly events: StoredDomainEvent<DecisionEvent>[];
  readonly kept: string[];
};

/**
 * The events a secretary would have recorded for a decision the log lists: proposed for its day,
 * its notice (when the log has one), taken, numbered in its series, its record published (when
 * the log says so). A decision already imported records only its publication, if new. A key
 * decision with no notice is refused by the decision's own rules, as it would be if recorded by hand.
 */
export function decideImportedDecision(
  row: DecisionLogRow,
  history: readonly StoredDomainEvent<DecisionEvent>[],
  settings: DecisionLogSettings,
  eventId: (index: number) => string,
): DecisionRowDecision {
  let state: Decision = history.reduce(decisionDecider.evolve, decisionDecider.initialState());
  const existed = state.stage !== 'none';
  if (existed && state.bodyId !== settings.bodyId)
    throw new DomainError(
      'DECISION_OF_ANOTHER_BODY',
      `${row.id} names a decision of another body: leave the id blank`,
      'conflict',
      'id',
    );
  const { commands, kept } = existed ? changesOf(row, state, settings) : recordingOf(row, settings);
  const events: StoredDomainEvent<DecisionEvent>[] = [];
  for (const command of commands) {
    for (const event of decisionDecider.decide(command, state)) {
      const stored = { ...event, id: eventId(history.length + events.length) };
      state = decisionDecider.evolve(state, stored);
      events.push(stored);
    }
  }
  return { kind: !existed ? 'new' : events.length > 0 ? 'changed' : 'unchanged', events, kept };
}

const publicationOf = (row: DecisionLogRow, settings: DecisionLogSettings): DecisionCommand[] =>
  row.publishedOn
    ? [
        {
          type: 'PublishRecord',
          publishedOn: row.publishedOn,
          periods: settings.periods,
          subjectToCallIn: settings.subjectToCallIn,
        },
      ]
    : [];

/** What a secretary would have recorded for a decision new to the engine. */
function recordingOf(
  row: DecisionLogRow,
  settings: DecisionLogSettings,
): { commands: DecisionCommand[]; kept: string[] } {
  const commands: DecisionCommand[] = [
    {
      type: 'ProposeDecision',
      bodyId: settings.bodyId,
      subject: row.subject,
      decisionMaker: row.decisionMaker,
      expectedOn: row.expectedOn,
      keyDecision: row.keyDecision,
      significantPublicInterest: row.significantPublicInterest,
      documents: [],
    },
    ...(row.noticePublishedOn
      ? [{ type: 'PublishNotice' as const, publishedOn: row.noticePublishedOn }]
      : []),
  ];
  if (row.number !== null && row.takenOn !== null)
    commands.push(
      {
        type: 'TakeDecision',
        decisionText: row.subject,
        reasons: `As recorded in the decision log imported from ${settings.file}`,
        alternativesRejected: [],
        conflictsOfInterest: [],
        dispensations: [],
        takenOn: row.takenOn,
        decidedBy: row.decisionMaker,
        periods: settings.periods,
      },
      { type: 'NumberDecision', number: row.number, series: row.series },
      ...publicationOf(row, settings),
    );
  return { commands, kept: [] };
}

/**
 * What a row changes of a decision already recorded: its notice or record published, a decision
 * to come expected on another day (deferred); other differences are kept as recorded, and said.
 */
function changesOf(row: DecisionLogRow, state: Decision, settings: DecisionLogSettings) {
  const commands: DecisionCommand[] = [];
  const kept: string[] = [];
  if (state.subject !== row.subject) kept.push(`subject now "${row.subject}": kept as recorded`);
  if (state.taken) {
    if (state.recordPublishedOn === null) commands.push(...publicationOf(row, settings));
    if (row.takenOn !== null && state.taken.takenOn !== row.takenOn)
      kept.push(`taken on ${row.takenOn} in the file: kept as recorded (${state.taken.takenOn})`);
    return { commands, kept };
  }
  if (row.noticePublishedOn && state.noticePublishedOn === null)
    commands.push({ type: 'PublishNotice', publishedOn: row.noticePublishedOn });
  if (row.takenOn === null && state.expectedOn !== row.expectedOn)
    commands.push({
      type: 'DeferDecision',
      expectedOn: row.expectedOn,
      reason: `Expected on ${row.expectedOn} in the forward plan imported from ${settings.file}`,
    });
  return { commands, kept };
}

/** The body's register of decision numbers, as an import continues it. */
export interface NumbersGiven {
  last: number | null;
  readonly owners: Map<number, string>;
}

export function numbersGivenOf(allocations: readonly { decisionId: string; number: number }[]): NumbersGiven {
  const owners = new Map(allocations.map(({ number, decisionId }) => [number, decisionId]));
  return { last: allocations.at(-1)?.number ?? null, owners };
}

/**
 * An imported number must continue the body's register: above the last number given, so the
 * register goes on after it (Executive Order 73, then 74); a decision imported before keeps its own.
 */
export function continueNumbers(
  row: DecisionLogRow & { number: number },
  decisionId: string,
  given: NumbersGiven,
): boolean {
  const owner = given.owners.get(row.number);
  if (owner === decisionId) return false;
  if (owner !== undefined || (given.last !== null && row.number <= given.last))
    throw new DomainError(
      'NUMBER_NOT_NEXT',
      `number ${row.number} does not continue the register, which has given ${given.last}: ` +
        'import the log in order of number, before decisions are numbered here',
      'conflict',
      'number',
    );
  given.owners.set(row.number, decisionId);
  given.last = row.number;
  return true;
}

/** A decision log's column for a field the decision's rules refused. */
export function fieldOfDecisionRefusal(error: DomainError): DecisionLogField {
  if (error.field === 'publishedOn') return 'publishedOn';
  if (
    error.field === 'subject' ||
    error.field === 'decisionMaker' ||
    error.field === 'number' ||
    error.field === 'expectedOn' ||
    error.field === 'id'
  )
    return error.field;
  return error.code.startsWith('KEY_DECISION') ? 'keyDecision' : 'takenOn';
}
