import { SqlQueryable } from '#database/sql-database';
import { isUuid } from '#domain/shared/uuid-text';
import { decodeCursor, encodeCursor, InvalidCursorError, Page } from '../cursor';
import { PagePerBody } from '../page-per-body';

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

const COLUMNS = `reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient, target_date,
  fire_at, message, status, attempts, next_attempt_at, last_error, channel, address, sent_at`;

/** Reminders in the order they go out, a page at a time (see PagePerBody; index: migration 0130). */
export async function listReminders(db: SqlQueryable, filter: ReminderFilter): Promise<Page<ReminderView>> {
  const [at, id] = filter.cursor ? decodeCursor(filter.cursor, 2).map(String) : [];
  if (at !== undefined && (Number.isNaN(Date.parse(at)) || !isUuid(id))) throw new InvalidCursorError();
  // The time written again as ISO text, which PostgreSQL reads whatever form JavaScript accepted.
  const after = at === undefined ? undefined : [new Date(at).toISOString(), id];
  const where = new PagePerBody(filter.bodyIds, filter.limit + 1, 'r');
  where.add('r.subject_id = $', filter.subjectId);
  where.add('r.recipient = $', filter.recipient);
  where.add('r.status = ANY($::text[])', filter.statuses);
  where.add('r.fire_at >= $::timestamptz', filter.from);
  where.add('r.fire_at <= $::timestamptz', filter.to);
  where.add('(r.fire_at, r.reminder_id) > (($::text[])[1]::timestamptz, ($::text[])[2]::uuid)', after);
  const rows = await db.query<ReminderRow>(
    where.statement({
      columns: COLUMNS,
      from: 'reminders r',
      order: 'r.fire_at, r.reminder_id',
      merged: 'fire_at, reminder_id',
    }),
    where.params,
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
