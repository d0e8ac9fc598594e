import { SqlQueryable } from '#database/sql-database';
import { RAG_STATUSES, RagStatus } from '#domain/action/rag-status';
import { StatusDisplay } from '#domain/body/body-settings';
import { SqlConditions } from '../sql-conditions';
import { POPULATION } from './rag-counts';

export interface RagHistoryEntry {
  eventId: string;
  kind: 'status' | 'completed' | 'reopened' | 'cancelled';
  status: RagStatus | null;
  commentary: string;
  effectiveOn: string;
  /** The reporting quarter a status was set for ("Q2 2026/27"); null before statuses named it. */
  reportingPeriod: string | null;
  recordedAt: string;
  recordedBy: string;
  correctsEventId: string | null;
  correctionReason: string | null;
  supersededBy: string | null;
  supersededAt: string | null;
}

interface HistoryRow {
  event_id: string;
  kind: RagHistoryEntry['kind'];
  status: RagStatus | null;
  commentary: string;
  effective_on: string;
  reporting_period: string | null;
  recorded_at: Date | string;
  recorded_by: string;
  corrects_event_id: string | null;
  correction_reason: string | null;
  superseded_by: string | null;
  superseded_at: Date | string | null;
}

/** Named, not `*`: statements are prepared, and a column added by a later migration must not change their result. */
const HISTORY_COLUMNS =
  'event_id, kind, status, commentary, effective_on, reporting_period, recorded_at, recorded_by, corrects_event_id, correction_reason, superseded_by, superseded_at';

/** Every status the action ever had, corrected entries included and marked, in the order they applied. */
export async function ragHistoryOf(db: SqlQueryable, actionId: string): Promise<RagHistoryEntry[]> {
  const rows = await db.query<HistoryRow>(
    `SELECT ${HISTORY_COLUMNS} FROM rag_history WHERE action_id = $1 ORDER BY effective_on, recorded_at, event_id`,
    [actionId],
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    kind: row.kind,
    status: row.status,
    commentary: row.commentary,
    effectiveOn: row.effective_on,
    reportingPeriod: row.reporting_period,
    recordedAt: new Date(row.recorded_at).toISOString(),
    recordedBy: row.recorded_by,
    correctsEventId: row.corrects_event_id,
    correctionReason: row.correction_reason,
    supersededBy: row.superseded_by,
    supersededAt: row.superseded_at === null ? null : new Date(row.superseded_at).toISOString(),
  }));
}

export interface RagReportQuery {
  bodyId: string;
  plan?: string;
  theme?: string;
  /** Count the status in effect at the end of this day. */
  asOf: string;
  /** Count only what had been recorded by this instant ("what did we know on 10 October?"). */
  knownAt?: string;
}

export interface RagCount {
  count: number;
  percent: number;
  label: string;
  /** The seed's form: "12/20 (60%) Green". */
  summary: string;
}

export interface RagReport {
  bodyId: string;
  plan: string | null;
  theme: string | null;
  asOf: string;
  knownAt: string | null;
  total: number;
  counts: Record<RagStatus, RagCount>;
  /** Actions in the plan by that date with no status reported yet. */
  notReported: RagCount;
}

/**
 * What was known at `knownAt`: the actions recorded by then, and for each the latest entry
 * effective by `asOf` that had been recorded and not yet superseded by then.
 */
function asKnown(query: RagReportQuery & { knownAt: string }): [string, unknown[]] {
  const population = new SqlConditions();
  const asOf = population.param(query.asOf);
  const knownAt = population.param(query.knownAt);
  population
    .add('body_id = $', query.bodyId)
    .add('plan = $', query.plan)
    .add('theme = $', query.theme)
    .and(`created_on <= ${asOf}::date AND recorded_at <= ${knownAt}::timestamptz`);
  return [
    `WITH population AS (SELECT action_id FROM rag_actions WHERE ${population.where}),
     in_effect AS (
       SELECT DISTINCT ON (h.action_id) h.action_id, h.kind, h.status
         FROM rag_history h JOIN population p ON p.action_id = h.action_id
        WHERE h.effective_on <= ${asOf}::date
          AND h.recorded_at <= ${knownAt}::timestamptz
          AND (h.superseded_at IS NULL OR h.superseded_at > ${knownAt}::timestamptz)
        ORDER BY h.action_id, h.effective_on DESC, h.recorded_at DESC
     )
     SELECT CASE WHEN e.kind = 'cancelled' THEN 'CANCELLED' ELSE coalesce(e.status, 'NONE') END AS status,
            count(*)::integer AS count
       FROM population p LEFT JOIN in_effect e ON e.action_id = p.action_id
      GROUP BY 1`,
    population.params,
  ];
}

/** The counts kept (rag-counts.ts) of a body's plan and theme, or of all of them, up to `asOf`. */
export function countsUpTo(query: Omit<RagReportQuery, 'knownAt'>): SqlConditions {
  return new SqlConditions()
    .add('body_id = $', query.bodyId)
    .add('plan = $', query.plan)
    .add('theme_key = $', query.theme)
    .add('on_date <= $::date', query.asOf);
}

/**
 * What is known now, from the counts kept per plan, theme, status and day: the sum of the changes
 * up to the date is each status's count then; the population less every counted status is the
 * actions not yet reported.
 */
function knownNow(query: RagReportQuery): [string, unknown[]] {
  const counts = countsUpTo(query);
  return [
    `WITH counted AS (SELECT status, sum(delta)::integer AS count FROM rag_counts WHERE ${counts.where} GROUP BY status)
     SELECT status, count FROM counted WHERE status <> '${POPULATION}' AND count <> 0
     UNION ALL
     SELECT 'NONE', coalesce((SELECT count FROM counted WHERE status = '${POPULATION}'), 0)
                  - coalesce((SELECT sum(count) FROM counted WHERE status <> '${POPULATION}'), 0)::integer`,
    counts.params,
  ];
}

/** Counts the status each action had in effect on `asOf` (not its latest one). Cancelled actions are not counted. */
export async function ragReport(
  db: SqlQueryable,
  query: RagReportQuery,
  display: Readonly<Record<RagStatus, StatusDisplay>>,
): Promise<RagReport> {
  const { knownAt } = query;
  const rows = await db.query<{ status: RagStatus | 'NONE' | 'CANCELLED'; count: number }>(
    ...(knownAt === undefined ? knownNow(query) : asKnown({ ...query, knownAt })),
  );
  // Cancelled actions are no longer part of the plan: they count nowhere, not even in the total.
  const counted = rows.filter((row) => row.status !== 'CANCELLED');
  const total = counted.reduce((sum, row) => sum + row.count, 0);
  const countOf = (status: string) => counted.find((row) => row.status === status)?.count ?? 0;
  const entry = (count: number, label: string): RagCount => {
    const percent = total === 0 ? 0 : Math.round((count * 100) / total);
    return { count, percent, label, summary: `${count}/${total} (${percent}%) ${label}` };
  };
  const counts = Object.fromEntries(
    RAG_STATUSES.map((status) => [status, entry(countOf(status), display[status].label)]),
  ) as Record<RagStatus, RagCount>;
  return {
    bodyId: query.bodyId,
    plan: query.plan ?? null,
    theme: query.theme ?? null,
    asOf: query.asOf,
    knownAt: query.knownAt ?? null,
    total,
    counts,
    notReported: entry(countOf('NONE'), 'Not yet reported'),
  };
}
