import { SqlQueryable, utcIsoOf } from '#database/sql-database';
import { firstPlanned, PlannedReminder } from '#domain/reminder/reminder-policy';
import { ReminderSchedule } from '#domain/reminder/reminder-settings';
import { ReminderFailed, ReminderSent } from '#domain/reminder/reminder.events';
import { nameBasedUuid } from '#domain/shared/name-based-uuid';
import { JsonRows } from '../json-rows';

// Fixed namespace for reminder ids (chosen once; changing it would re-key every reminder).
const REMINDER_NAMESPACE = Buffer.from('9d2e4b7a1c6f4e0d8a3b5c7e9f1a2b4c', 'hex');

/** What names a reminder: the same plan twice is the same reminder. */
const reminderNameOf = (bodyId: string, reminder: PlannedReminder): string =>
  [
    bodyId,
    reminder.subject.id,
    reminder.kind,
    reminder.recipient,
    reminder.targetDate,
    reminder.offsetDays,
  ].join('\u0000');

/** The columns of a reminder row the projection plans; times as ISO strings, dates as YYYY-MM-DD. */
interface PlannedRow {
  reminder_id: string;
  body_id: string;
  subject_type: string;
  subject_id: string;
  subject_label: string;
  kind: string;
  recipient: string;
  target_date: string;
  offset_days: number;
  fire_at: string;
  message: string;
  status: string;
  planned_at: string;
  updated_at: string;
}

/** What a record of a reminder sent or failed writes: its facts, whatever the row said before. */
interface RecordedRow extends PlannedRow {
  attempts: number;
  channel: string;
  address: string;
  sent_at: string | null;
  last_error: string | null;
}

const PLANNED_COLUMNS = `reminder_id uuid, body_id text, subject_type text, subject_id text, subject_label text,
  kind text, recipient text, target_date date, offset_days integer, fire_at timestamptz, message text,
  status text, planned_at timestamptz, updated_at timestamptz`;
const PLANNED = new JsonRows<PlannedRow>(PLANNED_COLUMNS);
const MOVED = new JsonRows<PlannedRow & { woken: boolean }>(`${PLANNED_COLUMNS}, woken boolean`);
const RECORDED = new JsonRows<RecordedRow>(
  `${PLANNED_COLUMNS}, attempts integer, channel text, address text, sent_at timestamptz, last_error text`,
);
const PLANNED_LIST = PLANNED.names;

/**
 * The reminder rows one batch touches, held in memory: loaded once, replanned and marked sent as
 * the batch's events say, and written back once. Delivery writes the same table meanwhile (claims,
 * attempts, sends), so the write-back only moves a row the projection owns right now (pending or
 * cancelled), as each event's own statements would have; a record of a send is a fact and wins.
 */
export class ReminderRows {
  private readonly rows = new Map<string, PlannedRow>();
  private readonly bySubject = new Map<string, Set<string>>();
  private readonly stored = new Set<string>();
  /** Rows replanned by this batch: as the last replan left them, and whether it woke them. */
  private readonly replanned = new Map<string, { row: PlannedRow; woken: boolean }>();
  private readonly recorded = new Map<string, RecordedRow>();
  /**
   * Reminder ids by name: a subject is replanned at each of its events, mostly to the same
   * reminders, and a name-based id is a SHA-1 (a tenth of a rebuild's time before they were kept).
   */
  private readonly ids = new Map<string, string>();

  /** A reminder's id follows from what it is. */
  private idOf(bodyId: string, reminder: PlannedReminder): string {
    const name = reminderNameOf(bodyId, reminder);
    let id = this.ids.get(name);
    if (id === undefined) {
      id = nameBasedUuid(REMINDER_NAMESPACE, name);
      this.ids.set(name, id);
    }
    return id;
  }

