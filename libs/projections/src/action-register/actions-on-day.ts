import { SqlQueryable } from '#database/sql-database';
import { ActionLifecycle } from '#domain/action/action.state';
import { RagStatus } from '#domain/action/rag-status';
import { IsoDate } from '#domain/shared/event';
import { ActionView } from './action-register.queries';

/** Where an action stood at the end of a day: its status entry in effect then, and its last progress. */
export interface ActionStanding {
  readonly status: RagStatus | null;
  readonly statusCommentary: string | null;
  readonly statusEffectiveOn: IsoDate | null;
  readonly lifecycle: ActionLifecycle;
  readonly lastProgress: { readonly note: string; readonly reportedOn: IsoDate } | null;
}

const LIFECYCLE_OF_ENTRY: Record<string, ActionLifecycle> = {
  status: 'open',
  reopened: 'open',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** An action as `standingOnDay` looks it up: its body too, which the audit trail's indexes lead with. */
export interface ActionOfBody {
  readonly id: string;
  readonly bodyId: string;
}

/**
 * Each action's standing at the end of `day` (by id), by the dates the entries are for (a
 * quarter's status recorded late counts from its quarter's end): the status entry in effect, as
 * the register and the RAG report read it, and the progress reported by then. Read from `db` as it
 * stands, so a replay to an instant answers "as known then". Both reads go through an index (by
 * action; by body and entity): a page of actions as at a day reads its own entries, not the log's.
 */
export async function standingOnDay(
  db: SqlQueryable,
  actions: readonly ActionOfBody[],
  day: IsoDate,
): Promise<Map<string, ActionStanding>> {
  if (actions.length === 0) return new Map();
  const actionIds = actions.map((action) => action.id);
  const bodyIds = [...new Set(actions.map((action) => action.bodyId))];
  const entries = await db.query<{
    action_id: string;
    kind: string;
    status: RagStatus | null;
    commentary: string;
    effective_on: string;
  }>(
    `SELECT DISTINCT ON (action_id) action_id::text AS action_id, kind, status, commentary, effective_on::text
       FROM rag_history
      WHERE action_id = ANY($1::uuid[]) AND effective_on <= $2::date AND superseded_by IS NULL
      ORDER BY action_id, effective_on DESC, recorded_at DESC`,
    [actionIds, day],
  );
  const progress = await db.query<{ action_id: string; note: string; reported_on: string }>(
    `SELECT DISTINCT ON (entity_id) entity_id AS action_id, data->>'note' AS note, data->>'reportedOn' AS reported_on
       FROM audit_trail
      WHERE body_id = ANY($3::text[]) AND entity_id = ANY($1::text[])
        AND event_type = 'ActionProgressRecorded' AND data->>'reportedOn' <= $2
      ORDER BY entity_id, data->>'reportedOn' DESC, body_seq DESC`,
    [actionIds, day, bodyIds],
  );
  const entryOf = new Map(entries.map((row) => [row.action_id, row]));
  const progressOf = new Map(progress.map((row) => [row.action_id, row]));
  return new Map(
    actionIds.map((id) => {
      const entry = entryOf.get(id);
      const reported = progressOf.get(id);
      return [
        id,
        {
          status: entry?.status ?? null,
          statusCommentary: entry?.commentary ?? null,
          statusEffectiveOn: entry?.effective_on ?? null,
          lifecycle: entry ? LIFECYCLE_OF_ENTRY[entry.kind] : 'open',
          lastProgress: reported ? { note: reported.note, reportedOn: reported.reported_on } : null,
        },
      ];
    }),
  );
}

/** The actions as they stood at the end of `day`, leaving out those not yet in their plan then. */
export async function actionsOnDay(
  db: SqlQueryable,
  views: readonly ActionView[],
  day: IsoDate,
): Promise<ActionView[]> {
  const existing = views.filter((view) => view.createdOn <= day);
  const standing = await standingOnDay(db, existing, day);
  return existing.map((view) => ({ ...view, ...standing.get(view.id)! }));
}
