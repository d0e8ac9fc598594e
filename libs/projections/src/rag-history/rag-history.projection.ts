import { SqlQueryable } from '#database/sql-database';
import { ACTION_EVENT_TYPES, ActionEntryCorrected, ActionEvent } from '#domain/action/action.events';
import { RecordedEvent } from '#event-store/port';
import { JsonRows } from '../json-rows';
import { entityOfStream, idsStoredBefore, Projection } from '../projection';
import { ragHistoryMigrations } from './rag-history.migrations';
import { Contribution, contributionColumns, countChanges, POPULATION } from './rag-counts';
import { CurrentEntry, RagEntries } from './rag-entries';

const ENTRIES = new JsonRows<RagEntries['added'][number]>(
  `event_id uuid, action_id uuid, kind text, status text, commentary text, effective_on date,
   recorded_at timestamptz, recorded_by text, corrects_event_id uuid, correction_reason text,
   reporting_period text, superseded_by uuid, superseded_at timestamptz`,
);
const SUPERSEDED = new JsonRows<RagEntries['superseded'][number]>(
  'event_id uuid, superseded_by uuid, superseded_at timestamptz',
);
const ACTIONS = new JsonRows<Record<string, unknown>>(
  'action_id uuid, body_id text, plan text, theme text, created_on date, recorded_at timestamptz',
);

/** Every status of every action, with when it applied, when it was recorded, who and why. */
export const ragHistoryProjection: Projection = {
  name: 'rag_history',
  migrations: ragHistoryMigrations,
  handles: ACTION_EVENT_TYPES,
  apply: (tx, event) => applyEvents(tx, [event]),
  applyBatch: applyEvents,
};

/**
 * Applies a batch in a few statements whatever its size: the actions it creates, the entries it
 * adds (folded in memory, corrections included), the entries it replaces, then one statement that
 * recomputes until when each entry of the actions touched is in effect, and the counts.
 */
async function applyEvents(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const actionIdOf = (event: RecordedEvent) => entityOfStream(event.streamId).entityId;
  const joined = await createActions(tx, events, actionIdOf);
  const entries = new RagEntries(await namedByCorrections(tx, events));
  for (const event of events) entries.add(event, actionIdOf(event));
  if (entries.added.length > 0)
    // An entry of an action the register never saw created has nothing to count in: the join drops it.
    await tx.query(
      `INSERT INTO rag_history (event_id, action_id, body_id, plan, theme, created_on, kind, status, commentary,
         effective_on, recorded_at, recorded_by, corrects_event_id, correction_reason, reporting_period,
         superseded_by, superseded_at)
       SELECT e.event_id, e.action_id, a.body_id, a.plan, a.theme, a.created_on, e.kind, e.status, e.commentary,
              e.effective_on, e.recorded_at, e.recorded_by, e.corrects_event_id, e.correction_reason,
              e.reporting_period, e.superseded_by, e.superseded_at
         FROM ${ENTRIES.relation('$1', 'e')}
         JOIN rag_actions a ON a.action_id = e.action_id
       ON CONFLICT (event_id) DO NOTHING`,
      [ENTRIES.json(entries.added)],
    );
  if (entries.superseded.length > 0)
    await tx.query(
      `UPDATE rag_history h SET superseded_by = s.superseded_by, superseded_at = s.superseded_at
         FROM ${SUPERSEDED.relation('$1', 's')}
        WHERE h.event_id = s.event_id`,
      [SUPERSEDED.json(entries.superseded)],
    );
  const { before, after } =
    entries.touched.size === 0
      ? { before: [], after: [] }
      : await recomputeInEffect(
          tx,
          [...entries.touched],
          idsStoredBefore(events),
          entries.added.map((entry) => entry.event_id),
          events.map((event) => event.id),
        );
  await countChanges(tx, before, [...after, ...joined]);
}

