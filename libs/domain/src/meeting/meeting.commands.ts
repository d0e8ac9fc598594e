import { IsoDate } from '../shared/event';
import {
  AgendaItem,
  AttendanceRecorded,
  BoardDecisionRequested,
  InterestDeclared,
  MeetingScheduled,
} from './meeting.events';
import { VoteInput } from './vote';

/** What a secretary asks of a meeting: its agenda, its holding, its outcomes and minutes. */
export type OutcomeInput =
  | { kind: 'noted'; text: string }
  | { kind: 'resolved'; parts: string[]; vote?: VoteInput | null }
  | { kind: 'deferred'; toMeetingId: string | null; reason: string }
  | { kind: 'action raised' }
  | { kind: 'decision requested' };

export interface RaisedActionInput {
  /** The resolution part that raised it, e.g. 'b'. */
  readonly part?: string | null;
  readonly title: string;
  readonly owner: string;
  readonly dueOn?: IsoDate | null;
  readonly dueAtNextMeeting?: boolean;
}

export type RequestedDecisionInput = Omit<
  BoardDecisionRequested['data'],
  'itemId' | 'minuteNumber' | 'part' | 'decisionMakerPersonId'
> & {
  readonly part?: string | null;
  readonly decisionMakerPersonId?: string | null;
};

export type MeetingCommand =
  | ({ type: 'ScheduleMeeting' } & Omit<MeetingScheduled['data'], 'provisional'> & { provisional?: boolean })
  | { type: 'ConfirmMeeting'; confirmedOn: IsoDate }
  | { type: 'RescheduleMeeting'; date: IsoDate; time: string | null; place: string; reason: string }
  | { type: 'CancelMeeting'; reason: string }
  | ({ type: 'AddAgendaItem' } & AgendaItem)
  | { type: 'ReorderAgenda'; order: string[] }
  | { type: 'WithdrawAgendaItem'; itemId: string; reason: string }
  | { type: 'IssueAgenda'; issuedOn: IsoDate }
  | ({ type: 'RecordAttendance' } & Omit<AttendanceRecorded['data'], 'people'> & {
        people?: Record<string, string>;
      })
  | ({ type: 'DeclareInterest' } & Omit<InterestDeclared['data'], 'memberPersonId'> & {
        memberPersonId?: string | null;
      })
  | { type: 'HoldMeeting'; heldOn: IsoDate; startTime: string | null; endTime: string | null }
  | { type: 'NumberMinutes'; firstMinuteNumber: number }
  | {
      type: 'RecordOutcome';
      itemId: string;
      narrative: string[];
      discussion: string[];
      outcome: OutcomeInput;
      actions: RaisedActionInput[];
      decisions: RequestedDecisionInput[];
      /** From the board: where its actions are filed and how their refs start. */
      board: { code: string; actionLogPlan: string };
    }
  | {
      type: 'AmendOutcome';
      itemId: string;
      narrative: string[];
      discussion: string[];
      outcome: OutcomeInput;
      reason: string;
    }
  | { type: 'WithdrawDeclaration'; declaration: number; reason: string }
  | { type: 'DraftMinutes'; draftedOn: IsoDate }
  | {
      type: 'ApproveMinutes';
      /** The later meeting of the same board whose minute approves these. */
      approvingMeeting: { meetingId: string; boardId: string; date: IsoDate; minuteNumbers: number[] };
      minuteNumber: number;
      approvedOn: IsoDate;
    }
  | { type: 'PublishMinutes'; publishedOn: IsoDate }
  | {
      type: 'CorrectApprovedMinutes';
      /** The later meeting of the same board whose resolution corrects these minutes. */
      correctingMeeting: { meetingId: string; boardId: string; date: IsoDate; minuteNumbers: number[] };
      minuteNumber: number;
      correction: string;
      correctedOn: IsoDate;
    };
