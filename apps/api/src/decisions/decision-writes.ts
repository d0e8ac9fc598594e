import { bodyCalendar, datedToday } from '#application/changes/body-today';
import { completeDecisionChange, DecisionChange } from '#application/changes/decision-changes';
import { CommandGateway } from '#application/command-gateway';
import { namesFromDirectory } from '#application/directory-names';
import { numberDecision } from '#application/numbering';
import { DECISION } from '#domain/decision/decision.aggregate';
import { DomainError } from '#domain/shared/domain-error';
import { newRecordId } from '#domain/shared/record-ids';
import { Engine } from '#engine/engine';
import { findBody } from '#projections/bodies/bodies.queries';
import { contextOf, RequestContext } from '../http/command-context';
import { ProposeDecisionDto } from './decision.dto';

export interface DecisionWritten {
  id: string;
  version: number;
  /** The body's number for the decision, once taken. */
  number: number | null;
}

/** Proposes a decision of a body (the API's and the web pages' one way to). */
export async function proposeDecision(
  engine: Engine,
  gateway: CommandGateway,
  bodyId: string,
  input: Omit<ProposeDecisionDto, 'bodyId'>,
  request: RequestContext,
): Promise<DecisionWritten> {
  if (!(await findBody(engine.db, bodyId)))
    throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
  const [maker] = await namesFromDirectory(engine.db, bodyId, [input.decisionMaker]);
  const written = await gateway.execute(DECISION, {
    id: newRecordId('decision', bodyId, request.actor.user, request.idempotencyKey),
    context: contextOf(request, 'ProposeDecision', engine),
    command: {
      type: 'ProposeDecision',
      bodyId,
      subject: input.subject,
      decisionMaker: maker.name,
      decisionMakerPersonId: maker.personId,
      expectedOn: input.expectedOn,
      keyDecision: input.keyDecision,
      significantPublicInterest: input.significantPublicInterest,
      documents: input.documents ?? [],
      exemption: input.exemption,
    },
  });
  return { id: written.id, version: written.version, number: written.state.number };
}

/**
 * Changes a decision: the request's change completed with what the engine knows (periods, the
 * body's today, a successor's number); a decision taken is numbered at once, so the answer
 * carries its number (the numbering process would too).
 */
export async function changeDecision(
  engine: Engine,
  gateway: CommandGateway,
  target: { decisionId: string; change: DecisionChange; expectedVersion: number },
  request: RequestContext,
): Promise<DecisionWritten> {
  const { decisionId, change, expectedVersion } = target;
  const context = contextOf(request, change.type, engine);
  const written = await gateway.execute(DECISION, {
    id: decisionId,
    context,
    expectedVersion,
    awaitReadModels: change.type !== 'TakeDecision',
    command: async (decision) => {
      const calendar = bodyCalendar(engine.db, decision.bodyId, context.recordedAt);
      const dated = await datedToday(change, calendar);
      return completeDecisionChange(engine.db, decisionId, dated, decision, calendar);
    },
  });
  if (change.type !== 'TakeDecision') {
    return { id: decisionId, version: written.version, number: written.state.number };
  }
  const numbered = await numberDecision(engine, decisionId, written.state.bodyId as string, context);
  await gateway.readModelsReach(numbered.position);
  return { id: decisionId, version: numbered.version, number: numbered.number };
}