/** Adds the actions the batch creates; those new to the projection join their plan's population. */
async function createActions(
  tx: SqlQueryable,
  events: readonly RecordedEvent[],
  actionIdOf: (event: RecordedEvent) => string,
): Promise<Contribution[]> {
  const created = events
    .map((event) => event as unknown as RecordedEvent & ActionEvent)
    .filter((event) => event.type === 'ActionCreated')
    .map((event) => {
      const { bodyId, plan, theme, createdOn } = (event as Extract<ActionEvent, { type: 'ActionCreated' }>)
        .data;
      return {
        action_id: actionIdOf(event),
        body_id: bodyId,
        plan,
        theme,
        created_on: createdOn,
        recorded_at: event.metadata.recordedAt,
      };
    });
  if (created.length === 0) return [];
  const joined = await tx.query<{ body_id: string; plan: string; theme: string | null; created_on: string }>(
    `INSERT INTO rag_actions (action_id, body_id, plan, theme, created_on, recorded_at)
     SELECT DISTINCT ON (action_id) action_id, body_id, plan, theme, created_on, recorded_at
       FROM ${ACTIONS.relation('$1', 'a')}
     ON CONFLICT (action_id) DO NOTHING
     RETURNING body_id, plan, theme, created_on::text`,
    [ACTIONS.json(created)],
  );
  return joined.map((action) => ({
    status: POPULATION,
    from_on: action.created_on,
    until_on: null,
    body_id: action.body_id,
    plan: action.plan,
    theme_key: action.theme ?? '',
  }));
}

/**
 * The current versions of the stored entries the batch's corrections name. A correction names an
 * entry of its own action: looked up by the actions' index, not by a scan of every action's history.
 */
async function namedByCorrections(
  tx: SqlQueryable,
  events: readonly RecordedEvent[],
): Promise<CurrentEntry[]> {
  const corrections = events
    .map((event) => event as unknown as RecordedEvent & ActionEvent)
    .filter((event): event is RecordedEvent & ActionEntryCorrected => event.type === 'ActionEntryCorrected');
  if (corrections.length === 0) return [];
  return tx.query<CurrentEntry>(
    `SELECT event_id, corrects_event_id, kind, status, commentary, effective_on::text, reporting_period
       FROM rag_history
      WHERE action_id = ANY($2::uuid[]) AND (event_id = ANY($1::uuid[]) OR corrects_event_id = ANY($1::uuid[]))
        AND superseded_by IS NULL`,
    [
      corrections.map((event) => event.data.correctsEventId),
      corrections.map((event) => entityOfStream(event.streamId).entityId),
    ],
  );
}

/**
 * Entries may arrive back-dated or be corrected: recomputes until when each current entry of the
 * actions is in effect (a replaced one, nowhere). The same statement reads what the entries counted
 * for before the batch (as they were stored: not the ones it added, and the ones it replaced) and
 * what they count for now. Only actions the batch does not begin (`storedIds`) had entries before
 * it: in a catch-up nearly every action begins in its batch, and looking for entries replaced or
 * counted before among all of them compared each of their entries with each entry added.
 */
async function recomputeInEffect(
  tx: SqlQueryable,
  actionIds: readonly string[],
  storedIds: readonly string[],
  addedIds: readonly string[],
  batchIds: readonly string[],
): Promise<{ before: Contribution[]; after: Contribution[] }> {
  const rows = await tx.query<Contribution & { side: 'before' | 'after' }>(
    `WITH n AS (
       SELECT event_id, kind, status, created_on, effective_on, body_id, plan, theme,
              lead(effective_on) OVER (PARTITION BY action_id ORDER BY effective_on, recorded_at, event_id) AS next_on
         FROM rag_history WHERE action_id = ANY($1::uuid[]) AND superseded_by IS NULL
     ), changed AS (
       UPDATE rag_history h SET effective_until = n.next_on FROM n
        WHERE h.event_id = n.event_id AND h.effective_until IS DISTINCT FROM n.next_on
     ), replaced AS (
       -- a replaced entry is in effect nowhere
       -- (the batch's corrections replace entries of their own actions: found by the actions' index)
       UPDATE rag_history SET effective_until = NULL
        WHERE action_id = ANY($4::uuid[]) AND superseded_by = ANY($3::uuid[]) AND effective_until IS NOT NULL
     )
     SELECT 'after' AS side, ${contributionColumns('next_on')} FROM n WHERE created_on IS NOT NULL
     UNION ALL
     SELECT 'before', ${contributionColumns()} FROM rag_history
      WHERE action_id = ANY($4::uuid[]) AND created_on IS NOT NULL AND event_id <> ALL($2::uuid[])
        AND (superseded_by IS NULL OR superseded_by = ANY($3::uuid[]))`,
    [actionIds, addedIds, batchIds, storedIds],
  );
  return {
    before: rows.filter((row) => row.side === 'before'),
    after: rows.filter((row) => row.side === 'after'),
  };
}
