import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DEFAULT_BODY_SETTINGS } from '#domain/body/body-settings';
import { Compliance, complianceOf } from '#domain/decision/decision-compliance';
import { withoutExemptInformation } from '#domain/decision/decision-exemption';
import { decisionOnDay } from '#domain/decision/decision-on-day';
import { callInAsOf, DecisionStatus, decisionStatusOf } from '#domain/decision/decision-status';
import { DecisionDocument, Evidence } from '#domain/decision/decision.document';
import { IsoDate } from '#domain/shared/event';
import { localDateOf } from '#domain/shared/time-zone';
import { SqlQueryable } from '#database/sql-database';
import { ActionView, actionsFallingDue } from '#projections/action-register/action-register.queries';
import { findBody } from '#projections/bodies/bodies.queries';
import { Page } from '#projections/cursor';
import {
  currentExemptions,
  DecisionFilter,
  decisionsExistingOn,
  findDecision,
  forwardPlan,
  ForwardPlanQuery,
  listDecisions,
  StoredDecision,
} from '#projections/decisions/decisions.queries';
import { bodyIdsOf } from '../auth/readable-bodies';
import { decisionTitle } from '#domain/decision/decision-title';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { ReadTime, whenAsked } from '../http/time-travel.dto';

/** A decision as the API shows it: its facts, where it stands, and how it stands against the rules. */
export type DecisionView = Omit<DecisionDocument, 'evidence'> & {
  id: string;
  bodyId: string;
  version: number;
  updatedAt: string;
  /** "Executive Decision 67" once numbered, in the body's series label. */
  title: string | null;
  status: DecisionStatus;
  compliance: Compliance;
  /** Every event that bears on the rules, oldest first. */
  evidence: Evidence[];
  /** True when exempt parts were replaced by a placeholder for this reader. */
  exemptInformationHidden: boolean;
};

/** Who reads: members of the body see exempt information; the public sees that it exists. */
export type Audience = 'members' | 'public';

/**
 * The views of stored decisions where they stand on the day of `at` on their body's calendar, or on
 * `day` when given: then as they stood at its end (facts dated later undone, see decisionOnDay).
 */
export async function decisionViewsOf(
  db: SqlQueryable,
  stored: readonly StoredDecision[],
  audience: Audience,
  at: Date,
  day?: IsoDate,
): Promise<DecisionView[]> {
  const bodies = new Map<string, Awaited<ReturnType<typeof findBody>>>();
  for (const bodyId of new Set(stored.map((s) => s.bodyId))) bodies.set(bodyId, await findBody(db, bodyId));
  // A past version (asOf) may predate the exemption: the public sees the exemption as it is now.
  const exemptNow =
    audience === 'public'
      ? await currentExemptions(
          db,
          stored.map((s) => s.id),
        )
      : new Map<string, null>();
  return stored.map((s) => {
    const settings = bodies.get(s.bodyId)?.settings ?? DEFAULT_BODY_SETTINGS;
    // Where the decision stands today on its body's calendar.
    const today = day ?? localDateOf(at, settings.timeZone);
    const then = day ? decisionOnDay(s.decision, day) : s.decision;
    const exemption = exemptNow.get(s.id) ?? then.exemption;
    const hide = audience === 'public' && exemption !== null;
    const decision = hide ? withoutExemptInformation({ ...then, exemption }) : then;
    const { evidence, ...facts } = decision;
    return {
      id: s.id,
      bodyId: s.bodyId,
      version: s.version,
      updatedAt: s.updatedAt,
      title: decisionTitle(decision, settings.decisions.seriesLabel),
      status: decisionStatusOf(decision, today),
      ...facts,
      callIn: callInAsOf(decision, today),
      compliance: complianceOf(decision, today, settings.statutoryPeriods),
      evidence: Object.values(evidence).sort((a, b) => (a.on ?? '').localeCompare(b.on ?? '')),
      exemptInformationHidden: hide,
    };
  });
}

export class GetDecision {
  constructor(
    readonly decisionId: string,
    readonly bodies: readonly string[] | 'all',
    readonly audience: Audience,
    readonly time: ReadTime = {},
  ) {}
}

export class ListDecisions {
  constructor(
    readonly filter: Omit<DecisionFilter, 'bodyIds' | 'publicOnly'>,
    readonly bodies: readonly string[] | 'all',
    readonly audience: Audience,
    readonly time: ReadTime = {},
  ) {}
}

export class GetForwardPlan {
  constructor(
    readonly query: Omit<ForwardPlanQuery, 'bodyIds' | 'publishedOnly'>,
    readonly bodies: readonly string[] | 'all',
    readonly audience: Audience,
    readonly includeActions: boolean,
    /** The plan as recorded by this instant (a replay); its compliance on `asOf`'s day still. */
    readonly knownAt?: string,
  ) {}
}