  async load(tx: SqlQueryable, subjectIds: readonly string[], reminderIds: readonly string[]) {
    if (subjectIds.length === 0 && reminderIds.length === 0) return;
    const rows = await tx.query<PlannedRow>(
      `SELECT reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient, target_date::text,
              offset_days, ${utcIsoOf('fire_at')} AS fire_at, message, status, ${utcIsoOf('planned_at')} AS planned_at,
              ${utcIsoOf('updated_at')} AS updated_at
         FROM reminders WHERE subject_id = ANY($1::text[]) OR reminder_id = ANY($2::uuid[])`,
      [subjectIds, reminderIds],
    );
    for (const row of rows) {
      this.stored.add(row.reminder_id);
      this.hold(row);
    }
  }

  /**
   * Brings a subject's reminder rows in line with the policy and the settings in force. Pending
   * reminders the policy no longer wants are cancelled (the item was completed, moved or
   * reassigned); pending ones it still wants follow it (a new send hour moves them), except that
   * one whose time has passed keeps its own (a catch-up goes at the next send hour, not at the
   * threshold it stands for); new ones are added as `firstPlanned` says (a late-entered item hears
   * the latest threshold it missed, once). A threshold missed before the latest one the subject
   * already has a row for is never caught up: it was passed over when that one was planned, and a
   * later event of the subject must not send it after all. Sent and failed ones are history and stay.
   */
  replan(
    subject: { bodyId: string; type: string; id: string },
    planned: readonly PlannedReminder[],
    at: string,
    settings: ReminderSchedule,
  ): void {
    const ids = planned.map((reminder) => this.idOf(subject.bodyId, reminder));
    const existing = [...(this.bySubject.get(subject.id) ?? [])].map((id) => this.rows.get(id)!);
    const statusOf = new Map(existing.map((row) => [row.reminder_id, row.status]));
    for (const row of existing)
      if (row.status === 'pending' && !ids.includes(row.reminder_id))
        this.change(row, { status: 'cancelled', updated_at: at }, false);
    const rows = planned.map((reminder, i) => ({ reminder, id: ids[i] }));
    const latestHeld = rows
      .filter(({ id }) => statusOf.has(id) && statusOf.get(id) !== 'cancelled')
      .reduce((latest, { reminder }) => (reminder.fireAt > latest ? reminder.fireAt : latest), '');
    const fresh = firstPlanned(
      rows
        .filter(
          ({ id, reminder }) => !statusOf.has(id) && (reminder.fireAt >= at || reminder.fireAt > latestHeld),
        )
        .map((row) => row.reminder),
      at,
      settings,
    );
    const wanted = [
      ...rows.filter(
        ({ id, reminder }) =>
          statusOf.get(id) === 'pending' || (statusOf.get(id) === 'cancelled' && reminder.fireAt >= at),
      ),
      ...fresh.map((reminder) => ({ reminder, id: this.idOf(subject.bodyId, reminder) })),
    ];
    const seen = new Set<string>();
    for (const { id, reminder } of wanted) {
      if (seen.has(id)) continue;
      seen.add(id);
      const row = this.rows.get(id);
      const plan = {
        fire_at: reminder.fireAt < at && row?.status === 'pending' ? row.fire_at : reminder.fireAt,
        message: reminder.message,
        subject_label: reminder.subject.label,
      };
      if (!row) {
        const added: PlannedRow = {
          reminder_id: id,
          body_id: subject.bodyId,
          subject_type: subject.type,
          subject_id: subject.id,
          kind: reminder.kind,
          recipient: reminder.recipient,
          target_date: reminder.targetDate,
          offset_days: reminder.offsetDays,
          ...plan,
          status: 'pending',
          planned_at: at,
          updated_at: at,
        };
        this.hold(added);
        this.replanned.set(id, { row: { ...added }, woken: true });
      } else if (
        row.status === 'cancelled' ||
        (row.status === 'pending' &&
          (row.fire_at !== plan.fire_at ||
            row.message !== plan.message ||
            row.subject_label !== plan.subject_label))
      ) {
        this.change(row, { ...plan, status: 'pending', updated_at: at }, true);
      }
    }
  }

