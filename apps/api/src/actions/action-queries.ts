import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  ActionFilter,
  ActionView,
  findAction,
  listActions,
} from '#projections/action-register/action-register.queries';
import { Page } from '#projections/cursor';
import { RagHistoryEntry, ragHistoryOf } from '#projections/rag-history/rag-history.queries';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';

export class GetAction {
  constructor(
    readonly actionId: string,
    readonly bodies: readonly string[] | 'all',
  ) {}
}

export class ListActions {
  constructor(
    readonly filter: Omit<ActionFilter, 'bodyIds'>,
    readonly bodies: readonly string[] | 'all',
  ) {}
}

export class GetRagHistory {
  constructor(
    readonly actionId: string,
    readonly bodies: readonly string[] | 'all',
  ) {}
}

/** An action of another body answers exactly as one that does not exist. */
async function visibleAction(
  engine: Engine,
  actionId: string,
  bodies: readonly string[] | 'all',
): Promise<ActionView> {
  const action = await findAction(engine.db, actionId, await bodyIdsOf(engine.db, bodies));
  if (!action) throw new NotFoundException(`action ${actionId} not found`);
  return action;
}

@QueryHandler(GetAction)
export class GetActionHandler implements IQueryHandler<GetAction, ActionView> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  execute({ actionId, bodies }: GetAction): Promise<ActionView> {
    return visibleAction(this.engine, actionId, bodies);
  }
}

@QueryHandler(ListActions)
export class ListActionsHandler implements IQueryHandler<ListActions, Page<ActionView>> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ filter, bodies }: ListActions): Promise<Page<ActionView>> {
    return listActions(this.engine.db, { ...filter, bodyIds: await bodyIdsOf(this.engine.db, bodies) });
  }
}

@QueryHandler(GetRagHistory)
export class GetRagHistoryHandler implements IQueryHandler<
  GetRagHistory,
  { action: ActionView; history: RagHistoryEntry[] }
> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ actionId, bodies }: GetRagHistory) {
    const action = await visibleAction(this.engine, actionId, bodies);
    return { action, history: await ragHistoryOf(this.engine.db, actionId) };
  }
}
