import { randomBytes, randomUUID } from 'node:crypto';
import { secretHash } from '#access/secret-hash';
import { SqlDatabase, SqlQueryable } from '#database/sql-database';

export const SUBSCRIPTION_TOPICS = ['decisions', 'agendas', 'minutes'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/** How long a confirmation link works. */
export const CONFIRMATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;
/** One confirmation email per address and body in this time: a form cannot be used to flood an inbox. */
export const CONFIRMATION_RESEND_MS = 10 * 60_000;

export interface SubscriptionRequest {
  readonly bodyId: string;
  readonly email: string;
  readonly topics: readonly SubscriptionTopic[];
}

/**
 * Asks for a subscription: a confirmation secret to email, or null when one was sent to the
 * address in the last few minutes (nothing is sent twice). Asking again with other topics
 * changes them only once that request is confirmed: until then the subscription stays as it was.
 */
export async function requestSubscription(
  db: SqlDatabase,
  request: SubscriptionRequest,
  now: Date,
): Promise<{ secret: string; subscriptionId: string } | null> {
  const secret = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + CONFIRMATION_LIFETIME_MS).toISOString();
  const resendAfter = new Date(now.getTime() - CONFIRMATION_RESEND_MS).toISOString();
  const [row] = await db.query<{ subscription_id: string }>(
    `INSERT INTO public_subscriptions (subscription_id, body_id, email, topics, requested_topics,
       confirm_secret_hash, confirm_expires_at, unsubscribe_secret, requested_at)
     VALUES ($1, $2, $3, $4::text[], $4::text[], $5, $6, $7, $8)
     ON CONFLICT (body_id, lower(email)) WHERE ended_at IS NULL DO UPDATE
       SET requested_topics = EXCLUDED.requested_topics, confirm_secret_hash = EXCLUDED.confirm_secret_hash,
           confirm_expires_at = EXCLUDED.confirm_expires_at, requested_at = EXCLUDED.requested_at
       WHERE public_subscriptions.requested_at < $9
     RETURNING subscription_id`,
    [
      randomUUID(),
      request.bodyId,
      request.email,
      request.topics,
      secretHash(secret),
      expires,
      randomBytes(32).toString('base64url'),
      now.toISOString(),
      resendAfter,
    ],
  );
  return row ? { secret, subscriptionId: row.subscription_id } : null;
}

export interface ConfirmableSubscription {
  readonly subscriptionId: string;
  readonly bodyId: string;
  readonly email: string;
  readonly topics: SubscriptionTopic[];
}

interface ConfirmableRow {
  subscription_id: string;
  body_id: string;
  email: string;
  topics: SubscriptionTopic[];
}

const confirmableOf = (row: ConfirmableRow): ConfirmableSubscription => ({
  subscriptionId: row.subscription_id,
  bodyId: row.body_id,
  email: row.email,
  topics: row.topics,
});

/** The subscription a confirmation link is for, while it works; looking does not confirm it. */
export async function subscriptionToConfirm(
  db: SqlDatabase,
  secret: string,
  now: Date,
): Promise<ConfirmableSubscription | null> {
  const [row] = await db.query<ConfirmableRow>(
    `SELECT subscription_id, body_id, email, requested_topics AS topics FROM public_subscriptions
      WHERE confirm_secret_hash = $1 AND confirm_expires_at > $2 AND ended_at IS NULL`,
    [secretHash(secret), now.toISOString()],
  );
  return row ? confirmableOf(row) : null;
}

/** Confirms it, once: the link stops working. Emails go out for what is published from now on. */
export async function confirmSubscription(
  db: SqlDatabase,
  secret: string,
  now: Date,
): Promise<ConfirmableSubscription | null> {
  const [row] = await db.query<ConfirmableRow>(
    `UPDATE public_subscriptions SET topics = requested_topics, confirmed_at = coalesce(confirmed_at, $2),
       confirm_secret_hash = NULL, confirm_expires_at = NULL
      WHERE confirm_secret_hash = $1 AND confirm_expires_at > $2 AND ended_at IS NULL
      RETURNING subscription_id, body_id, email, topics`,
    [secretHash(secret), now.toISOString()],
  );
  return row ? confirmableOf(row) : null;
}

/** A live subscription's body and address, by the secret its emails carry. */
export async function subscriptionToEnd(
  db: SqlDatabase,
  secret: string,
): Promise<{ bodyId: string; email: string } | null> {
  const [row] = await db.query<{ body_id: string; email: string }>(
    'SELECT body_id, email FROM public_subscriptions WHERE unsubscribe_secret = $1 AND ended_at IS NULL',
    [secret],
  );
  return row ? { bodyId: row.body_id, email: row.email } : null;
}

/** Ends it: nothing more is sent, not even what was waiting to go. True when it was live. */
export async function endSubscription(db: SqlDatabase, secret: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE public_subscriptions SET ended_at = $2 WHERE unsubscribe_secret = $1 AND ended_at IS NULL RETURNING 1',
    [secret, now.toISOString()],
  );
  return rows.length > 0;
}

/** A request whose confirmation could not be sent: asking again sends one at once. */
export async function forgetRequest(db: SqlDatabase, subscriptionId: string): Promise<void> {
  await db.query(
    `UPDATE public_subscriptions SET requested_at = 'epoch', confirm_secret_hash = NULL, confirm_expires_at = NULL
      WHERE subscription_id = $1`,
    [subscriptionId],
  );
}

export interface AgendaEmail {
  readonly name: string;
  readonly address: string;
  readonly status: 'sent' | 'failed' | 'waiting';
  readonly at: string | null;
  readonly why: string | null;
}

/** Whom a meeting's issued agenda was emailed to, and how it went: the record that it was sent. */
export async function agendaEmailsOf(db: SqlQueryable, meetingId: string): Promise<AgendaEmail[]> {
  const rows = await db.query<{
    name: string | null;
    address: string;
    sent_at: Date | string | null;
    failed_at: Date | string | null;
    last_error: string | null;
  }>(
    `SELECT p.name, e.address, e.sent_at, e.failed_at, e.last_error
       FROM publication_emails e JOIN public_notices n USING (notice_id)
       LEFT JOIN people p ON p.person_id = e.person_id
      WHERE n.subject_id = $1 AND n.topic = 'agendas' AND e.person_id IS NOT NULL
      ORDER BY p.name, e.address`,
    [meetingId],
  );
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return rows.map((row) => ({
    name: row.name ?? row.address,
    address: row.address,
    status: row.sent_at ? 'sent' : row.failed_at ? 'failed' : 'waiting',
    at: iso(row.sent_at) ?? iso(row.failed_at),
    why: row.failed_at ? row.last_error : null,
  }));
}
