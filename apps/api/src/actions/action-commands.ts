import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actionIdFor, actionStream } from '../../../../libs/domain/src/action/action-ids';
import {
  CommandContext,
  handleCommand,
  StaleVersionError,
} from '../../../../libs/application/src/command-handling';
import { ActionCommand } from '../../../../libs/domain/src/action/action.commands';
import { Action } from '../../../../libs/domain/src/action/action.state';
import { actionDecider } from '../../../../libs/domain/src/action/action.decider';
import { effectiveDateOf, ActionEvent } from '../../../../libs/domain/src/action/action.events';
import { assertMayReportOn } from '../../../../libs/domain/src/action/lead-officer-rule';
import { DEFAULT_BODY_SETTINGS } from '../../../../libs/domain/src/body/body-settings';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error';
import { isoDateOf } from '../../../../libs/domain/src/shared/iso-date';
import { findBody } from '../../../../libs/projections/src/bodies/bodies.queries';
import { Actor } from '../../../../libs/engine/src/actor';
import { Engine } from '../../../../libs/engine/src/engine';
import { ENGINE } from '../engine.token';
import { CreateActionDto } from './action.dto';
import { awaitProjections } from '../http/read-your-writes';

/** What the HTTP request adds to every command: who, and the ids that tie events to the request. */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId: string;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

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

type ChangeCommand = Exclude<ActionCommand, { type: 'CreateAction' }>;
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A change to an existing action; `today` and the body's settings are filled in by the handler. */
export type ActionChange =
  | OmitEach<Extract<ChangeCommand, { today: string }>, 'today' | 'yearStartMonth'>
  | Omit<Extract<ChangeCommand, { type: 'ChangeDueDate' }>, 'yearStartMonth'>
  | Extract<ChangeCommand, { type: 'ReassignLead' | 'CorrectEntry' }>;

export class ChangeAction {
  constructor(
    readonly actionId: string,
    readonly change: ActionChange,
    readonly expectedVersion: number,
    readonly request: RequestContext,
  ) {}
}

/** The metadata side of a command: who, for which bodies, when, and the request's ids. */
export function contextOf(request: RequestContext, command: string, engine: Engine): CommandContext {
  return {
    actor: request.actor.user,
    actorRole: request.actor.role,
    bodies: request.actor.bodies,
    command,
    recordedAt: engine.clock(),
    correlationId: request.requestId || undefined,
    idempotencyKey: request.idempotencyKey,
    requestHash: request.requestHash,
  };
}

const actionOptions = {
  bodyOf: (action: Action) => (action.exists ? action.bodyId : null),
  effectiveAt: (event: { type: string }) => effectiveDateOf(event as ActionEvent),
};

async function yearStartMonthOf(engine: Engine, bodyId: string): Promise<number> {
  return ((await findBody(engine.db, bodyId))?.settings ?? DEFAULT_BODY_SETTINGS).yearStartMonth;
}

@CommandHandler(CreateAction)
export class CreateActionHandler implements ICommandHandler<CreateAction, ActionWritten> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ bodyId, input, request }: CreateAction): Promise<ActionWritten> {
    const body = await findBody(this.engine.db, bodyId);
    if (!body) throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
    const id = actionIdFor(bodyId, input.plan, input.ref);
    const context = contextOf(request, 'CreateAction', this.engine);
    const command: ActionCommand = {
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
    };
    try {
      const outcome = await handleCommand(this.engine.store, actionDecider, command, context, {
        streamId: actionStream(id),
        ...actionOptions,
      });
      await awaitProjections(this.engine, outcome.position);
      return { id, ref: outcome.state.ref, version: outcome.version };
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
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ actionId, change, expectedVersion, request }: ChangeAction): Promise<ActionWritten> {
    const context = contextOf(request, change.type, this.engine);
    const today = isoDateOf(context.recordedAt);
    const outcome = await handleCommand(
      this.engine.store,
      actionDecider,
      async (action: Action): Promise<ActionCommand> => {
        if (action.exists) assertMayReportOn(action, request.actor);
        if (change.type === 'ChangeDueDate' || change.type === 'SetStatus') {
          const yearStartMonth = await yearStartMonthOf(this.engine, action.bodyId);
          return change.type === 'SetStatus'
            ? { ...change, yearStartMonth, today }
            : { ...change, yearStartMonth };
        }
        if (change.type === 'ReassignLead' || change.type === 'CorrectEntry') return change;
        return { ...change, today } as ActionCommand;
      },
      context,
      { streamId: actionStream(actionId), expectedVersion, ...actionOptions },
    );
    await awaitProjections(this.engine, outcome.position);
    return { id: actionId, ref: outcome.state.ref, version: outcome.version };
  }
}
