import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlQueryable } from '#database/sql-database';
import {
  ActionFilter,
  ActionView,
  findAction,
  listActions,
} from '#projections/action-register/action-register.queries';
import { actionsOnDay } from '#projections/action-register/actions-on-day';
import { Page } from '#projections/cursor';
import { RagHistoryEntry, ragHistoryOf } from '#projections/rag-history/rag-history.queries';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { ReadTime, whenAsked } from '../http/time-travel.dto';

export class GetAction {
  constructor(
    readonly actionId: string,
    readonly bodies: readonly string[] | 'all',
    readonly time: ReadTime = {},
  ) {}
}

export class ListActions {
  constructor(
    readonly filter: Omit<ActionFilter, 'bodyIds'>,
    readonly bodies: readonly string[] | 'all',
    readonly time: ReadTime = {},
  ) {}
}

export class GetRagHistory {
  constructor(
    readonly actionId: string,
    readonly bodies: readonly string[] | 'all',
    readonly time: ReadTime = {},
  ) {}
}

/** An action of another body answers exactly as one that does not exist (nor did then). */
async function visibleAction(
  engine: Engine,
  db: SqlQueryable,
  actionId: string,
  bodies: readonly string[] | 'all',
  time: ReadTime,
): Promise<ActionView> {
  const action = await findAction(db, actionId, await bodyIdsOf(engine.db, bodies));
  const [then] = action && time.asOf ? await actionsOnDay(db, [action], time.asOf) : [action];
  if (!then) throw new NotFoundException(`action ${actionId} not found${whenAsked(time)}`);
  return then;
}

@QueryHandler(GetAction)
export class GetActionHandler implements IQueryHandler<GetAction, ActionView> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ actionId, bodies, time }: GetAction): Promise<ActionView> {
    return visibleAction(this.engine, await this.engine.knownAt.at(time.knownAt), actionId, bodies, time);
  }
}

@QueryHandler(ListActions)
export class ListActionsHandler implements IQueryHandler<ListActions, Page<ActionView>> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  /**
   * As of a day, the actions in their plans by then with their standing then; status and lifecycle
   * filters ask of that day, so a page may hold fewer than `limit`: follow `nextCursor`.
   */
  async execute({ filter, bodies, time }: ListActions): Promise<Page<ActionView>> {
    const db = await this.engine.knownAt.at(time.knownAt);
    const bodyIds = await bodyIdsOf(this.engine.db, bodies);
    if (!time.asOf) return listActions(db, { ...filter, bodyIds });
    const { status, lifecycle, ...rest } = filter;
    const page = await listActions(db, { ...rest, bodyIds, createdBy: time.asOf });
    const items = (await actionsOnDay(db, page.items, time.asOf)).filter(
      (action) =>
        (status === undefined || action.status === status) &&
        (lifecycle === undefined || action.lifecycle === lifecycle),
    );
    return { items, nextCursor: page.nextCursor };
  }
}

@QueryHandler(GetRagHistory)
export class GetRagHistoryHandler implements IQueryHandler<
  GetRagHistory,
  { action: ActionView; history: RagHistoryEntry[] }
> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  /** As of a day, the entries for periods and dates up to it; as known at an instant, those recorded by then. */
  async execute({ actionId, bodies, time }: GetRagHistory) {
    const db = await this.engine.knownAt.at(time.knownAt);
    const action = await visibleAction(this.engine, db, actionId, bodies, time);
    const history = await ragHistoryOf(db, actionId);
    return { action, history: history.filter((entry) => !time.asOf || entry.effectiveOn <= time.asOf) };
  }
}
