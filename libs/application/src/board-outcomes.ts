import { leadsFromDirectory } from './action-leads';
import { SqlQueryable } from '#database/sql-database';
import { actionDecider } from '#domain/action/action.decider';
import { effectiveDateOf, ActionEvent } from '#domain/action/action.events';
import { Cadence } from '#domain/board/board.events';
import { boardDecider } from '#domain/board/board.decider';
import { decisionDecider } from '#domain/decision/decision.decider';
import { decisionEffectiveDateOf, DecisionEvent, EXEMPTABLE_PARTS } from '#domain/decision/decision.events';
import { Meeting } from '#domain/meeting/meeting.state';
import { meetingDecider } from '#domain/meeting/meeting.decider';
import { BoardActionRaised, BoardDecisionRequested } from '#domain/meeting/meeting.events';
import { DomainError } from '#domain/shared/domain-error';
import { IsoDate } from '#domain/shared/event';
import { addDays, addMonths } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';
import { EventStore, LogPosition, RecordedEvent } from '#event-store/port';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { nextMeetingAfter } from '#projections/boards/boards.queries';
import { actionIdFor, actionStream } from '#domain/action/action-ids';
import { causedBy, handleCommand, StaleVersionError } from './command-handling';
import { currentState } from './current-state';
import { EventProcess } from './process-follower';
import { boardStream, causedRecordId, decisionStream, meetingStream } from '#domain/shared/record-ids';

export interface BoardOutcomeDeps {
  readonly store: EventStore;
  readonly db: SqlQueryable;
  readonly clock: () => Date;
}

const cadenceAfter = (date: IsoDate, cadence: Cadence): IsoDate =>
  cadence.unit === 'weeks' ? addDays(date, 7 * cadence.every) : addMonths(date, cadence.every);

/** The Schedule 12A paragraph of an exempt agenda item, for what its outcome causes. */
function exemptionOfItem(
  meeting: Meeting,
  itemId: string,
): { exemption?: { category: number; reason: string } } {
  const exemption = meeting.items.find((item) => item.itemId === itemId)?.exemption;
  return exemption ? { exemption: { category: exemption.category, reason: exemption.reason } } : {};
}

/**
 * Outcomes drive the other aggregates: an "action raised" outcome creates the action in the
 * register, due on the date given or on the board's next meeting; a "decision requested" one
 * proposes the decision. Ids follow from the outcome (action: body, plan, ref; decision: the
 * outcome event's id), so handling an outcome again finds the record there and writes nothing.
 */
export function boardOutcomeProcess(deps: BoardOutcomeDeps): EventProcess {
  return {
    name: 'board-outcomes',
    handles: ['BoardActionRaised', 'BoardDecisionRequested'],
    async handle(recorded: RecordedEvent): Promise<LogPosition | null> {
      if (recorded.type === 'BoardActionRaised') return raiseAction(deps, recorded);
      if (recorded.type === 'BoardDecisionRequested') return requestDecision(deps, recorded);
      return null;
    },
  };
}

async function raiseAction(deps: BoardOutcomeDeps, recorded: RecordedEvent): Promise<LogPosition | null> {
  const raised = recorded.data as BoardActionRaised['data'];
  const bodyId = recorded.metadata.bodyId;
  const meetingId = recorded.streamId.slice('meeting-'.length);
  const meeting = await currentState(deps.store, meetingDecider, meetingStream(meetingId));
  const board = await currentState(deps.store, boardDecider, boardStream(meeting.boardId));
  const next = raised.dueAtNextMeeting
    ? await nextMeetingAfter(deps.db, meeting.boardId, meeting.date)
    : null;
  const dueDate =
    raised.dueOn ?? next?.meeting.date ?? (board.cadence ? cadenceAfter(meeting.date, board.cadence) : 'TBC');
  const settings = await bodySettingsOf(deps.db, bodyId);
  const context = causedBy(recorded, 'RaiseBoardAction', deps.clock);
  try {
    const outcome = await handleCommand(
      deps.store,
      actionDecider,
      {
        type: 'CreateAction',
        bodyId,
        ref: raised.ref,
        plan: raised.plan,
        theme: board.name,
        title: raised.title,
        // The owner as the minutes name them, identified in the directory if they are a person of it.
        ...(await leadsFromDirectory(deps.db, bodyId, [raised.owner])),
        objective: `Raised by ${board.name}, minute ${raised.minuteNumber}${raised.part ? `(${raised.part})` : ''} of ${meeting.date}`,
        dueDate,
        createdOn: meeting.date,
        ...exemptionOfItem(meeting, raised.itemId),
        yearStartMonth: settings.yearStartMonth,
        today: localDateOf(context.recordedAt, settings.timeZone),
      },
      context,
      {
        streamId: actionStream(actionIdFor(bodyId, raised.plan, raised.ref)),
        bodyOf: (action) => (action.exists ? action.bodyId : null),
        effectiveAt: (event) => effectiveDateOf(event as ActionEvent),
      },
    );
    return outcome.position;
  } catch (error) {
    // Raised before (a retry, a restart, another instance): the action is there already.
    if (error instanceof StaleVersionError || (error instanceof DomainError && error.kind === 'conflict'))
      return null;
    throw error;
  }
}

async function requestDecision(deps: BoardOutcomeDeps, recorded: RecordedEvent): Promise<LogPosition | null> {
  const requested = recorded.data as BoardDecisionRequested['data'];
  const bodyId = recorded.metadata.bodyId;
  const meeting = await currentState(deps.store, meetingDecider, recorded.streamId);
  const exemption = exemptionOfItem(meeting, requested.itemId).exemption;
  try {
    const outcome = await handleCommand(
      deps.store,
      decisionDecider,
      {
        type: 'ProposeDecision',
        bodyId,
        subject: requested.subject,
        decisionMaker: requested.decisionMaker,
        decisionMakerPersonId: requested.decisionMakerPersonId,
        expectedOn: requested.expectedOn,
        keyDecision: requested.keyDecision,
        significantPublicInterest: requested.significantPublicInterest,
        documents: [],
        // The whole decision is exempt, as the item was: no part of it may be published.
        ...(exemption && { exemption: { ...exemption, parts: [...EXEMPTABLE_PARTS] } }),
      },
      causedBy(recorded, 'RequestDecision', deps.clock),
      {
        streamId: decisionStream(causedRecordId('decision', recorded.id)),
        bodyOf: (decision) => decision.bodyId,
        effectiveAt: (event) => decisionEffectiveDateOf(event as DecisionEvent),
      },
    );
    return outcome.position;
  } catch (error) {
    if (
      error instanceof StaleVersionError ||
      (error instanceof DomainError && error.code === 'DECISION_EXISTS')
    )
      return null;
    throw error;
  }
}
