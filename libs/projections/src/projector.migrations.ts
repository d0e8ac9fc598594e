import { Migration } from '../../database/src/migrations';

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
];
