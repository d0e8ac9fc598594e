import { SqlQueryable } from '#database/sql-database';
import { DueDatePrecision } from '#domain/action/due-date';
import { ActionLifecycle } from '#domain/action/action.state';
import { RagStatus } from '#domain/action/rag-status';
import { isUuid } from '#domain/shared/uuid-text';
import { decodeCursor, encodeCursor, InvalidCursorError, Page } from '../cursor';
import { PagePerBody } from '../page-per-body';
import { escapeLike } from '../like-pattern';
import { RegisterRow } from './action-register.rows';

export interface ActionView {
  id: string;
  bodyId: string;
  ref: string;
  plan: string;
  theme: string | null;
  title: string;
  leadOfficers: string[];
  /** For each lead, the person of the directory it names, or null. */
  leadPersonIds: (string | null)[];
  deliverable: string | null;
  objective: string | null;
  dueDate: { written: string; date: string | null; precision: DueDatePrecision };
  status: RagStatus | null;
  statusCommentary: string | null;
  statusEffectiveOn: string | null;
  lifecycle: ActionLifecycle;
  createdOn: string;
  /** Raised by an exempt agenda item: its Schedule 12A paragraph goes with it. */
  exemption: { category: number; reason: string } | null;
  lastProgress: { note: string; reportedOn: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionFilter {
  bodyIds: readonly string[];
  plan?: string;
  theme?: string;
  status?: RagStatus;
  lifecycle?: ActionLifecycle;
  lead?: string;
  dueBefore?: string;
  search?: string;
  /** Only actions in their plan by this day. */
  createdBy?: string;
  limit: number;
  cursor?: string;
}

/** The columns a view is made of: not the ids of the entries the status and progress came from. */
type ActionRow = Omit<RegisterRow, 'status_event_id' | 'last_progress_event_id'>;

/** Named, not `*`: statements are prepared, and a column added by a later migration must not change their result. */
const ACTION_COLUMNS =
  'action_id, body_id, ref, plan, theme, title, lead_officers, lead_person_ids, deliverable, objective, due_written, due_date, due_precision, status, status_commentary, status_effective_on, lifecycle, created_on, exempt_category, exempt_reason, last_progress_note, last_progress_on, version, created_at, updated_at';

function toView(row: ActionRow): ActionView {
  return {
    id: row.action_id,
    bodyId: row.body_id,
    ref: row.ref,
    plan: row.plan,
    theme: row.theme,
    title: row.title,
    leadOfficers: row.lead_officers,
    leadPersonIds: row.lead_person_ids,
    deliverable: row.deliverable,
    objective: row.objective,
    dueDate: { written: row.due_written, date: row.due_date, precision: row.due_precision },
    status: row.status,
    statusCommentary: row.status_commentary,
    statusEffectiveOn: row.status_effective_on,
    lifecycle: row.lifecycle,
    createdOn: row.created_on,
    exemption:
      row.exempt_category !== null
        ? { category: row.exempt_category, reason: row.exempt_reason ?? '' }
        : null,
    lastProgress:
      row.last_progress_note !== null && row.last_progress_on !== null
        ? { note: row.last_progress_note, reportedOn: row.last_progress_on }
        : null,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function findAction(
  db: SqlQueryable,
  actionId: string,
  bodyIds: readonly string[],
): Promise<ActionView | null> {
  const [row] = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM action_register WHERE action_id = $1 AND body_id = ANY($2::text[])`,
    [actionId, bodyIds],
  );
  return row ? toView(row) : null;
}

/** The body's actions with these refs (a ref is unique within a plan; the same ref in two plans gives both). */
export async function actionsWithRefs(
  db: SqlQueryable,
  bodyId: string,
  refs: readonly string[],
): Promise<ActionView[]> {
  if (refs.length === 0) return [];
  const rows = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM action_register WHERE body_id = $1 AND ref = ANY($2::text[]) ORDER BY plan, ref`,
    [bodyId, [...refs]],
  );
  return rows.map(toView);
}

/**
 * Actions in plan and ref order, a page at a time (keyset pagination: stable under inserts; see
 * PagePerBody); the order breaks ties by the action's id as a uuid, which the index by plan holds.
 */
export async function listActions(db: SqlQueryable, filter: ActionFilter): Promise<Page<ActionView>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, 3).map(String) : undefined;
  if (after && !isUuid(after[2])) throw new InvalidCursorError();
  const where = new PagePerBody(filter.bodyIds, filter.limit + 1, 'a');
  where.add('a.plan = $', filter.plan);
  where.add('a.theme = $', filter.theme);
  where.add('a.status = $', filter.status);
  where.add('a.lifecycle = $', filter.lifecycle);
  if (filter.lead === 'unassigned')
    where.add("(a.lead_officers ? $ OR a.lead_officers = '[]'::jsonb)", filter.lead);
  else where.add('a.lead_officers ? $', filter.lead);
  where.add('a.due_date <= $::date', filter.dueBefore);
  where.add(
    "(a.title ILIKE '%' || $ || '%' OR a.ref ILIKE '%' || $ || '%')",
    filter.search && escapeLike(filter.search),
  );
  where.add('a.created_on <= $::date', filter.createdBy);
  where.add('(a.plan, a.ref, a.action_id) > (($::text[])[1], ($::text[])[2], ($::text[])[3]::uuid)', after);
  const rows = await db.query<ActionRow>(
    where.statement({
      columns: ACTION_COLUMNS,
      from: 'action_register a',
      order: 'a.plan, a.ref, a.action_id',
      merged: 'plan, ref, action_id',
    }),
    where.params,
  );
  const items = rows.slice(0, filter.limit).map(toView);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit ? encodeCursor([last.plan, last.ref, last.id]) : null,
  };
}

/** Open actions with a due date in a window, soonest first: what the forward plan shows beside decisions. */
export async function actionsFallingDue(
  db: SqlQueryable,
  bodyIds: readonly string[],
  from: string,
  to: string,
): Promise<ActionView[]> {
  const rows = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM action_register
      WHERE body_id = ANY($1::text[]) AND lifecycle = 'open' AND due_date >= $2::date AND due_date <= $3::date
      ORDER BY due_date, plan, ref`,
    [bodyIds, from, to],
  );
  return rows.map(toView);
}

/**
 * The actions a person leads, as the lead officer rule finds them: those that name them, and
 * those whose lead is written as their email. Open ones first, soonest due first.
 */
export async function actionsLedBy(
  db: SqlQueryable,
  bodyId: string,
  person: { id: string; email: string },
): Promise<ActionView[]> {
  const rows = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM action_register
      WHERE body_id = $1
        AND (lead_person_ids ? $2
             OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(lead_officers) AS lead
                         WHERE lower(trim(lead)) = lower($3)))
      ORDER BY lifecycle <> 'open', due_date NULLS LAST, plan, ref`,
    [bodyId, person.id, person.email],
  );
  return rows.map(toView);
}

/** Open actions of a body with a lead kept as text (not yet a person of the directory). */
export async function actionsWithTextLeads(
  db: SqlQueryable,
  bodyId: string,
): Promise<{ id: string; version: number; leadOfficers: string[] }[]> {
  const rows = await db.query<{ action_id: string; version: number; lead_officers: string[] }>(
    `SELECT action_id, version, lead_officers FROM action_register
      WHERE body_id = $1 AND lifecycle = 'open' AND lead_person_ids @> '[null]'::jsonb
      ORDER BY plan, ref`,
    [bodyId],
  );
  return rows.map((row) => ({ id: row.action_id, version: row.version, leadOfficers: row.lead_officers }));
}
