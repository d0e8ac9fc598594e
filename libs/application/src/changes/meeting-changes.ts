import { SqlQueryable } from '#database/sql-database';
import { BoardDocument } from '#domain/board/board.document';
import { minuteNumbersOf } from '#domain/meeting/meeting.decider';
import { MeetingCommand } from '#domain/meeting/meeting.commands';
import { Meeting } from '#domain/meeting/meeting.state';
import { DomainError } from '#domain/shared/domain-error';
import { findAction } from '#projections/action-register/action-register.queries';
import { findMeeting } from '#projections/boards/boards.queries';
import { findDecision } from '#projections/decisions/decisions.queries';
import { leadsFromDirectory } from '../action-leads';
import { identified, namesFromDirectory } from '../directory-names';

/** A change to a meeting as a request states it; the engine adds the board's code, ids and numbers. */
export type MeetingChange =
  | Exclude<
      MeetingCommand,
      {
        type:
          'ScheduleMeeting' | 'NumberMinutes' | 'RecordOutcome' | 'ApproveMinutes' | 'CorrectApprovedMinutes';
      }
    >
  | Omit<Extract<MeetingCommand, { type: 'RecordOutcome' }>, 'board'>
  | { type: 'ApproveMinutes'; approvedAtMeetingId: string; minuteNumber: number; approvedOn: string }
  | {
      type: 'CorrectApprovedMinutes';
      correctedAtMeetingId: string;
      minuteNumber: number;
      correction: string;
      correctedOn: string;
    };

export interface MeetingOfBoard {
  readonly meetingId: string;
  readonly meeting: Meeting;
  readonly board: BoardDocument;
  readonly bodyId: string;
}

/**
 * Fills in what the engine knows and the request does not, checking what the request names
 * exists in the same body: linked records, the schedule-of-assurance matter, the later meeting
 * an item is deferred to, and the meeting whose minute approves these minutes. The people a
 * request names (attendance, declarations, decision makers) are found in the body's directory.
 */
export async function completeMeetingChange(
  db: SqlQueryable,
  change: MeetingChange,
  { meetingId, meeting, board, bodyId }: MeetingOfBoard,
): Promise<MeetingCommand> {
  switch (change.type) {
    case 'AddAgendaItem':
      await checkLinks(db, bodyId, change.linkedActionIds, change.linkedDecisionIds);
      if (
        change.assuranceMatterId &&
        !board.assuranceMatters.some((m) => m.matterId === change.assuranceMatterId)
      )
        throw new DomainError(
          'MATTER_NOT_FOUND',
          `assuranceMatterId ${change.assuranceMatterId} is not on the board's schedule of assurance`,
          'invalid',
          'assuranceMatterId',
        );
      return change;
    case 'RecordAttendance': {
      const [chair, ...others] = await namesFromDirectory(db, bodyId, [
        change.chair,
        ...change.present,
        ...change.apologies,
        ...change.inAttendance,
      ]);
      const present = others.slice(0, change.present.length);
      const apologies = others.slice(present.length, present.length + change.apologies.length);
      const inAttendance = others.slice(present.length + apologies.length);
      const names = (named: typeof others) => named.map((each) => each.name);
      return {
        type: 'RecordAttendance',
        chair: chair.name,
        present: names(present),
        apologies: names(apologies),
        inAttendance: names(inAttendance),
        people: identified([chair, ...others]),
      };
    }
    case 'DeclareInterest': {
      const [member] = await namesFromDirectory(db, bodyId, [change.member]);
      return { ...change, member: member.name, memberPersonId: member.personId };
    }
    case 'RecordOutcome': {
      const makers = await namesFromDirectory(
        db,
        bodyId,
        change.decisions.map((decision) => decision.decisionMaker),
      );
      // An owner written by email is kept by their name, as the minutes print it (the action's lead
      // is found from it again when the action is raised).
      const actions = [];
      for (const action of change.actions) {
        const [owner] = (await leadsFromDirectory(db, bodyId, [action.owner])).leadOfficers;
        actions.push({ ...action, owner: owner ?? action.owner });
      }
      const decisions = change.decisions.map((decision, i) => ({
        ...decision,
        decisionMaker: makers[i].name,
        decisionMakerPersonId: makers[i].personId,
      }));
      if (change.outcome.kind === 'deferred' && change.outcome.toMeetingId) {
        const to = await findMeeting(db, change.outcome.toMeetingId, [bodyId]);
        if (!to || to.meeting.boardId !== meeting.boardId || to.meeting.date <= meeting.date)
          throw new DomainError(
            'NOT_A_LATER_MEETING',
            'outcome.toMeetingId must be a later meeting of the same board',
            'invalid',
            'outcome.toMeetingId',
          );
      }
      return {
        ...change,
        actions,
        decisions,
        board: { code: board.code, actionLogPlan: board.actionLogPlan },
      };
    }
    case 'ApproveMinutes':
      return {
        type: 'ApproveMinutes',
        approvingMeeting: await laterMeeting(
          db,
          bodyId,
          meetingId,
          change.approvedAtMeetingId,
          'approvedAtMeetingId',
        ),
        minuteNumber: change.minuteNumber,
        approvedOn: change.approvedOn,
      };
    case 'CorrectApprovedMinutes':
      return {
        type: 'CorrectApprovedMinutes',
        correctingMeeting: await laterMeeting(
          db,
          bodyId,
          meetingId,
          change.correctedAtMeetingId,
          'correctedAtMeetingId',
        ),
        minuteNumber: change.minuteNumber,
        correction: change.correction,
        correctedOn: change.correctedOn,
      };
    default:
      return change;
  }
}

/** Another meeting of the body, named by a request, as the decider checks it: board, date, minutes. */
async function laterMeeting(
  db: SqlQueryable,
  bodyId: string,
  meetingId: string,
  named: string,
  field: string,
) {
  const at = await findMeeting(db, named, [bodyId]);
  if (!at || at.id === meetingId)
    throw new DomainError('MEETING_NOT_FOUND', `meeting ${named} not found`, 'invalid', field);
  return {
    meetingId: at.id,
    boardId: at.meeting.boardId,
    date: at.meeting.date,
    minuteNumbers: minuteNumbersOf(at.meeting),
  };
}

/** Linked actions and decisions must exist in the same body. */
async function checkLinks(
  db: SqlQueryable,
  bodyId: string,
  actionIds: readonly string[],
  decisionIds: readonly string[],
): Promise<void> {
  for (const [i, id] of actionIds.entries()) {
    if (!(await findAction(db, id, [bodyId])))
      throw new DomainError(
        'ACTION_NOT_FOUND',
        `linkedActionIds[${i}]: no action ${id}`,
        'invalid',
        `linkedActionIds[${i}]`,
      );
  }
  for (const [i, id] of decisionIds.entries()) {
    if (!(await findDecision(db, id, [bodyId])))
      throw new DomainError(
        'DECISION_NOT_FOUND',
        `linkedDecisionIds[${i}]: no decision ${id}`,
        'invalid',
        `linkedDecisionIds[${i}]`,
      );
  }
}
