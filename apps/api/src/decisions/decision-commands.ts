import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, handleCommand } from '../../../../libs/application/src/command-handling';
import { numberDecision } from '../../../../libs/application/src/numbering';
import { decisionStream, newRecordId } from '../../../../libs/domain/src/shared/record-ids';
import { BodySettings, DEFAULT_BODY_SETTINGS } from '../../../../libs/domain/src/body/body-settings';
import { Decision } from '../../../../libs/domain/src/decision/decision.state';
import { DecisionCommand } from '../../../../libs/domain/src/decision/decision.commands';
import { decisionDecider } from '../../../../libs/domain/src/decision/decision.decider';
import { decisionEffectiveDateOf, DecisionEvent } from '../../../../libs/domain/src/decision/decision.events';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error';
import { isoDateOf } from '../../../../libs/domain/src/shared/iso-date';
import { findBody } from '../../../../libs/projections/src/bodies/bodies.queries';
import { findDecision } from '../../../../libs/projections/src/decisions/decisions.queries';
import { contextOf, RequestContext } from '../actions/action-commands';
import { Engine } from '../../../../libs/engine/src/engine';
import { ENGINE } from '../engine.token';
import { ProposeDecisionDto } from './decision.dto';
import { awaitProjections } from '../http/read-your-writes';

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

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A change to a decision as a request states it; periods, today and numbers are the engine's to fill in. */
export type DecisionChange = OmitEach<
  Exclude<DecisionCommand, { type: 'ProposeDecision' | 'NumberDecision' }>,
  'periods' | 'today' | 'supersededByNumber' | 'subjectToCallIn'
>;

export class ChangeDecision {
  constructor(
    readonly decisionId: string,
    readonly change: DecisionChange,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

const decisionOptions = {
  bodyOf: (decision: Decision) => decision.bodyId,
  effectiveAt: (event: { type: string }) => decisionEffectiveDateOf(event as DecisionEvent),
};

async function settingsOf(engine: Engine, bodyId: string): Promise<BodySettings> {
  return (await findBody(engine.db, bodyId))?.settings ?? DEFAULT_BODY_SETTINGS;
}

@CommandHandler(ProposeDecision)
export class ProposeDecisionHandler implements ICommandHandler<ProposeDecision, DecisionWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ bodyId, input, request }: ProposeDecision): Promise<DecisionWritten> {
    if (!(await findBody(this.engine.db, bodyId)))
      throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
    const id = newRecordId('decision', bodyId, request.actor.user, request.idempotencyKey);
    const command: DecisionCommand = {
      type: 'ProposeDecision',
      bodyId,
      subject: input.subject,
      decisionMaker: input.decisionMaker,
      expectedOn: input.expectedOn,
      keyDecision: input.keyDecision,
      significantPublicInterest: input.significantPublicInterest,
      documents: input.documents ?? [],
      exemption: input.exemption,
    };
    const outcome = await handleCommand(
      this.engine.store,
      decisionDecider,
      command,
      contextOf(request, 'ProposeDecision', this.engine),
      { streamId: decisionStream(id), ...decisionOptions },
    );
    await awaitProjections(this.engine, outcome.position);
    return { id, version: outcome.version, number: outcome.state.number };
  }
}

@CommandHandler(ChangeDecision)
export class ChangeDecisionHandler implements ICommandHandler<ChangeDecision, DecisionWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ decisionId, change, expectedVersion, request }: ChangeDecision): Promise<DecisionWritten> {
    const context = contextOf(request, change.type, this.engine);
    const today = isoDateOf(context.recordedAt);
    const outcome = await handleCommand(
      this.engine.store,
      decisionDecider,
      (decision: Decision) => this.complete(decisionId, change, decision, today),
      context,
      { streamId: decisionStream(decisionId), expectedVersion, ...decisionOptions },
    );
    if (change.type !== 'TakeDecision') {
      await awaitProjections(this.engine, outcome.position);
      return { id: decisionId, version: outcome.version, number: outcome.state.number };
    }
    return numberDecisionNow(this.engine, decisionId, outcome.state.bodyId as string, context);
  }

  /** Fills in what the engine knows and the request does not: periods, today, the superseding number. */
  private async complete(
    decisionId: string,
    change: DecisionChange,
    decision: Decision,
    today: string,
  ): Promise<DecisionCommand> {
    const bodyId = decision.bodyId as string;
    switch (change.type) {
      case 'TakeDecision':
        return { ...change, periods: (await settingsOf(this.engine, bodyId)).statutoryPeriods };
      case 'PublishRecord': {
        const settings = await settingsOf(this.engine, bodyId);
        return {
          ...change,
          periods: settings.statutoryPeriods,
          subjectToCallIn: settings.decisions.subjectToCallIn,
        };
      }
      case 'CloseCallInWindow':
        return { ...change, today };
      case 'SupersedeDecision': {
        // Only a decision of the same body can supersede it; another body's does not exist here.
        const successor = await findDecision(this.engine.db, change.supersededBy, [bodyId]);
        const number = successor?.decision.number ?? null;
        if (!successor)
          throw new DomainError(
            'DECISION_NOT_FOUND',
            `decision ${change.supersededBy} not found`,
            'invalid',
            'supersededBy',
          );
        if (successor.id === decisionId || number === null)
          throw new DomainError(
            'NOT_A_SUCCESSOR',
            'supersededBy must be another decision of the same body that has been taken and numbered',
            'invalid',
            'supersededBy',
          );
        return { ...change, supersededByNumber: number };
      }
      default:
        return change;
    }
  }
}

/** Numbers a taken decision at once, so the answer carries its number (the process would too). */
async function numberDecisionNow(
  engine: Engine,
  decisionId: string,
  bodyId: string,
  context: CommandContext,
): Promise<DecisionWritten> {
  const outcome = await numberDecision(engine, decisionId, bodyId, context);
  await awaitProjections(engine, outcome.position);
  return { id: decisionId, version: outcome.version, number: outcome.number };
}
