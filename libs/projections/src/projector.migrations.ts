import { Migration } from '#database/migrations';

export const projectorMigrations: Migration[] = [
  {
    id: '0002_projection_checkpoints',
    sql: `
      CREATE TABLE projection_checkpoints (
        projection text PRIMARY KEY,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: '0022_process_leases',
    sql: `
      -- One process runner at a time handles a process's events (board outcomes, numbering): the
      -- holder renews its lease with every batch, and another takes over once it has lapsed.
      CREATE TABLE process_leases (
        process text PRIMARY KEY,
        holder text NOT NULL,
        held_until timestamptz NOT NULL
      );
    `,
  },
  {
    id: '0114_process_leases_dropped',
    sql: `
      -- Processes ride the projector's reader now, led like projections by an advisory lock per
      -- name (see leadership.ts); the leases are no longer kept.
      DROP TABLE IF EXISTS process_leases;
    `,
  },
  {
    id: '0115_event_log_kind',
    sql: `
      -- Which event store this database's read models and checkpoints were built from (see
      -- libs/engine/src/event-log.ts): starting on the other is refused.
      CREATE TABLE event_log_kind (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        kind text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
