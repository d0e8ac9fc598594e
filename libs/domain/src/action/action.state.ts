import { IsoDate } from '../shared/event';
import { DueDate } from './due-date';
import { RagStatus } from './rag-status';

export type ActionLifecycle = 'open' | 'completed' | 'closed' | 'cancelled';

/** The kinds of entry a correction may name. */
export type CorrectableEntry = 'ActionStatusSet' | 'ActionProgressRecorded';
type ReportableStatus = Exclude<RagStatus, 'BLUE'>;

/** What the action decider knows of one action, folded from its events. */
export interface Action {
  readonly exists: boolean;
  readonly bodyId: string;
  readonly ref: string;
  readonly plan: string;
  readonly theme: string | null;
  readonly title: string;
  readonly leadOfficers: string[];
  /** For each lead, the person of the directory it names, or null. */
  readonly leadPersonIds: (string | null)[];
  readonly deliverable: string | null;
  readonly objective: string | null;
  readonly dueDate: DueDate | null;
  readonly createdOn: IsoDate | null;
  readonly exemption: { category: number; reason: string } | null;
  readonly status: RagStatus | null;
  readonly lifecycle: ActionLifecycle;
  /** The last RED/AMBER/GREEN/WHITE before completion or cancellation, which a reopening resumes. */
  readonly lastReportedStatus: ReportableStatus | null;
  readonly latestStatusEventId: string | null;
  /**
   * Entries a correction may name: event id to its type. A Map: as an object keyed by event ids,
   * each new id gave every action's state a shape of its own (a third of a reminders catch-up's
   * folding), and an id such as "constructor" would have named something.
   */
  readonly correctable: ReadonlyMap<string, CorrectableEntry>;
}

export const initialAction = (): Action => ({
  exists: false,
  bodyId: '',
  ref: '',
  plan: '',
  theme: null,
  title: '',
  leadOfficers: [],
  leadPersonIds: [],
  deliverable: null,
  objective: null,
  dueDate: null,
  createdOn: null,
  exemption: null,
  status: null,
  lifecycle: 'open',
  lastReportedStatus: null,
  latestStatusEventId: null,
  correctable: new Map(),
});
