import { Migration } from '#database/migrations';

/**
 * Members of the public who asked for email: personal data of people outside the body, kept beside
 * the log, not in it (they can be erased); and every email a publication caused, to them and to
 * board members, once each.
 */
export const subscriptionMigrations: Migration[] = [
  {
    id: '0122_public_subscriptions',
    sql: `
      CREATE TABLE public_subscriptions (
        subscription_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        email text NOT NULL,
        topics text[] NOT NULL,
        -- The topics last asked for: they replace \`topics\` when that request is confirmed.
        requested_topics text[] NOT NULL,
        -- The confirmation link's secret, hashed; none once confirmed.
        confirm_secret_hash text UNIQUE,
        confirm_expires_at timestamptz,
        -- Every email carries it: it can only stop the emails, so it is kept as it is sent.
        unsubscribe_secret text NOT NULL UNIQUE,
        requested_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        ended_at timestamptz
      );
      -- One live subscription per address and body: asking again updates it.
      CREATE UNIQUE INDEX public_subscriptions_live ON public_subscriptions (body_id, lower(email))
        WHERE ended_at IS NULL;

      -- Something published that subscribers hear of: one row per event, written by the reader of the log.
      CREATE TABLE public_notices (
        notice_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        topic text NOT NULL,
        subject_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        addressed_at timestamptz
      );
      CREATE INDEX public_notices_to_address ON public_notices (recorded_at) WHERE addressed_at IS NULL;

      -- Each notice to each recipient: a subscriber, or (an agenda) a member of the board who is a
      -- person of the directory, at their address as it was when the notice was addressed. Sent
      -- once, or failed after its attempts: the record that it went.
      CREATE TABLE publication_emails (
        notice_id uuid NOT NULL,
        recipient text NOT NULL,
        subscription_id uuid,
        person_id uuid,
        address text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        claimed_until timestamptz,
        sent_at timestamptz,
        failed_at timestamptz,
        last_error text,
        PRIMARY KEY (notice_id, recipient)
      );
      CREATE INDEX publication_emails_to_send ON publication_emails (notice_id)
        WHERE sent_at IS NULL AND failed_at IS NULL;
    `,
  },
];
