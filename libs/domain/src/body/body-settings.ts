import { DomainError, quoted } from '../shared/domain-error';
import { RAG_STATUSES, RagStatus } from '../action/rag-status';
import { DEFAULT_STATUTORY_PERIODS, StatutoryPeriods } from '../decision/statutory-clock';
import { isIsoDate } from '../shared/iso-date';
import { DEFAULT_RETENTION_SETTINGS, RetentionSettings, retentionSettingsOf } from './retention-settings';
import { DEFAULT_TIME_ZONE, requireTimeZone } from '../shared/time-zone';
import {
  DEFAULT_REMINDER_SETTINGS,
  ReminderSettings,
  validReminderSettings,
} from '../reminder/reminder-settings';

export interface StatusDisplay {
  readonly label: string;
  readonly meaning: string;
  readonly colour: string;
}

/** How a body's decisions are numbered and whether scrutiny may call them in. */
export interface DecisionSettings {
  /**
   * Councils' executive decisions may be called in by scrutiny; a Police and Crime Commissioner's
   * are not (the panel reviews, it does not call in).
   */
  readonly subjectToCallIn: boolean;
  /** The body's first number, continuing a paper series (the seed's PCC was at 66). */
  readonly firstNumber: number;
  /** What a numbered decision is called: "Executive Decision 66", "Executive Order 68". */
  readonly seriesLabel: string;
}

export const DEFAULT_DECISION_SETTINGS: DecisionSettings = {
  subjectToCallIn: true,
  firstNumber: 1,
  seriesLabel: 'Executive Decision',
};

/** What each body may set for itself; the seeds' conventions are the defaults. */
export interface BodySettings {
  readonly statusDisplay: Readonly<Record<RagStatus, StatusDisplay>>;
  /** First month of the reporting year (April for UK public bodies): quarters count from it. */
  readonly yearStartMonth: number;
  /**
   * The IANA time zone whose calendar the body keeps: "today", the dates a command defaults to,
   * and the hour reminders go out are read in it. Instants stay stored in UTC.
   */
  readonly timeZone: string;
  /** Notice, exception and call-in periods, and the bank holidays working days skip. */
  readonly statutoryPeriods: StatutoryPeriods;
  /** When reminders go out and to whom. */
  readonly reminders: ReminderSettings;
  readonly decisions: DecisionSettings;
  /** How long records are kept, and when an officer's personal data may be erased. */
  readonly retention: RetentionSettings;
}

export const DEFAULT_BODY_SETTINGS: BodySettings = {
  statusDisplay: {
    GREEN: { label: 'Green', meaning: 'Achieved or adequate progress being made', colour: '#00703c' },
    AMBER: {
      label: 'Amber',
      meaning: "Started but inadequate progress or risk that it won't be achieved",
      colour: '#f47738',
    },
    RED: { label: 'Red', meaning: "Unachieved or likely that it won't be achieved", colour: '#d4351c' },
    WHITE: {
      label: 'White (NS)',
      meaning: 'Not started but planned to take place during a later quarter',
      colour: '#f3f2f1',
    },
    BLUE: { label: 'Blue', meaning: 'Completed', colour: '#1d70b8' },
  },
  yearStartMonth: 4,
  timeZone: DEFAULT_TIME_ZONE,
  statutoryPeriods: DEFAULT_STATUTORY_PERIODS,
  reminders: DEFAULT_REMINDER_SETTINGS,
  decisions: DEFAULT_DECISION_SETTINGS,
  retention: DEFAULT_RETENTION_SETTINGS,
};

/** Settings recorded before a setting existed read as its default (events are never rewritten). */
export function withDefaultSettings(recorded: Partial<BodySettings>): BodySettings {
  return { ...DEFAULT_BODY_SETTINGS, ...recorded };
}

export interface BodySettingsChange {
  readonly statusDisplay?: Partial<Record<RagStatus, Partial<StatusDisplay>>>;
  readonly yearStartMonth?: number;
  readonly timeZone?: string;
  readonly statutoryPeriods?: Partial<StatutoryPeriods>;
  /** Fields given replace those set; `contacts`, when given, replaces the whole directory. */
  readonly reminders?: Partial<ReminderSettings>;
  readonly decisions?: Partial<DecisionSettings>;
  readonly retention?: Partial<RetentionSettings>;
}

