import { Migration } from '#database/migrations';

export const ragHistoryMigrations: Migration[] = [
  {
    id: '0102_rag_history',
    sql: `
      -- One row per status an action ever had. A correction adds a row and marks the one it
      -- replaces as superseded (when), so both "what was true" and "what we knew then" can be asked.
      CREATE TABLE rag_history (
        event_id uuid PRIMARY KEY,
        action_id uuid NOT NULL,
        body_id text NOT NULL,
        plan text NOT NULL,
        theme text,
        kind text NOT NULL,
        status text,
        commentary text NOT NULL,
        effective_on date NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        corrects_event_id uuid,
        correction_reason text,
        superseded_by uuid,
        superseded_at timestamptz
      );
      CREATE INDEX rag_history_by_action ON rag_history (action_id, effective_on, recorded_at);
      CREATE INDEX rag_history_by_plan ON rag_history (body_id, plan, theme);

      -- Which plan and theme each action is in, and since when: the population a report counts.
      CREATE TABLE rag_actions (
        action_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        plan text NOT NULL,
        theme text,
        created_on date NOT NULL,
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX rag_actions_by_plan ON rag_actions (body_id, plan, theme);
    `,
  },
  {
    id: '0105_rag_history_effective_until',
    sql: `
      -- Until when each current entry stays in effect (the next current entry's effective date), so an
      -- as-at count is one filtered scan instead of a sort over every entry.
      ALTER TABLE rag_history ADD COLUMN effective_until date;
      UPDATE rag_history h SET effective_until = n.next_on
        FROM (SELECT event_id,
                     lead(effective_on) OVER (PARTITION BY action_id ORDER BY effective_on, recorded_at, event_id) AS next_on
                FROM rag_history WHERE superseded_by IS NULL) n
       WHERE h.event_id = n.event_id;
    `,
  },
  {
    id: '0107_rag_history_created_on',
    sql: `
      -- The day the action joined its plan, on each entry, so the current as-at count needs no join.
      ALTER TABLE rag_history ADD COLUMN created_on date;
      UPDATE rag_history h SET created_on = a.created_on FROM rag_actions a WHERE a.action_id = h.action_id;
    `,
  },
  {
    id: '0111_rag_history_reporting_period',
    sql: `
      -- The reporting quarter a status was set for (ActionStatusSet v2); null where the status was
      -- stored before events named it, or for completions, reopenings and cancellations.
      ALTER TABLE rag_history ADD COLUMN reporting_period text;
    `,
  },
  {
    id: '0112_rag_counts',
    sql: `
      -- The changes of each RAG count per plan, theme, status and day (see rag-counts.ts): an as-at
      -- report sums the rows up to its date. Filled from the entries already projected.
      CREATE TABLE rag_counts (
        body_id text NOT NULL,
        plan text NOT NULL,
        theme_key text NOT NULL,
        status text NOT NULL,
        on_date date NOT NULL,
        delta integer NOT NULL,
        PRIMARY KEY (body_id, plan, theme_key, status, on_date)
      );
      INSERT INTO rag_counts (body_id, plan, theme_key, status, on_date, delta)
      SELECT body_id, plan, theme_key, status, on_date, sum(delta)::integer AS delta
        FROM (
          SELECT body_id, plan, coalesce(theme, '') AS theme_key,
                 CASE WHEN kind = 'cancelled' THEN 'CANCELLED' ELSE status END AS status,
                 unnest(ARRAY[greatest(created_on, effective_on), effective_until]) AS on_date,
                 unnest(ARRAY[1, -1]) AS delta
            FROM rag_history
           WHERE superseded_by IS NULL AND created_on IS NOT NULL
             AND (effective_until IS NULL OR greatest(created_on, effective_on) < effective_until)
          UNION ALL
          SELECT body_id, plan, coalesce(theme, ''), 'POPULATION', created_on, 1 FROM rag_actions
        ) changes
       WHERE on_date IS NOT NULL
       GROUP BY body_id, plan, theme_key, status, on_date
      HAVING sum(delta) <> 0;
    `,
  },
  {
    id: '0113_rag_history_replaced_in_effect_nowhere',
    sql: `
      -- A replaced entry is in effect nowhere: its date until which it was in effect, kept from when
      -- it was current, is cleared, as the projection now does when it replaces one (a rebuild in
      -- batches then leaves the same rows as the live projection).
      UPDATE rag_history SET effective_until = NULL WHERE superseded_by IS NOT NULL AND effective_until IS NOT NULL;
    `,
  },
  {
    id: '0123_rag_counts_without_zeros',
    sql: `
      -- Rows whose changes cancelled out across batches: the projection now removes them as it goes.
      DELETE FROM rag_counts WHERE delta = 0;
    `,
  },
];
