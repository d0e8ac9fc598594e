import { SqlQueryable } from '#database/sql-database';
import { RagStatus } from '#domain/action/rag-status';
import { escapeLike } from '../like-pattern';
import { POPULATION } from '../rag-history/rag-counts';

/** What a register line shows for its status: a BRAG status, cancelled, or nothing reported yet. */
export type RegisterStatus = RagStatus | 'CANCELLED' | 'NONE';

/** One line of a plan's register as it stood at a date: the action, and its status and update then. */
export interface RegisterLine {
  id: string;
  ref: string;
  plan: string;
  theme: string | null;
  title: string;
  leadOfficers: string[];
  dueWritten: string;
  dueDate: string | null;
  status: RegisterStatus;
  /** The commentary of the status in effect, the paper's "Update". */
  update: string | null;
  statusEffectiveOn: string | null;
  exempt: boolean;
}

export const REGISTER_SORTS = ['ref', 'status', 'lead', 'due'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export interface RegisterQuery {
  bodyId: string;
  /** One action's line (its page). */
  actionId?: string;
  plan?: string;
  theme?: string;
  status?: RegisterStatus;
  /** A lead as written on the action, or 'unassigned'. */
  lead?: string;
  /** Text in the ref, the activity, the update in effect or the last progress note. */
  search?: string;
  /** Statuses in effect at the end of this day. */
  asOf: string;
  /** Only what had been recorded by this instant; everything recorded when absent. */
  knownAt?: string;
  sort: RegisterSort;
  limit: number;
  offset: number;
}

export interface RegisterPage {
  lines: RegisterLine[];
  /** Lines matching the filters, on every page. */
  total: number;
}

interface LineRow {
  action_id: string;
  ref: string;
  plan: string;
  theme: string | null;
  title: string;
  lead_officers: string[];
  due_written: string;
  due_date: string | null;
  status: RegisterStatus;
  commentary: string | null;
  effective_on: string | null;
  exempt_category: number | null;
}

/** Worst first, as a reader scanning for trouble wants them; then by ref. */
const ORDER: Record<RegisterSort, string> = {
  ref: 'plan, theme NULLS FIRST, ref, action_id',
  status: `plan, theme NULLS FIRST,
           array_position(ARRAY['RED','AMBER','NONE','WHITE','GREEN','BLUE','CANCELLED'], status), ref, action_id`,
  lead: `plan, theme NULLS FIRST, lead_officers->>0 NULLS FIRST, ref, action_id`,
  due: 'plan, theme NULLS FIRST, due_date NULLS LAST, ref, action_id',
};

/** The status entry in effect on `asOf` as known at `knownAt`: one probe of the action's entries. */
const STATUS_IN_EFFECT = `
  LEFT JOIN LATERAL (
    SELECT h.kind, h.status, h.commentary, h.effective_on::text FROM rag_history h
     WHERE h.action_id = a.action_id AND h.effective_on <= $4::date AND h.recorded_at <= $5::timestamptz
       AND (h.superseded_at IS NULL OR h.superseded_at > $5::timestamptz)
     ORDER BY h.effective_on DESC, h.recorded_at DESC LIMIT 1
  ) e ON true`;
const LINE_STATUS = `CASE WHEN e.kind = 'cancelled' THEN 'CANCELLED' ELSE coalesce(e.status, 'NONE') END`;
/** The actions in the plan by `asOf` as known at `knownAt`, filtered by what they say of themselves. */
const IN_PLAN = `
  WHERE a.body_id = $1 AND ($2::text IS NULL OR a.plan = $2) AND ($3::text IS NULL OR a.theme = $3)
    AND r.created_on <= $4::date AND r.recorded_at <= $5::timestamptz
    AND ($6::text IS NULL OR a.lead_officers ? $6 OR ($6 = 'unassigned' AND a.lead_officers = '[]'::jsonb))
    AND ($7::uuid IS NULL OR a.action_id = $7::uuid)`;
const LINE_COLUMNS = `a.action_id, a.ref, a.plan, a.theme, a.title, a.lead_officers, a.due_written,
  a.due_date::text AS due_date, a.exempt_category`;

/** Every line's status first, then the filters and order that need it, then the page. */
const STATUS_FIRST = (sort: RegisterSort) => `
  SELECT *, count(*) OVER ()::integer AS total FROM (
    SELECT ${LINE_COLUMNS}, ${LINE_STATUS} AS status, e.commentary, e.effective_on
      FROM action_register a JOIN rag_actions r ON r.action_id = a.action_id ${STATUS_IN_EFFECT}
     ${IN_PLAN}
       AND ($8::text IS NULL OR a.title ILIKE '%' || $8 || '%' OR a.ref ILIKE '%' || $8 || '%'
            OR e.commentary ILIKE '%' || $8 || '%' OR a.last_progress_note ILIKE '%' || $8 || '%')
  ) lines
   WHERE $9::text IS NULL OR status = $9
   ORDER BY ${ORDER[sort]}
   LIMIT $10 OFFSET $11`;

/**
 * The page first (no filter or order needs a status), then the status of its lines alone. In the
 * order by ref the index of migration 0131 gives the lines in order, so a page reads its own.
 */
const PAGE_FIRST = (sort: RegisterSort) => `
  SELECT page.*, ${LINE_STATUS} AS status, e.commentary, e.effective_on FROM (
    SELECT ${LINE_COLUMNS}
      FROM action_register a JOIN rag_actions r ON r.action_id = a.action_id
     ${IN_PLAN}
     ORDER BY ${ORDER[sort]}
     LIMIT $8 OFFSET $9
  ) page CROSS JOIN LATERAL (SELECT page.action_id) AS a ${STATUS_IN_EFFECT}
   ORDER BY ${ORDER[sort]}`;

/** The lines of the page-first path, counted apart: counting beside the page read every line's row. */
const LINES_COUNTED = `
  SELECT count(*)::integer AS total FROM action_register a JOIN rag_actions r ON r.action_id = a.action_id
   ${IN_PLAN}`;

/**
 * The actions in the plan by `asOf` (and recorded by `knownAt`), each with the latest status entry
 * in effect on that day as known then: the same rule the RAG report counts by, so the lines and the
 * status key agree. A page at a time, with the total for paging.
 */
export async function registerAsAt(db: SqlQueryable, query: RegisterQuery): Promise<RegisterPage> {
  // Unless a filter or the order needs every line's status, the page is chosen first and only its
  // lines look up their status (a hundred probes, not one per action of the plan).
  const statusFirst = query.status !== undefined || query.search !== undefined || query.sort === 'status';
  const inPlan = [
    query.bodyId,
    query.plan ?? null,
    query.theme ?? null,
    query.asOf,
    query.knownAt ?? 'infinity',
    query.lead ?? null,
    query.actionId ?? null,
  ];
  const page = [query.limit, query.offset];
  if (statusFirst) {
    const rows = await db.query<LineRow & { total: number }>(STATUS_FIRST(query.sort), [
      ...inPlan,
      query.search ? escapeLike(query.search) : null,
      query.status ?? null,
      ...page,
    ]);
    return { lines: rows.map(toLine), total: rows[0]?.total ?? 0 };
  }
  const [rows, [{ total }]] = await Promise.all([
    db.query<LineRow>(PAGE_FIRST(query.sort), [...inPlan, ...page]),
    countedByPopulation(query)
      ? db.query<{ total: number }>(POPULATION_COUNTED, [
          query.bodyId,
          query.plan ?? null,
          query.theme ?? null,
          query.asOf,
        ])
      : db.query<{ total: number }>(LINES_COUNTED, inPlan),
  ]);
  return { lines: rows.map(toLine), total };
}

/**
 * Known now, of a plan or theme or the whole body, the lines are the actions in the plan by the
 * day: the RAG counts keep that number per plan, theme and day (POPULATION), the same number the
 * page's status key shows, and a sum of a few rows costs less than counting the body's actions.
 */
const POPULATION_COUNTED = `
  SELECT coalesce(sum(delta), 0)::integer AS total FROM rag_counts
   WHERE body_id = $1 AND ($2::text IS NULL OR plan = $2) AND ($3::text IS NULL OR theme_key = $3)
     AND status = '${POPULATION}' AND on_date <= $4::date`;

function countedByPopulation(query: RegisterQuery): boolean {
  return (
    query.knownAt === undefined &&
    query.lead === undefined &&
    query.actionId === undefined &&
    query.theme !== ''
  );
}

function toLine(row: LineRow): RegisterLine {
  return {
    id: row.action_id,
    ref: row.ref,
    plan: row.plan,
    theme: row.theme,
    title: row.title,
    leadOfficers: row.lead_officers,
    dueWritten: row.due_written,
    dueDate: row.due_date,
    status: row.status,
    update: row.commentary,
    statusEffectiveOn: row.effective_on,
    exempt: row.exempt_category !== null,
  };
}

type RegisterChoices = { plans: { plan: string; themes: string[] }[]; leads: string[] };

/** Each database's choices per body, with the state of the read model they were read from. */
const choicesRead = new WeakMap<
  SqlQueryable,
  Map<string, { readonly at: string; readonly choices: RegisterChoices }>
>();

/**
 * The plans of a body with their themes and the leads named on their actions: what the filters
 * offer. Read again only when the register has changed since (its checkpoint row moves with every
 * batch and every retried event), as the register page asks on every view.
 */
export async function registerChoices(db: SqlQueryable, bodyId: string): Promise<RegisterChoices> {
  const [checkpoint] = await db.query<{ at: string }>(
    `SELECT concat_ws('/', commit_position, prepare_position, updated_at) AS at FROM projection_checkpoints
      WHERE projection = 'action_register'`,
  );
  const kept = choicesRead.get(db) ?? new Map();
  choicesRead.set(db, kept);
  const known = kept.get(bodyId);
  if (checkpoint && known?.at === checkpoint.at) return known.choices;
  const choices = await readChoices(db, bodyId);
  if (checkpoint) kept.set(bodyId, { at: checkpoint.at, choices });
  return choices;
}

async function readChoices(db: SqlQueryable, bodyId: string): Promise<RegisterChoices> {
  const themes = await db.query<{ plan: string; theme: string | null }>(
    'SELECT DISTINCT plan, theme FROM action_register WHERE body_id = $1 ORDER BY plan, theme',
    [bodyId],
  );
  const leads = await db.query<{ lead: string }>(
    `SELECT DISTINCT jsonb_array_elements_text(lead_officers) AS lead FROM action_register
      WHERE body_id = $1 ORDER BY lead`,
    [bodyId],
  );
  const plans = new Map<string, string[]>();
  for (const row of themes) {
    const list = plans.get(row.plan) ?? [];
    if (row.theme !== null) list.push(row.theme);
    plans.set(row.plan, list);
  }
  return {
    plans: [...plans].map(([plan, list]) => ({ plan, themes: list })),
    leads: leads.map((row) => row.lead),
  };
}