/** Applies a partial change over current settings, refusing values that make no sense. */
export function applySettingsChange(current: BodySettings, change: BodySettingsChange): BodySettings {
  const statusDisplay = { ...current.statusDisplay };
  for (const [code, display] of Object.entries(change.statusDisplay ?? {})) {
    if (!(RAG_STATUSES as readonly string[]).includes(code)) {
      throw new DomainError(
        'UNKNOWN_STATUS',
        `statusDisplay.${code} is not a status; use ${RAG_STATUSES.join(', ')}`,
        'invalid',
        `statusDisplay.${code}`,
      );
    }
    if (typeof display !== 'object' || display === null || Array.isArray(display))
      throw new DomainError(
        'INVALID_DISPLAY',
        `statusDisplay.${code} must be an object with label, meaning and colour`,
        'invalid',
        `statusDisplay.${code}`,
      );
    const merged = { ...statusDisplay[code as RagStatus], ...display };
    for (const part of ['label', 'meaning', 'colour'] as const)
      if (typeof merged[part] !== 'string')
        throw new DomainError(
          'INVALID_DISPLAY',
          `statusDisplay.${code}.${part} must be text`,
          'invalid',
          `statusDisplay.${code}.${part}`,
        );
    if (merged.label.trim() === '') {
      throw new DomainError(
        'REQUIRED',
        `statusDisplay.${code}.label must not be blank`,
        'invalid',
        `statusDisplay.${code}.label`,
      );
    }
    if (!/^#[0-9a-fA-F]{6}$/.test(merged.colour)) {
      throw new DomainError(
        'INVALID_COLOUR',
        `statusDisplay.${code}.colour ${quoted(merged.colour)} is not a colour; use #RRGGBB`,
        'invalid',
        `statusDisplay.${code}.colour`,
      );
    }
    statusDisplay[code as RagStatus] = merged;
  }
  const yearStartMonth = change.yearStartMonth ?? current.yearStartMonth;
  if (!Number.isInteger(yearStartMonth) || yearStartMonth < 1 || yearStartMonth > 12) {
    throw new DomainError(
      'INVALID_MONTH',
      `yearStartMonth ${yearStartMonth} is not a month; use 1-12`,
      'invalid',
      'yearStartMonth',
    );
  }
  return {
    statusDisplay,
    yearStartMonth,
    timeZone: requireTimeZone(change.timeZone ?? current.timeZone, 'timeZone'),
    statutoryPeriods: statutoryPeriodsOf({ ...current.statutoryPeriods, ...change.statutoryPeriods }),
    reminders: validReminderSettings({ ...current.reminders, ...change.reminders }),
    decisions: decisionSettingsOf({ ...current.decisions, ...change.decisions }),
    retention: retentionSettingsOf({ ...current.retention, ...change.retention }),
  };
}

function decisionSettingsOf(decisions: DecisionSettings): DecisionSettings {
  if (typeof decisions.subjectToCallIn !== 'boolean')
    throw new DomainError(
      'INVALID_SETTING',
      'decisions.subjectToCallIn must be true or false',
      'invalid',
      'decisions.subjectToCallIn',
    );
  if (!Number.isInteger(decisions.firstNumber) || decisions.firstNumber < 1)
    throw new DomainError(
      'INVALID_SETTING',
      `decisions.firstNumber ${decisions.firstNumber} must be a whole number from 1`,
      'invalid',
      'decisions.firstNumber',
    );
  const seriesLabel = typeof decisions.seriesLabel === 'string' ? decisions.seriesLabel.trim() : '';
  if (seriesLabel === '' || seriesLabel.length > 100)
    throw new DomainError(
      'INVALID_SETTING',
      'decisions.seriesLabel must be a name of 1-100 characters, e.g. "Executive Decision"',
      'invalid',
      'decisions.seriesLabel',
    );
  return { ...decisions, seriesLabel };
}

const PERIOD_LIMITS = {
  keyDecisionNoticeClearDays: 365,
  generalExceptionClearDays: 365,
  callInWorkingDays: 60,
} as const;

function statutoryPeriodsOf(periods: StatutoryPeriods): StatutoryPeriods {
  for (const [name, limit] of Object.entries(PERIOD_LIMITS)) {
    const value = periods[name as keyof typeof PERIOD_LIMITS];
    if (!Number.isInteger(value) || value < 0 || value > limit) {
      throw new DomainError(
        'INVALID_PERIOD',
        `statutoryPeriods.${name} ${value} must be a whole number of days from 0 to ${limit}`,
        'invalid',
        `statutoryPeriods.${name}`,
      );
    }
  }
  if (!Array.isArray(periods.bankHolidays))
    throw new DomainError(
      'INVALID_DATE',
      'statutoryPeriods.bankHolidays must be a list of dates written YYYY-MM-DD',
      'invalid',
      'statutoryPeriods.bankHolidays',
    );
  const wrong = periods.bankHolidays.findIndex((day) => !isIsoDate(day));
  if (wrong >= 0) {
    throw new DomainError(
      'INVALID_DATE',
      `statutoryPeriods.bankHolidays[${wrong}] ${quoted(periods.bankHolidays[wrong])} is not a date; use YYYY-MM-DD`,
      'invalid',
      `statutoryPeriods.bankHolidays[${wrong}]`,
    );
  }
  return { ...periods, bankHolidays: [...new Set(periods.bankHolidays)].sort() };
}
