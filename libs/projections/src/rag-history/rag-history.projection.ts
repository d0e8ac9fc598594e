import { SqlQueryable } from '../../../database/src/sql-database';
import { ACTION_EVENT_TYPES, ActionEvent } from '../../../domain/src/action/action.events';
import { RecordedEvent } from '../../../event-store/src/port';
import { entityOfStream, Projection } from '../projection';
import { ragHistoryMigrations } from './rag-history.migrations';
import { Contribution, contributionColumns, countCreation, recount } from './rag-counts';

type Kind = 'status' | 'completed' | 'reopened' | 'cancelled';

/** Every status of every action, with when it applied, when it was recorded, who and why. */
export const ragHistoryProjection: Projection = {
  name: 'rag_history',
  migrations: ragHistoryMigrations,
  handles: ACTION_EVENT_TYPES,

  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as RecordedEvent & ActionEvent;
    const actionId = entityOfStream(recorded.streamId).entityId;
    if (!(await applyEntry(tx, recorded, event, actionId))) return;
    // Entries may arrive back-dated or be corrected: recompute until when each one is in effect.
    // The same statement reads what the entries counted for before this event (as they were
    // stored: the ones it superseded, not the one it added) and what they count for now.
    const rows = await tx.query<Contribution & { side: 'before' | 'after' }>(
      `WITH n AS (
         SELECT event_id, kind, status, created_on, effective_on, body_id, plan, theme,
                lead(effective_on) OVER (ORDER BY effective_on, recorded_at, event_id) AS next_on
           FROM rag_history WHERE action_id = $1 AND superseded_by IS NULL
       ), changed AS (
         UPDATE rag_history h SET effective_until = n.next_on FROM n
          WHERE h.action_id = $1 AND h.event_id = n.event_id AND h.effective_until IS DISTINCT FROM n.next_on
       )
       SELECT 'after' AS side, ${contributionColumns('next_on')} FROM n WHERE created_on IS NOT NULL
       UNION ALL
       SELECT 'before', ${contributionColumns()} FROM rag_history
        WHERE action_id = $1 AND created_on IS NOT NULL
          AND ((superseded_by IS NULL AND event_id <> $2) OR superseded_by = $2)`,
      [actionId, recorded.id],
    );
    await recount(
      tx,
      rows.filter((row) => row.side === 'before'),
      rows.filter((row) => row.side === 'after'),
    );
  },

  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query('DELETE FROM rag_counts');
    await tx.query('DELETE FROM rag_history');
    await tx.query('DELETE FROM rag_actions');
  },
};

async function applyEntry(
  tx: SqlQueryable,
  recorded: RecordedEvent,
  event: RecordedEvent & ActionEvent,
  actionId: string,
): Promise<boolean> {
  const entry = (
    kind: Kind,
    status: string | null,
    commentary: string,
    effectiveOn: string,
    reportingPeriod: string | null = null,
  ) =>
    tx.query(
      `INSERT INTO rag_history (event_id, action_id, body_id, plan, theme, created_on, kind, status, commentary,
         effective_on, recorded_at, recorded_by, reporting_period)
       SELECT $1, action_id, body_id, plan, theme, created_on, $3, $4, $5, $6, $7, $8, $9
         FROM rag_actions WHERE action_id = $2
       ON CONFLICT (event_id) DO NOTHING`,
      [
        recorded.id,
        actionId,
        kind,
        status,
        commentary,
        effectiveOn,
        recorded.metadata.recordedAt,
        recorded.metadata.actor,
        reportingPeriod,
      ],
    );

  switch (event.type) {
    case 'ActionCreated': {
      const joined = await tx.query<{ action_id: string }>(
        `INSERT INTO rag_actions (action_id, body_id, plan, theme, created_on, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (action_id) DO NOTHING RETURNING action_id`,
        [
          actionId,
          event.data.bodyId,
          event.data.plan,
          event.data.theme,
          event.data.createdOn,
          recorded.metadata.recordedAt,
        ],
      );
      if (joined.length > 0) {
        const { bodyId, plan, theme, createdOn } = event.data;
        await countCreation(tx, { body_id: bodyId, plan, theme, created_on: createdOn });
      }
      return false;
    }
    case 'ActionStatusSet':
      await entry(
        'status',
        event.data.status,
        event.data.commentary,
        event.data.effectiveOn,
        event.data.reportingPeriod,
      );
      return true;
    case 'ActionCompleted':
      await entry('completed', 'BLUE', event.data.commentary, event.data.completedOn);
      return true;
    case 'ActionReopened':
      await entry('reopened', event.data.status, event.data.reason, event.data.reopenedOn);
      return true;
    case 'ActionCancelled':
      await entry('cancelled', null, event.data.reason, event.data.cancelledOn);
      return true;
    case 'ActionEntryCorrected': {
      const d = event.data;
      if (d.correctsEventType !== 'ActionStatusSet') return false;
      // The correction replaces the latest version of the entry it names; its own fields fill the gaps.
      await tx.query(
        `WITH replaced AS (
             UPDATE rag_history SET superseded_by = $1, superseded_at = $2
              WHERE (event_id = $3 OR corrects_event_id = $3) AND superseded_by IS NULL
              RETURNING *
           )
           INSERT INTO rag_history (event_id, action_id, body_id, plan, theme, created_on, kind, status, commentary,
             effective_on, recorded_at, recorded_by, corrects_event_id, correction_reason, reporting_period)
           SELECT $1, action_id, body_id, plan, theme, created_on, kind, coalesce($4, status), coalesce($5, commentary),
                  coalesce($6::date, effective_on), $2, $7, $3, $8,
                  -- a corrected date may fall in another quarter, which the correction does not name
                  CASE WHEN $6::date IS NULL OR $6::date = effective_on THEN reporting_period END
             FROM replaced
           ON CONFLICT (event_id) DO NOTHING`,
        [
          recorded.id,
          recorded.metadata.recordedAt,
          d.correctsEventId,
          d.status ?? null,
          d.commentary ?? null,
          d.effectiveOn ?? null,
          recorded.metadata.actor,
          d.reason,
        ],
      );
      return true;
    }
    default:
      return false;
  }
}
