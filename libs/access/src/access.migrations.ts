import { Migration } from '#database/migrations';

/**
 * How people prove who they are. Not events: a password hash or a link's secret must never enter
 * the log (it is kept for ever and shown to auditors); who was given access, and when, is.
 */
export const accessMigrations: Migration[] = [
  {
    id: '0200_access',
    sql: `
      CREATE TABLE credentials (
        person_id uuid PRIMARY KEY,
        password_hash text NOT NULL,
        -- Failures since the last success: from the fifth, each locks sign-in for twice as long.
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        changed_at timestamptz NOT NULL
      );
      CREATE TABLE sign_in_links (
        secret_hash text PRIMARY KEY,
        person_id uuid NOT NULL,
        purpose text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX sign_in_links_person ON sign_in_links (person_id);
    `,
  },
  {
    id: '0201_web_sessions',
    sql: `
      CREATE TABLE web_sessions (
        sid text PRIMARY KEY,
        person_id uuid,
        data jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX web_sessions_person ON web_sessions (person_id);
      CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
    `,
  },
  {
    id: '0202_api_tokens',
    sql: `
      CREATE TABLE api_tokens (
        token_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        body_id text NOT NULL,
        name text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      );
      CREATE INDEX api_tokens_person ON api_tokens (person_id);
    `,
  },
  {
    id: '0203_personal_keys',
    sql: `
      -- Each person's key, with which the log seals the words naming them. Not an event: erasing a
      -- person destroys their key (key NULL, destroyed_at set) and the log keeps only ciphertext.
      CREATE TABLE personal_keys (
        person_id uuid PRIMARY KEY,
        key bytea,
        made_at timestamptz NOT NULL,
        destroyed_at timestamptz
      );
    `,
  },
];
