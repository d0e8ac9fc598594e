import { Migration } from '#database/migrations';

export const auditTrailMigrations: Migration[] = [
  {
    id: '0103_audit_trail',
    sql: `
      CREATE TABLE audit_trail (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        body_id text NOT NULL,
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        summary text NOT NULL,
        reason text,
        actor text NOT NULL,
        actor_role text,
        recorded_at timestamptz NOT NULL,
        effective_at text,
        correlation_id text,
        causation_id text,
        command text,
        data jsonb NOT NULL,
        -- sha256 over the previous row's hash of this body and this event's canonical JSON.
        chain_hash text NOT NULL
      );
      CREATE INDEX audit_trail_by_body ON audit_trail (body_id, seq);
      CREATE INDEX audit_trail_by_entity ON audit_trail (body_id, entity_id, seq);
      CREATE INDEX audit_trail_by_actor ON audit_trail (body_id, actor, seq);
      CREATE INDEX audit_trail_by_type ON audit_trail (body_id, event_type, seq);
    `,
  },
  {
    id: '0108_audit_trail_stable_seq',
    sql: `
      -- An entry's number is its place in its body's trail in log order, so a rebuild gives every
      -- entry the same number again (the identity column counted inserts, and a rebuild renumbered).
      ALTER TABLE audit_trail ADD COLUMN body_seq bigint;
      UPDATE audit_trail AS entry SET body_seq = numbered.n
        FROM (SELECT event_id, row_number() OVER (PARTITION BY body_id ORDER BY commit_position, prepare_position) AS n
                FROM audit_trail) AS numbered
       WHERE entry.event_id = numbered.event_id;
      ALTER TABLE audit_trail ALTER COLUMN body_seq SET NOT NULL;
      ALTER TABLE audit_trail DROP COLUMN seq;
      ALTER TABLE audit_trail ADD PRIMARY KEY (event_id);
      CREATE UNIQUE INDEX audit_trail_by_body ON audit_trail (body_id, body_seq);
      CREATE INDEX audit_trail_in_log_order ON audit_trail (body_id, commit_position, prepare_position);
      CREATE INDEX audit_trail_by_entity ON audit_trail (body_id, entity_id, commit_position, prepare_position);
      CREATE INDEX audit_trail_by_actor ON audit_trail (body_id, actor, commit_position, prepare_position);
      CREATE INDEX audit_trail_by_type ON audit_trail (body_id, event_type, commit_position, prepare_position);
    `,
  },
  {
    id: '0128_audit_trail_one_event_id_index',
    // 0103's UNIQUE and 0108's primary key were two indexes of event_id: every entry wrote both.
    sql: 'ALTER TABLE audit_trail DROP CONSTRAINT IF EXISTS audit_trail_event_id_key;',
  },
];