export interface ForwardPlanPage extends Page<DecisionView> {
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  /** Open actions due in the window, when asked for (members only). */
  readonly actions?: ActionView[];
}

/**
 * One decision as it stood then (known at `time.knownAt`, on `time.asOf`'s day), or null when the
 * readers' bodies do not hold it, it did not exist yet, or the public may not know of it.
 */
export async function decisionThen(
  engine: Engine,
  decisionId: string,
  bodyIds: readonly string[],
  audience: Audience,
  time: ReadTime,
): Promise<DecisionView | null> {
  return (await decisionAndRecordThen(engine, decisionId, bodyIds, audience, time))?.view ?? null;
}

/** The decision as it stood then, with the record it was read from (as known then). */
export async function decisionAndRecordThen(
  engine: Engine,
  decisionId: string,
  bodyIds: readonly string[],
  audience: Audience,
  time: ReadTime,
): Promise<{ view: DecisionView; stored: StoredDecision } | null> {
  const db = await engine.knownAt.at(time.knownAt);
  const stored = await findDecision(db, decisionId, bodyIds);
  if (!stored || (time.asOf && (await decisionsExistingOn(db, [stored.id], time.asOf)).size === 0))
    return null;
  // The public only knows of a decision once its notice or record is published.
  if (audience === 'public' && !isPublished(stored.decision)) return null;
  const [view] = await decisionViewsOf(db, [stored], audience, engine.clock(), time.asOf);
  return { view, stored };
}

/**
 * A page of the register as it stood then: as of a day, the decisions that existed by then as they
 * stood then; a stage filter asks of that day, so a page may hold fewer than `limit`: follow
 * `nextCursor`.
 */
export async function decisionsThen(
  engine: Engine,
  filter: Omit<DecisionFilter, 'publicOnly'>,
  audience: Audience,
  time: ReadTime,
): Promise<Page<DecisionView>> {
  const db = await engine.knownAt.at(time.knownAt);
  const { stages, ...rest } = filter;
  const page = await listDecisions(db, { ...(time.asOf ? rest : filter), publicOnly: audience === 'public' });
  const asOf = time.asOf;
  if (!asOf)
    return {
      items: await decisionViewsOf(db, page.items, audience, engine.clock()),
      nextCursor: page.nextCursor,
    };
  const existing = await decisionsExistingOn(
    db,
    page.items.map((stored) => stored.id),
    asOf,
  );
  const then = page.items
    .filter((stored) => existing.has(stored.id))
    .filter((stored) => !stages || stages.includes(decisionOnDay(stored.decision, asOf).stage));
  return {
    items: await decisionViewsOf(db, then, audience, engine.clock(), asOf),
    nextCursor: page.nextCursor,
  };
}

export function isPublished(decision: DecisionDocument): boolean {
  return (
    decision.noticePublishedOn !== null ||
    decision.recordPublishedOn !== null ||
    decision.generalException !== null ||
    decision.specialUrgency !== null
  );
}

@QueryHandler(GetDecision)
export class GetDecisionHandler implements IQueryHandler<GetDecision, DecisionView> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ decisionId, bodies, audience, time }: GetDecision): Promise<DecisionView> {
    const bodyIds = await bodyIdsOf(this.engine.db, bodies);
    const view = await decisionThen(this.engine, decisionId, bodyIds, audience, time);
    if (!view) throw new NotFoundException(`decision ${decisionId} not found${whenAsked(time)}`);
    return view;
  }
}

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions, Page<DecisionView>> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ filter, bodies, audience, time }: ListDecisions): Promise<Page<DecisionView>> {
    return decisionsThen(
      this.engine,
      { ...filter, bodyIds: await bodyIdsOf(this.engine.db, bodies) },
      audience,
      time,
    );
  }
}

@QueryHandler(GetForwardPlan)
export class GetForwardPlanHandler implements IQueryHandler<GetForwardPlan, ForwardPlanPage> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({
    query,
    bodies,
    audience,
    includeActions,
    knownAt,
  }: GetForwardPlan): Promise<ForwardPlanPage> {
    const db = await this.engine.knownAt.at(knownAt);
    const bodyIds = await bodyIdsOf(this.engine.db, bodies);
    const asOf = query.asOf ?? (knownAt ? new Date(knownAt) : this.engine.clock());
    const page = await forwardPlan(db, {
      ...query,
      asOf: knownAt ? new Date(knownAt) : asOf,
      bodyIds,
      publishedOnly: audience === 'public',
    });
    // Compliance as it stood that day: a past plan shows the flags it showed then.
    const items = await decisionViewsOf(db, page.items, audience, asOf);
    return {
      from: query.from,
      to: query.to,
      asOf: asOf.toISOString(),
      items,
      nextCursor: page.nextCursor,
      ...(includeActions && audience === 'members' && !query.cursor
        ? { actions: await actionsFallingDue(db, bodyIds, query.from, query.to) }
        : {}),
    };
  }
}
