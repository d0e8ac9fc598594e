import { SqlQueryable } from '#database/sql-database';
import { actionStream } from '#domain/action/action-ids';
import { ACTION_EVENT_TYPES } from '#domain/action/action.events';
import { RecordedEvent } from '#event-store/port';
import { JsonRows } from '../json-rows';
import { entityOfStream, idsStoredBefore, Projection } from '../projection';
import { actionRegisterMigrations } from './action-register.migrations';
import { foldIntoRow, RegisterRow } from './action-register.rows';

const ROWS = new JsonRows<RegisterRow>(
  `action_id uuid, body_id text, ref text, plan text, theme text, title text, lead_officers jsonb,
   lead_person_ids jsonb, deliverable text, objective text, due_written text, due_date date,
   due_precision text, status text, status_event_id uuid, status_commentary text, status_effective_on date,
   lifecycle text, created_on date, last_progress_note text, last_progress_on date,
   last_progress_event_id uuid, exempt_category integer, exempt_reason text, version integer,
   created_at timestamptz, updated_at timestamptz`,
);
const UPDATES = ROWS.columnNames
  .filter((column) => column !== 'action_id' && column !== 'created_at')
  .map((column) => `${column} = EXCLUDED.${column}`)
  .join(', ');

/**
 * A batch in two statements, whatever its size: read the rows of the actions it touches, fold
 * every event into them in log order, and write back the rows that changed. Rows are held by
 * stream, so an event's action id is cut from its stream only where no row is held yet (cutting
 * it for every event, as a key, showed in a catch-up's profile).
 */
async function applyEvents(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const stored = new Map<string, RegisterRow>();
  const ids = idsStoredBefore(events);
  if (ids.length > 0)
    for (const row of await tx.query<RegisterRow>(
      `SELECT ${ROWS.names} FROM action_register WHERE action_id = ANY($1::uuid[])`,
      [ids],
    ))
      stored.set(actionStream(row.action_id), row);
  const changed = new Map<string, RegisterRow>();
  for (const event of events) {
    const held = changed.get(event.streamId) ?? stored.get(event.streamId);
    const row = foldIntoRow(held, event, held?.action_id ?? entityOfStream(event.streamId).entityId);
    if (row) changed.set(event.streamId, row);
  }
  if (changed.size === 0) return;
  await tx.query(
    `INSERT INTO action_register (${ROWS.names})
     SELECT ${ROWS.names} FROM ${ROWS.relation('$1', 'row')}
     ON CONFLICT (action_id) DO UPDATE SET ${UPDATES}`,
    [ROWS.json([...changed.values()])],
  );
}

/** The current state of every action, for lists and filters. */
export const actionRegisterProjection: Projection = {
  name: 'action_register',
  migrations: actionRegisterMigrations,
  handles: ACTION_EVENT_TYPES,
  apply: (tx, event) => applyEvents(tx, [event]),
  applyBatch: applyEvents,
};