  /** A reminder went out or failed for good: its record says so, whatever was planned. */
  record(
    event: (ReminderSent | ReminderFailed) & { id: string },
    reminderId: string,
    bodyId: string,
    at: string,
  ) {
    const { data } = event;
    const row: RecordedRow = {
      reminder_id: reminderId,
      body_id: bodyId,
      subject_type: data.subjectType,
      subject_id: data.subjectId,
      subject_label: data.subjectLabel,
      kind: data.kind,
      recipient: data.recipient,
      target_date: data.targetDate,
      offset_days: 0,
      fire_at: data.fireAt,
      message: data.message,
      status: event.type === 'ReminderSent' ? 'sent' : 'failed',
      planned_at: at,
      updated_at: at,
      attempts: data.attempts,
      channel: data.channel,
      address: data.address,
      sent_at: event.type === 'ReminderSent' ? at : null,
      last_error: event.type === 'ReminderFailed' ? event.data.error : null,
    };
    this.recorded.set(reminderId, row);
    const held = this.rows.get(reminderId);
    if (held) Object.assign(held, { status: row.status, updated_at: at });
    else this.hold({ ...row });
  }

  /** Writes what the batch changed: replanned rows the projection still owns, then the records. */
  async write(tx: SqlQueryable): Promise<void> {
    const replanned = [...this.replanned.values()];
    const added = replanned.filter(({ row }) => !this.stored.has(row.reminder_id)).map(({ row }) => row);
    if (added.length > 0)
      await tx.query(
        `INSERT INTO reminders (${PLANNED_LIST})
         SELECT ${PLANNED_LIST} FROM ${PLANNED.relation('$1', 'r')}
         ON CONFLICT (reminder_id) DO NOTHING`,
        [PLANNED.json(added)],
      );
    const moved = replanned
      .filter(({ row }) => this.stored.has(row.reminder_id))
      .map(({ row, woken }) => ({ ...row, woken }));
    if (moved.length > 0)
      await tx.query(
        `UPDATE reminders SET status = r.status, fire_at = r.fire_at, message = r.message,
                subject_label = r.subject_label, updated_at = r.updated_at,
                enqueued_for = CASE WHEN r.woken THEN NULL ELSE reminders.enqueued_for END
           FROM ${MOVED.relation('$1', 'r')}
          WHERE reminders.reminder_id = r.reminder_id AND reminders.status IN ('pending', 'cancelled')`,
        [MOVED.json(moved)],
      );
    if (this.recorded.size > 0)
      await tx.query(
        `INSERT INTO reminders (${PLANNED_LIST}, attempts, channel, address, sent_at, last_error)
         SELECT ${PLANNED_LIST}, attempts, channel, address, sent_at, last_error
           FROM ${RECORDED.relation('$1', 'r')}
         ON CONFLICT (reminder_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
           channel = EXCLUDED.channel, address = EXCLUDED.address,
           sent_at = CASE WHEN EXCLUDED.status = 'sent' THEN EXCLUDED.sent_at ELSE reminders.sent_at END,
           last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at`,
        [RECORDED.json([...this.recorded.values()])],
      );
  }

  private hold(row: PlannedRow): void {
    this.rows.set(row.reminder_id, row);
    const ofSubject = this.bySubject.get(row.subject_id) ?? new Set<string>();
    ofSubject.add(row.reminder_id);
    this.bySubject.set(row.subject_id, ofSubject);
  }

  private change(row: PlannedRow, change: Partial<PlannedRow>, wakes: boolean): void {
    Object.assign(row, change);
    const woken = wakes || (this.replanned.get(row.reminder_id)?.woken ?? false);
    this.replanned.set(row.reminder_id, { row: { ...row }, woken });
  }
}
