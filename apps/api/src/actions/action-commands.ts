import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActionWritten, changeAction, createAction } from '#application/action-writes';
import { ActionChange } from '#application/changes/action-changes';
import { CommandGateway } from '#application/command-gateway';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { contextOf, RequestContext } from '../http/command-context';
import { CreateActionDto } from './action.dto';

export type { ActionWritten } from '#application/action-writes';

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

  execute({ bodyId, input, request }: CreateAction): Promise<ActionWritten> {
    const context = contextOf(request, 'CreateAction', this.engine);
    return createAction(this.gateway, this.engine.db, bodyId, input, context);
  }
}

@CommandHandler(ChangeAction)
export class ChangeActionHandler implements ICommandHandler<ChangeAction, ActionWritten> {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  execute({ actionId, change, expectedVersion, request }: ChangeAction): Promise<ActionWritten> {
    const context = contextOf(request, change.type, this.engine);
    return changeAction(
      this.gateway,
      this.engine.db,
      actionId,
      change,
      expectedVersion,
      context,
      request.actor,
    );
  }
}
