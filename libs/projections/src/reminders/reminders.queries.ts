import { SqlQueryable } from '#database/sql-database';
import { decodeCursor, encodeCursor, Page } from '../cursor';

export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface ReminderView {
  id: string;
  bodyId: string;
  subject: { type: string; id: string; label: string };
  kind: string;
  recipient: string;
  targetDate: string;
  fireAt: string;
  message: string;
  status: ReminderStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  channel: string | null;
  address: string | null;
  sentAt: string | null;
}

export interface ReminderFilter {
  readonly bodyIds: readonly string[];
  readonly subjectId?: string;
  readonly recipient?: string;
  readonly statuses?: readonly ReminderStatus[];
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

interface ReminderRow {
  reminder_id: string;
  body_id: string;
  subject_type: string;
  subject_id: string;
  subject_label: string;
  kind: string;
  recipient: string;
  target_date: string;
  fire_at: Date | string;
  message: string;
  status: ReminderStatus;
  attempts: number;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  channel: string | null;
  address: string | null;
  sent_at: Date | string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Reminders in the order they go out, a page at a time. */
export async function listReminders(db: SqlQueryable, filter: ReminderFilter): Promise<Page<ReminderView>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, 2) : null;
  const rows = await db.query<ReminderRow>(
    `SELECT reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient, target_date, fire_at,
            message, status, attempts, next_attempt_at, last_error, channel, address, sent_at
       FROM reminders
      WHERE body_id = ANY($1::text[])
        AND ($2::text IS NULL OR subject_id = $2)
        AND ($3::text IS NULL OR recipient = $3)
        AND ($4::text[] IS NULL OR status = ANY($4::text[]))
        AND ($5::timestamptz IS NULL OR fire_at >= $5)
        AND ($6::timestamptz IS NULL OR fire_at <= $6)
        AND ($7::timestamptz IS NULL OR (fire_at, reminder_id) > ($7::timestamptz, $8::uuid))
      ORDER BY fire_at, reminder_id
      LIMIT $9`,
    [
      filter.bodyIds,
      filter.subjectId ?? null,
      filter.recipient ?? null,
      filter.statuses ?? null,
      filter.from ?? null,
      filter.to ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      filter.limit + 1,
    ],
  );
  const items = rows.slice(0, filter.limit).map((row): ReminderView => ({
    id: row.reminder_id,
    bodyId: row.body_id,
    subject: { type: row.subject_type, id: row.subject_id, label: row.subject_label },
    kind: row.kind,
    recipient: row.recipient,
    targetDate: row.target_date,
    fireAt: iso(row.fire_at) as string,
    message: row.message,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    channel: row.channel,
    address: row.address,
    sentAt: iso(row.sent_at),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit ? encodeCursor([last.fireAt, last.id]) : null };
}
