import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActionChange, completeActionChange } from '#application/changes/action-changes';
import { bodyCalendar } from '#application/changes/body-today';
import { CommandGateway } from '#application/command-gateway';
import { StaleVersionError } from '#application/command-handling';
import { ACTION } from '#domain/action/action.aggregate';
import { actionIdFor } from '#domain/action/action-ids';
import { assertMayReportOn } from '#domain/action/lead-officer-rule';
import { DomainError } from '#domain/shared/domain-error';
import { localDateOf } from '#domain/shared/time-zone';
import { findBody } from '#projections/bodies/bodies.queries';
import { Engine } from '#engine/engine';
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
          today: localDateOf(context.recordedAt, body.settings.timeZone),
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
        const calendar = bodyCalendar(
          this.engine.db,
          action.exists ? action.bodyId : null,
          context.recordedAt,
        );
        return completeActionChange(change, calendar);
      },
    });
    return { id: actionId, ref: written.state.ref, version: written.version };
  }
}
