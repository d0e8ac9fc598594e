import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DecisionChange } from '#application/changes/decision-changes';
import { CommandGateway } from '#application/command-gateway';
import { RequestContext } from '../http/command-context';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { ProposeDecisionDto } from './decision.dto';
import { changeDecision, DecisionWritten, proposeDecision } from './decision-writes';

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

  execute({ bodyId, input, request }: ProposeDecision): Promise<DecisionWritten> {
    return proposeDecision(this.engine, this.gateway, bodyId, input, request);
  }
}

@CommandHandler(ChangeDecision)
export class ChangeDecisionHandler implements ICommandHandler<ChangeDecision, DecisionWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  execute({ decisionId, change, expectedVersion, request }: ChangeDecision): Promise<DecisionWritten> {
    return changeDecision(this.engine, this.gateway, { decisionId, change, expectedVersion }, request);
  }
}
