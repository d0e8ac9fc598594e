import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { completeDecisionChange, DecisionChange } from '#application/changes/decision-changes';
import { CommandGateway } from '#application/command-gateway';
import { namesFromDirectory } from '#application/directory-names';
import { numberDecision } from '#application/numbering';
import { DECISION } from '#domain/decision/decision.aggregate';
import { newRecordId } from '#domain/shared/record-ids';
import { DomainError } from '#domain/shared/domain-error';
import { bodyCalendar, datedToday } from '#application/changes/body-today';
import { findBody } from '#projections/bodies/bodies.queries';
import { contextOf, RequestContext } from '../http/command-context';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { ProposeDecisionDto } from './decision.dto';

export interface DecisionWritten {
  id: string;
  version: number;
  /** The body's number for the decision, once taken. */
  number: number | null;
}

export class ProposeDecision {
  constructor(
    readonly bodyId: string,
    readonly input: ProposeDecisionDto,
    readonly request: RequestContext,
  ) {}
}

export class ChangeDecision {
  constructor(
    readonly decisionId: string,
    readonly change: DecisionChange,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

@CommandHandler(ProposeDecision)
export class ProposeDecisionHandler implements ICommandHandler<ProposeDecision, DecisionWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ bodyId, input, request }: ProposeDecision): Promise<DecisionWritten> {
    if (!(await findBody(this.engine.db, bodyId)))
      throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
    const [maker] = await namesFromDirectory(this.engine.db, bodyId, [input.decisionMaker]);
    const written = await this.gateway.execute(DECISION, {
      id: newRecordId('decision', bodyId, request.actor.user, request.idempotencyKey),
      context: contextOf(request, 'ProposeDecision', this.engine),
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
}

@CommandHandler(ChangeDecision)
export class ChangeDecisionHandler implements ICommandHandler<ChangeDecision, DecisionWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ decisionId, change, expectedVersion, request }: ChangeDecision): Promise<DecisionWritten> {
    const context = contextOf(request, change.type, this.engine);
    const written = await this.gateway.execute(DECISION, {
      id: decisionId,
      context,
      expectedVersion,
      awaitReadModels: change.type !== 'TakeDecision',
      command: async (decision) => {
        const calendar = bodyCalendar(this.engine.db, decision.bodyId, context.recordedAt);
        const dated = await datedToday(change, calendar);
        return completeDecisionChange(this.engine.db, decisionId, dated, decision, calendar);
      },
    });
    if (change.type !== 'TakeDecision') {
      return { id: decisionId, version: written.version, number: written.state.number };
    }
    // Numbered at once, so the answer carries its number (the numbering process would too).
    const numbered = await numberDecision(this.engine, decisionId, written.state.bodyId as string, context);
    await this.gateway.readModelsReach(numbered.position);
    return { id: decisionId, version: numbered.version, number: numbered.number };
  }
}
