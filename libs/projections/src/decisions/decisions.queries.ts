import { SqlQueryable } from '#database/sql-database';
import { DecisionDocument, DecisionStage } from '#domain/decision/decision.document';
import { IsoDate } from '#domain/shared/event';
import { decodeCursor, encodeCursor, InvalidCursorError, Page } from '../cursor';
import { PagePerBody } from '../page-per-body';
import { escapeLike } from '../like-pattern';
import { isUuid } from '#domain/shared/uuid-text';

/** One decision as stored: its id, body, version and document. */
export interface StoredDecision {
  readonly id: string;
  readonly bodyId: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly decision: DecisionDocument;
}

interface DecisionRow {
  decision_id: string;
  body_id: string;
  version: number;
  updated_at: Date | string;
  state: DecisionDocument;
}

const toStored = (row: DecisionRow): StoredDecision => ({
  id: row.decision_id,
  bodyId: row.body_id,
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
  decision: row.state,
});

export async function findDecision(
  db: SqlQueryable,
  decisionId: string,
  bodyIds: readonly string[],
): Promise<StoredDecision | null> {
  if (!isUuid(decisionId)) return null;
  const [row] = await db.query<DecisionRow>(
    `SELECT decision_id, body_id, version, updated_at, state FROM decisions
      WHERE decision_id = $1 AND body_id = ANY($2::text[])`,
    [decisionId, bodyIds],
  );
  return row ? toStored(row) : null;
}

export interface DecisionFilter {
  readonly bodyIds: readonly string[];
  readonly stages?: readonly DecisionStage[];
  readonly significantPublicInterest?: boolean;
  readonly keyDecision?: boolean;
  /** Words to find; searched in the public text only when `publicOnly`. */
  readonly search?: string;
  readonly takenFrom?: IsoDate;
  readonly takenTo?: IsoDate;
  /** Only decisions whose record has been published (the public register). */
  readonly recordPublishedOnly?: boolean;
  /** Only what the public may see of it is searched (exempt text never matches). */
  readonly publicOnly: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The register: decisions by body, newest number first, then those not yet numbered, a page at a
 * time (see PagePerBody), in the order of their index (migration 0129).
 */
export async function listDecisions(db: SqlQueryable, filter: DecisionFilter): Promise<Page<StoredDecision>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, 3).map(String) : undefined;
  // The number is an integer column's: anything else must not reach its cast.
  if (after && !(Number.isInteger(Number(after[1])) && Math.abs(Number(after[1])) < 2 ** 31))
    throw new InvalidCursorError();
  const where = new PagePerBody(filter.bodyIds, filter.limit + 1, 'd');
  where.add('d.stage = ANY($::text[])', filter.stages);
  where.add('d.significant_public_interest = $', filter.significantPublicInterest);
  where.add('d.key_decision = $', filter.keyDecision);
  where.add(
    `d.${filter.publicOnly ? 'public_search_text' : 'search_text'} LIKE '%' || $ || '%'`,
    filter.search ? escapeLike(filter.search.toLowerCase()) : undefined,
  );
  where.add('d.taken_on >= $::date', filter.takenFrom);
  where.add('d.taken_on <= $::date', filter.takenTo);
  where.add(
    '(d.body_id, -coalesce(d.number, 0), d.decision_id::text) > (($::text[])[1], ($::text[])[2]::integer, ($::text[])[3])',
    after,
  );
  where.addWhen(filter.recordPublishedOnly, "d.state->>'recordPublishedOn' IS NOT NULL");
  const rows = await db.query<DecisionRow & { sort_number: number }>(
    where.statement({
      columns: 'decision_id, body_id, version, updated_at, state, sort_number',
      select: 'decision_id, body_id, version, updated_at, state, coalesce(number, 0) AS sort_number',
      from: 'decisions d',
      order: 'd.body_id, -coalesce(d.number, 0), d.decision_id::text',
      merged: 'body_id, -sort_number, decision_id::text',
    }),
    where.params,
  );
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toStored),
    nextCursor:
      rows.length > filter.limit ? encodeCursor([last.body_id, -last.sort_number, last.decision_id]) : null,
  };
}

