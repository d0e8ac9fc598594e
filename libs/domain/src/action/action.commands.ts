import { IsoDate } from '../shared/event';
import { RagStatus } from './rag-status';

/** Commands carry what a person asked for; today's date comes from the caller's clock. */
export type ActionCommand =
  | {
      type: 'CreateAction';
      bodyId: string;
      ref: string;
      plan: string;
      theme?: string | null;
      title: string;
      leadOfficers: string[];
      /** For each lead, the person of the directory it names (as the application found them), or null. */
      leadPersonIds?: (string | null)[];
      deliverable?: string | null;
      objective?: string | null;
      dueDate: string;
      createdOn?: IsoDate;
      /** Set when an exempt agenda item raised the action. */
      exemption?: { category: number; reason: string };
      yearStartMonth: number;
      today: IsoDate;
    }
  | {
      type: 'SetStatus';
      status: RagStatus;
      commentary: string;
      effectiveOn?: IsoDate;
      /** The body's first month of the year, which the reporting quarter counts from. */
      yearStartMonth: number;
      today: IsoDate;
    }
  | { type: 'RecordProgress'; note: string; reportedOn?: IsoDate; today: IsoDate }
  | { type: 'ChangeDueDate'; dueDate: string; reason: string; yearStartMonth: number }
  | { type: 'ReassignLead'; leadOfficers: string[]; leadPersonIds?: (string | null)[]; reason: string }
  | { type: 'Complete'; commentary: string; completedOn?: IsoDate; today: IsoDate }
  | { type: 'Close'; commentary: string; closedOn?: IsoDate; today: IsoDate }
  | {
      type: 'Reopen';
      reason: string;
      status?: Exclude<RagStatus, 'BLUE'>;
      reopenedOn?: IsoDate;
      today: IsoDate;
    }
  | { type: 'Cancel'; reason: string; cancelledOn?: IsoDate; today: IsoDate }
  | {
      type: 'CorrectEntry';
      correctsEventId: string;
      reason: string;
      status?: RagStatus;
      commentary?: string;
      effectiveOn?: IsoDate;
      note?: string;
      reportedOn?: IsoDate;
    };
