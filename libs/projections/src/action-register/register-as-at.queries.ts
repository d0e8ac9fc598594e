import { SqlQueryable } from '#database/sql-database';
import { RagStatus } from '#domain/action/rag-status';
import { escapeLike } from '../like-pattern';
import { POPULATION } from '../rag-history/rag-counts';
import { countsUpTo } from '../rag-history/rag-history.queries';
import { SqlConditions } from '../sql-conditions';

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

const LINE_STATUS = `CASE WHEN e.kind = 'cancelled' THEN 'CANCELLED' ELSE coalesce(e.status, 'NONE') END`;
const LINE_COLUMNS = `a.action_id, a.ref, a.plan, a.theme, a.title, a.lead_officers, a.due_written,
  a.due_date::text AS due_date, a.exempt_category`;
const LINES_FROM = 'action_register a JOIN rag_actions r ON r.action_id = a.action_id';

/**
 * The lines of a read, with only the filters asked for (see SqlConditions): the actions in the plan
 * by `asOf` as known at `knownAt`, filtered by what they say of themselves; and the status entry
 * each shows, the one in effect on `asOf` as known then (one probe of the action's entries).
 */
function linesOf(query: RegisterQuery): { where: SqlConditions; statusInEffect: string } {
  const where = new SqlConditions();
  const asOf = where.param(query.asOf);
  where
    .add('a.body_id = $', query.bodyId)
    .add('a.plan = $', query.plan)
    .add('a.theme = $', query.theme)
    .and(`r.created_on <= ${asOf}::date`)
    .add(`(a.lead_officers ? $ OR ($ = 'unassigned' AND a.lead_officers = '[]'::jsonb))`, query.lead)
    .add('a.action_id = $::uuid', query.actionId);
  // Known now, the entries in effect are those no later entry has superseded.
  let known = 'h.superseded_at IS NULL';
  if (query.knownAt !== undefined) {
    const knownAt = where.param(query.knownAt);
    where.and(`r.recorded_at <= ${knownAt}::timestamptz`);
    known = `h.recorded_at <= ${knownAt}::timestamptz
             AND (h.superseded_at IS NULL OR h.superseded_at > ${knownAt}::timestamptz)`;
  }
  const statusInEffect = `
    LEFT JOIN LATERAL (
      SELECT h.kind, h.status, h.commentary, h.effective_on::text FROM rag_history h
       WHERE h.action_id = a.action_id AND h.effective_on <= ${asOf}::date AND ${known}
       ORDER BY h.effective_on DESC, h.recorded_at DESC LIMIT 1
    ) e ON true`;
  return { where, statusInEffect };
}

/** Every line's status first, then the filters and order that need it, then the page. */
async function statusFirst(db: SqlQueryable, query: RegisterQuery): Promise<RegisterPage> {
  const { where, statusInEffect } = linesOf(query);
  where.add(
    `(a.title ILIKE '%' || $ || '%' OR a.ref ILIKE '%' || $ || '%'
      OR e.commentary ILIKE '%' || $ || '%' OR a.last_progress_note ILIKE '%' || $ || '%')`,
    query.search ? escapeLike(query.search) : undefined,
  );
  const status = query.status === undefined ? 'true' : `status = ${where.param(query.status)}`;
  const rows = await db.query<LineRow & { total: number }>(
    `SELECT *, count(*) OVER ()::integer AS total FROM (
       SELECT ${LINE_COLUMNS}, ${LINE_STATUS} AS status, e.commentary, e.effective_on
         FROM ${LINES_FROM} ${statusInEffect}
        WHERE ${where.where}
     ) lines
      WHERE ${status}
      ORDER BY ${ORDER[query.sort]}
      LIMIT ${where.param(query.limit)} OFFSET ${where.param(query.offset)}`,
    where.params,
  );
  return { lines: rows.map(toLine), total: rows[0]?.total ?? 0 };
}

/**
 * The page first (no filter or order needs a status), then the status of its lines alone. In the
 * order by ref the index of migration 0131 gives the lines in order, so a page reads its own.
 */
async function pageFirst(db: SqlQueryable, query: RegisterQuery): Promise<RegisterLine[]> {
  const { where, statusInEffect } = linesOf(query);
  const rows = await db.query<LineRow>(
    `SELECT page.*, ${LINE_STATUS} AS status, e.commentary, e.effective_on FROM (
       SELECT ${LINE_COLUMNS} FROM ${LINES_FROM}
        WHERE ${where.where}
        ORDER BY ${ORDER[query.sort]}
        LIMIT ${where.param(query.limit)} OFFSET ${where.param(query.offset)}
     ) page CROSS JOIN LATERAL (SELECT page.action_id) AS a ${statusInEffect}
      ORDER BY ${ORDER[query.sort]}`,
    where.params,
  );
  return rows.map(toLine);
}

/**
 * How many lines the page-first path has on every page. Known now, of a plan or theme or the whole
 * body, the lines are the actions in the plan by the day: the RAG counts keep that number per plan,
 * theme and day (POPULATION), the same number the page's status key shows, and a sum of a few rows
 * costs less than counting the body's actions. Otherwise the lines are counted apart from the page
 * (counting beside the page read every line's row).
 */
async function linesCounted(db: SqlQueryable, query: RegisterQuery): Promise<number> {
  const byPopulation =
    query.knownAt === undefined &&
    query.lead === undefined &&
    query.actionId === undefined &&
    query.theme !== '';
  if (!byPopulation) {
    const { where } = linesOf(query);
    const [{ total }] = await db.query<{ total: number }>(
      `SELECT count(*)::integer AS total FROM ${LINES_FROM} WHERE ${where.where}`,
      where.params,
    );
    return total;
  }
  const where = countsUpTo(query).and(`status = '${POPULATION}'`);
  const [{ total }] = await db.query<{ total: number }>(
    `SELECT coalesce(sum(delta), 0)::integer AS total FROM rag_counts WHERE ${where.where}`,
    where.params,
  );
  return total;
}

/**
 * The actions in the plan by `asOf` (and recorded by `knownAt`), each with the latest status entry
 * in effect on that day as known then: the same rule the RAG report counts by, so the lines and the
 * status key agree. A page at a time, with the total for paging.
 */
export async function registerAsAt(db: SqlQueryable, query: RegisterQuery): Promise<RegisterPage> {
  // Unless a filter or the order needs every line's status, the page is chosen first and only its
  // lines look up their status (a hundred probes, not one per action of the plan).
  if (query.status !== undefined || query.search !== undefined || query.sort === 'status')
    return statusFirst(db, query);
  const [lines, total] = await Promise.all([pageFirst(db, query), linesCounted(db, query)]);
  return { lines, total };
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
