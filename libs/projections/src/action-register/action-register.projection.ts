import { SqlQueryable } from '../../../database/src/sql-database';
import { ACTION_EVENT_TYPES, ActionEvent } from '../../../domain/src/action/action.events';
import { RecordedEvent } from '../../../event-store/src/port';
import { entityOfStream, Projection } from '../projection';
import { actionRegisterMigrations } from './action-register.migrations';

/** The current state of every action, for lists and filters. */
export const actionRegisterProjection: Projection = {
  name: 'action_register',
  migrations: actionRegisterMigrations,
  handles: ACTION_EVENT_TYPES,

  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as RecordedEvent & ActionEvent;
    const actionId = entityOfStream(recorded.streamId).entityId;
    const version = recorded.revision + 1;
    const at = recorded.metadata.recordedAt;
    const update = (assignments: string, values: unknown[]) =>
      tx.query(
        `UPDATE action_register SET ${assignments}, version = $2, updated_at = $3 WHERE action_id = $1`,
        [actionId, version, at, ...values],
      );

    switch (event.type) {
      case 'ActionCreated': {
        const d = event.data;
        await tx.query(
          `INSERT INTO action_register (action_id, body_id, ref, plan, theme, title, lead_officers, deliverable, objective,
             due_written, due_date, due_precision, lifecycle, created_on, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, $15)
           ON CONFLICT (action_id) DO NOTHING`,
          [
            actionId,
            d.bodyId,
            d.ref,
            d.plan,
            d.theme,
            d.title,
            JSON.stringify(d.leadOfficers),
            d.deliverable,
            d.objective,
            d.dueDate.written,
            d.dueDate.date,
            d.dueDate.precision,
            d.createdOn,
            version,
            at,
          ],
        );
        return;
      }
      case 'ActionMarkedExempt':
        await update('exempt_category = $4, exempt_reason = $5', [event.data.category, event.data.reason]);
        return;
      case 'ActionStatusSet':
        await update('status = $4, status_event_id = $5, status_commentary = $6, status_effective_on = $7', [
          event.data.status,
          recorded.id,
          event.data.commentary,
          event.data.effectiveOn,
        ]);
        return;
      case 'ActionProgressRecorded':
        await update('last_progress_note = $4, last_progress_on = $5, last_progress_event_id = $6', [
          event.data.note,
          event.data.reportedOn,
          recorded.id,
        ]);
        return;
      case 'ActionDueDateChanged':
        await update('due_written = $4, due_date = $5, due_precision = $6', [
          event.data.dueDate.written,
          event.data.dueDate.date,
          event.data.dueDate.precision,
        ]);
        return;
      case 'ActionLeadReassigned':
        await update('lead_officers = $4', [JSON.stringify(event.data.leadOfficers)]);
        return;
      case 'ActionCompleted':
        await update(
          `lifecycle = 'completed', status = 'BLUE', status_event_id = $4, status_commentary = $5, status_effective_on = $6`,
          [recorded.id, event.data.commentary, event.data.completedOn],
        );
        return;
      case 'ActionClosed':
        await update(`lifecycle = 'closed'`, []);
        return;
      case 'ActionReopened':
        await update(
          `lifecycle = 'open', status = $4, status_event_id = $5, status_commentary = $6, status_effective_on = $7`,
          [event.data.status, recorded.id, event.data.reason, event.data.reopenedOn],
        );
        return;
      case 'ActionCancelled':
        await update(`lifecycle = 'cancelled'`, []);
        return;
      case 'ActionEntryCorrected': {
        const d = event.data;
        // A correction of the entry the current status or last progress came from changes it too.
        await update(
          `status = CASE WHEN status_event_id = $4 AND $5::text IS NOT NULL THEN $5 ELSE status END,
           status_commentary = CASE WHEN status_event_id = $4 AND $6::text IS NOT NULL THEN $6 ELSE status_commentary END,
           status_effective_on = CASE WHEN status_event_id = $4 AND $7::date IS NOT NULL THEN $7::date ELSE status_effective_on END,
           last_progress_note = CASE WHEN last_progress_event_id = $4 AND $8::text IS NOT NULL THEN $8 ELSE last_progress_note END,
           last_progress_on = CASE WHEN last_progress_event_id = $4 AND $9::date IS NOT NULL THEN $9::date ELSE last_progress_on END`,
          [
            d.correctsEventId,
            d.status ?? null,
            d.commentary ?? null,
            d.effectiveOn ?? null,
            d.note ?? null,
            d.reportedOn ?? null,
          ],
        );
        return;
      }
    }
  },

  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query('DELETE FROM action_register');
  },
};