export interface ForwardPlanQuery {
  readonly bodyIds: readonly string[];
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The instant the plan is read as the engine knew it then; now when absent. */
  readonly asOf?: Date;
  /** Only decisions whose notice is public (or that an exception route covers). */
  readonly publishedOnly: boolean;
  readonly keyOnly: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Forthcoming decisions expected in a date window, as they stood at `asOf`: each decision's
 * version the engine held at that instant, so later changes never alter a past plan.
 */
export async function forwardPlan(db: SqlQueryable, query: ForwardPlanQuery): Promise<Page<StoredDecision>> {
  const after = query.cursor ? decodeCursor(query.cursor, 3) : null;
  const rows = await db.query<DecisionRow & { expected_on: string }>(
    `SELECT decision_id, body_id, version, known_from AS updated_at, state, expected_on FROM decision_history
      WHERE body_id = ANY($1::text[])
        AND expected_on >= $2::date AND expected_on <= $3::date
        AND known_from <= $4::timestamptz AND (known_until IS NULL OR known_until > $4::timestamptz)
        AND stage = 'proposed'
        AND (NOT $5::boolean OR notice_published_on IS NOT NULL
             OR state->'generalException' <> 'null'::jsonb OR state->'specialUrgency' <> 'null'::jsonb)
        AND (NOT $6::boolean OR (state->>'keyDecision')::boolean)
        AND ($7::date IS NULL OR (expected_on, body_id, decision_id::text) > ($7::date, $8, $9))
      ORDER BY expected_on, body_id, decision_id::text
      LIMIT $10`,
    [
      query.bodyIds,
      query.from,
      query.to,
      (query.asOf ?? new Date()).toISOString(),
      query.publishedOnly,
      query.keyOnly,
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      query.limit + 1,
    ],
  );
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toStored),
    nextCursor:
      rows.length > query.limit ? encodeCursor([last.expected_on, last.body_id, last.decision_id]) : null,
  };
}

/** Decisions with a public notice or record, most recently changed first: the source of the feeds. */
export async function publishedDecisions(
  db: SqlQueryable,
  bodyId: string,
  limit: number,
): Promise<StoredDecision[]> {
  const rows = await db.query<DecisionRow>(
    `SELECT decision_id, body_id, version, updated_at, state FROM decisions
      WHERE body_id = $1
        AND (state->>'noticePublishedOn' IS NOT NULL OR state->>'recordPublishedOn' IS NOT NULL)
      ORDER BY updated_at DESC, decision_id
      LIMIT $2`,
    [bodyId, limit],
  );
  return rows.map(toStored);
}

/** Each decision's exemption as it stands now: what is exempt now is never published, whatever the date asked. */
export async function currentExemptions(
  db: SqlQueryable,
  ids: readonly string[],
): Promise<Map<string, DecisionDocument['exemption']>> {
  const rows = await db.query<{ decision_id: string; exemption: DecisionDocument['exemption'] }>(
    `SELECT decision_id::text AS decision_id, state->'exemption' AS exemption FROM decisions
      WHERE decision_id = ANY($1::uuid[])`,
    [ids.filter(isUuid)],
  );
  return new Map(rows.map((row) => [row.decision_id, row.exemption ?? null]));
}

/**
 * Which of the decisions existed at the end of `day` on their body's calendar: taken by then, or
 * first recorded by then (a decision taken earlier and recorded late existed from its taking).
 */
export async function decisionsExistingOn(
  db: SqlQueryable,
  ids: readonly string[],
  day: IsoDate,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ decision_id: string }>(
    `SELECT d.decision_id::text AS decision_id FROM decisions d
      WHERE d.decision_id = ANY($1::uuid[])
        AND (d.taken_on <= $2::date OR EXISTS (
          SELECT 1 FROM decision_history h JOIN bodies b ON b.body_id = h.body_id
           WHERE h.decision_id = d.decision_id
             AND (h.known_from AT TIME ZONE coalesce(b.settings->>'timeZone', 'Europe/London'))::date <= $2::date))`,
    [ids.filter(isUuid), day],
  );
  return new Set(rows.map((row) => row.decision_id));
}
