import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActionChange, completeActionChange } from '../../../../libs/application/src/changes/action-changes';
import { CommandGateway } from '../../../../libs/application/src/command-gateway';
import { StaleVersionError } from '../../../../libs/application/src/command-handling';
import { ACTION } from '../../../../libs/domain/src/action/action.aggregate';
import { actionIdFor } from '../../../../libs/domain/src/action/action-ids';
import { assertMayReportOn } from '../../../../libs/domain/src/action/lead-officer-rule';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error';
import { isoDateOf } from '../../../../libs/domain/src/shared/iso-date';
import { findBody } from '../../../../libs/projections/src/bodies/bodies.queries';
import { Engine } from '../../../../libs/engine/src/engine';
import { ENGINE } from '../engine.token';
import { contextOf, RequestContext } from '../http/command-context';
import { CreateActionDto } from './action.dto';

export interface ActionWritten {
  id: string;
  ref: string;
  version: number;
}

export class CreateAction {
  constructor(
    readonly bodyId: string,
    readonly input: CreateActionDto,
    readonly request: RequestContext,
  ) {}
}

export class ChangeAction {
  constructor(
    readonly actionId: string,
    readonly change: ActionChange,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

@CommandHandler(CreateAction)
export class CreateActionHandler implements ICommandHandler<CreateAction, ActionWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ bodyId, input, request }: CreateAction): Promise<ActionWritten> {
    const body = await findBody(this.engine.db, bodyId);
    if (!body) throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
    const context = contextOf(request, 'CreateAction', this.engine);
    try {
      const written = await this.gateway.execute(ACTION, {
        id: actionIdFor(bodyId, input.plan, input.ref),
        context,
        command: {
          type: 'CreateAction',
          bodyId,
          ref: input.ref,
          plan: input.plan,
          theme: input.theme,
          title: input.title,
          leadOfficers: input.leadOfficers ?? [],
          deliverable: input.deliverable,
          objective: input.objective,
          dueDate: input.dueDate ?? '',
          createdOn: input.createdOn,
          yearStartMonth: body.settings.yearStartMonth,
          today: isoDateOf(context.recordedAt),
        },
      });
      return { id: written.id, ref: written.state.ref, version: written.version };
    } catch (error) {
      if (error instanceof StaleVersionError) {
        // Another request created the same ref between our read and our append.
        throw new DomainError(
          'ACTION_REF_TAKEN',
          `ref "${input.ref}" already exists in plan "${input.plan}"`,
          'conflict',
          'ref',
        );
      }
      throw error;
    }
  }
}

@CommandHandler(ChangeAction)
export class ChangeActionHandler implements ICommandHandler<ChangeAction, ActionWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ actionId, change, expectedVersion, request }: ChangeAction): Promise<ActionWritten> {
    const context = contextOf(request, change.type, this.engine);
    const written = await this.gateway.execute(ACTION, {
      id: actionId,
      context,
      expectedVersion,
      command: async (action) => {
        if (action.exists) assertMayReportOn(action, request.actor);
        return completeActionChange(this.engine.db, change, action, isoDateOf(context.recordedAt));
      },
    });
    return { id: actionId, ref: written.state.ref, version: written.version };
  }
}
