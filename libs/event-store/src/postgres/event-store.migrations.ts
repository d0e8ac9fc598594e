import { Migration } from '#database/migrations';
import { eventChainMigration } from './event-chain.migration';

export const eventStoreMigrations: Migration[] = [
  {
    id: '0001_event_store',
    sql: `
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- Readers order by (transaction_id, global_position) and read only below the oldest
        -- transaction still open, so an event that commits late is never skipped.
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_event_id_unique UNIQUE (event_id),
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, stream_revision)
      );
      CREATE INDEX events_log_order ON events (transaction_id, global_position);

      -- One row per stream: its lock serialises appenders to that stream and carries the revision check.
      -- Room on each page lets the revision update stay HOT (no new index entry per append).
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL
      ) WITH (fillfactor = 70);

      -- Nothing recorded is ever edited or deleted: a mistake is corrected by a new event.
      CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are immutable: % refused', TG_OP;
      END;
      $$;
      CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();
    `,
  },
  eventChainMigration,
];
