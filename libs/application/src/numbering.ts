import { boardDecider } from '#domain/board/board.decider';
import { Decision } from '#domain/decision/decision.state';
import { decisionDecider } from '#domain/decision/decision.decider';
import { decisionEffectiveDateOf, DecisionEvent } from '#domain/decision/decision.events';
import { Meeting } from '#domain/meeting/meeting.state';
import { meetingDecider } from '#domain/meeting/meeting.decider';
import { SqlQueryable } from '#database/sql-database';
import { EventMetadata, EventStore, LogPosition, RecordedEvent } from '#event-store/port';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { causedBy, CommandContext, CommandOutcome, handleRepeatableCommand } from './command-handling';
import { currentState } from './current-state';
import { NumberSequence } from './number-sequence';
import { EventProcess } from './process-follower';
import { boardStream, decisionStream, meetingStream } from '#domain/shared/record-ids';

export interface NumberingDeps {
  readonly store: EventStore;
  /** Where the body's settings are read: its first number continues a paper series. */
  readonly db: SqlQueryable;
  readonly decisionNumbers: NumberSequence;
  readonly minuteNumbers: NumberSequence;
  readonly clock: () => Date;
}

/** Who and why, for an allocation on a numbering stream. */
export function sequenceMetadata(context: CommandContext, bodyId: string): EventMetadata {
  return {
    actor: context.actor,
    actorRole: context.actorRole,
    bodyId,
    recordedAt: context.recordedAt.toISOString(),
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...(context.causationId ? { causationId: context.causationId } : {}),
    command: context.command,
  };
}

/**
 * Gives a taken decision its number and records it on the decision. Safe to repeat: the body's
 * numbering returns the number already given, and recording it again writes nothing.
 */
export async function numberDecision(
  deps: NumberingDeps,
  decisionId: string,
  bodyId: string,
  context: CommandContext,
): Promise<CommandOutcome<Decision> & { number: number }> {
  const settings = await bodySettingsOf(deps.db, bodyId);
  const number = await deps.decisionNumbers.allocate(
    bodyId,
    decisionId,
    1,
    settings.decisions.firstNumber,
    sequenceMetadata(context, bodyId),
  );
  // Another instance (or the process) may record the same number meanwhile: recording it again
  // writes nothing, and the caller waits for theirs instead.
  const outcome = await handleRepeatableCommand(
    deps.store,
    decisionDecider,
    { type: 'NumberDecision', number },
    { ...context, command: 'NumberDecision', idempotencyKey: undefined },
    {
      streamId: decisionStream(decisionId),
      bodyOf: (decision) => decision.bodyId,
      effectiveAt: (event) => decisionEffectiveDateOf(event as DecisionEvent),
    },
  );
  return { ...(await withLatestPosition(deps.store, decisionStream(decisionId), outcome)), number };
}

/**
 * An outcome that wrote nothing (the work was done by someone else a moment ago) carries the
 * position of the stream's latest event, so a caller waiting for read models waits for that.
 */
async function withLatestPosition<State>(
  store: EventStore,
  streamId: string,
  outcome: CommandOutcome<State>,
): Promise<CommandOutcome<State>> {
  if (outcome.position !== null) return outcome;
  const events = await store.readStream(streamId, { fromRevision: Math.max(outcome.version - 1, 0) });
  return { ...outcome, position: events.at(-1)?.position ?? null };
}

/**
 * Gives a held meeting's items their minute numbers from the board's sequence and records them.
 * Safe to repeat: the sequence returns the run already given, and recording it again writes nothing.
 */
export async function numberMinutes(
  deps: NumberingDeps,
  meetingId: string,
  meeting: Meeting,
  firstMinuteNumber: number,
  context: CommandContext,
): Promise<CommandOutcome<Meeting>> {
  const bodyId = meeting.bodyId as string;
  const count = meeting.items.filter((item) => !item.withdrawn).length;
  const first = await deps.minuteNumbers.allocate(
    meeting.boardId,
    meetingId,
    count,
    firstMinuteNumber,
    sequenceMetadata(context, bodyId),
  );
  const outcome = await handleRepeatableCommand(
    deps.store,
    meetingDecider,
    { type: 'NumberMinutes', firstMinuteNumber: first },
    { ...context, command: 'NumberMinutes', idempotencyKey: undefined },
    { streamId: meetingStream(meetingId), bodyOf: (state) => state.bodyId },
  );
  return withLatestPosition(deps.store, meetingStream(meetingId), outcome);
}

/**
 * Numbering as a process on the log: every decision taken gets its number and every meeting held
 * its minute numbers, whether or not the request that took or held it lived to do it. The request
 * numbers at once so its answer carries the number; this finds the work done and writes nothing.
 */
export function numberingProcess(deps: NumberingDeps): EventProcess {
  return {
    name: 'numbering',
    handles: ['DecisionTaken', 'MeetingHeld'],
    async handle(recorded: RecordedEvent): Promise<LogPosition | null> {
      if (recorded.type === 'DecisionTaken') {
        const decisionId = recorded.streamId.slice('decision-'.length);
        const context = causedBy(recorded, 'NumberDecision', deps.clock);
        return (await numberDecision(deps, decisionId, recorded.metadata.bodyId, context)).position;
      }
      if (recorded.type === 'MeetingHeld') {
        const meetingId = recorded.streamId.slice('meeting-'.length);
        const meeting = await currentState(deps.store, meetingDecider, meetingStream(meetingId));
        const board = await currentState(deps.store, boardDecider, boardStream(meeting.boardId));
        const context = causedBy(recorded, 'NumberMinutes', deps.clock);
        return (await numberMinutes(deps, meetingId, meeting, board.firstMinuteNumber, context)).position;
      }
      return null;
    },
  };
}
