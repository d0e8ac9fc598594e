import { randomUUID } from 'node:crypto';
import { nameBasedUuid } from '#domain/shared/name-based-uuid';
import { SqlDatabase } from '#database/sql-database';
import { BodySettings, withDefaultSettings } from '#domain/body/body-settings';
import {
  ReminderChannel,
  ReminderFacts,
  ReminderFailed,
  ReminderSent,
} from '#domain/reminder/reminder.events';
import { addDays, weekdayOf } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';
import { reminderStream } from '#domain/shared/record-ids';
import { fireAt as sendTimeOf } from '#domain/reminder/reminder-policy';
import { reminderScheduleOf } from '#domain/reminder/reminder-settings';
import { MANAGER_OF } from '#domain/reminder/reminder-policy';
import { contactNamed } from '#domain/reminder/reminder-settings';
import { EventStore, WrongExpectedRevisionError } from '#event-store/port';
import { Notifier } from './notifiers';

export type DeliveryResult = 'sent' | 'skipped' | 'retry' | 'failed';

/** A reminder ready to send, and how many attempts it has had (a retry is a new attempt). */
export interface DueReminder {
  readonly reminderId: string;
  readonly attempts: number;
}

export interface DeliveryOptions {
  readonly maxAttempts?: number;
  /** A claim older than this is taken to be a dead worker's, and tried again. */
  readonly leaseMs?: number;
  /** Wait before attempt n + 1. */
  readonly backoffMs?: (attempt: number) => number;
}

export interface DeliveryLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

interface ClaimedRow {
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
  attempts: number;
}

// Fixed namespace for digest ids (one digest per person and day).
const DIGEST_NAMESPACE = Buffer.from('4e1f7a2c9b3d4c8e8f6a1d2b3c4e5f60', 'hex');

/**
 * Sends reminders exactly as the rows say. A reminder is claimed by one atomic update, so two
 * workers never both send it; it is recorded sent by appending to its own stream only if absent,
 * so it is recorded once; a claim whose worker died is taken up again after the lease. Receivers
 * get the reminder id (Message-ID, Idempotency-Key) to drop the rare repeat after such a crash.
 */
export class ReminderDelivery {
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly backoffMs: (attempt: number) => number;

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly clock: () => Date,
    private readonly notifiers: { log: Notifier } & Partial<Record<ReminderChannel, Notifier>>,
    private readonly log: DeliveryLog,
    options: DeliveryOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoffMs = options.backoffMs ?? ((attempt) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000));
  }

  /** Reminders due now (or whose worker died), oldest first. */
  async due(limit: number): Promise<DueReminder[]> {
    const now = this.clock();
    const rows = await this.db.query<{ reminder_id: string; attempts: number }>(
      `SELECT reminder_id, attempts FROM reminders
        WHERE ((status = 'pending' AND fire_at <= $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $1))
               OR (status = 'sending' AND claimed_at < $2))
        ORDER BY fire_at, reminder_id LIMIT $3`,
      [now.toISOString(), new Date(now.getTime() - this.leaseMs).toISOString(), limit],
    );
    return rows.map((row) => ({ reminderId: row.reminder_id, attempts: Number(row.attempts) }));
  }

  async deliver(reminderId: string): Promise<DeliveryResult> {
    const now = this.clock();
    const [claimed] = await this.db.query<ClaimedRow>(
      `UPDATE reminders SET status = 'sending', claimed_at = $2, attempts = attempts + 1, updated_at = $2
        WHERE reminder_id = $1
          AND ((status = 'pending' AND fire_at <= $2 AND (next_attempt_at IS NULL OR next_attempt_at <= $2))
               OR (status = 'sending' AND claimed_at < $3))
        RETURNING reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient, target_date, fire_at,
          message, attempts`,
      [reminderId, now.toISOString(), new Date(now.getTime() - this.leaseMs).toISOString()],
    );
    // Already sent, cancelled (done or moved), not yet due, or another worker has it.
    if (!claimed) return 'skipped';
    // A reminder goes out at most once, ever: its record on its own stream is the proof. The row
    // can say pending when it went out (a worker died before updating it, or a replay of the log).
    const recorded = await this.recordedOutcome(reminderId);
    if (recorded) {
      await this.db.query('UPDATE reminders SET status = $3, updated_at = $2 WHERE reminder_id = $1', [
        reminderId,
        this.clock().toISOString(),
        recorded === 'ReminderSent' ? 'sent' : 'failed',
      ]);
      return 'skipped';
    }
    const settings = await this.settingsOf(claimed.body_id);
    const { channel, address } = await this.addressOf(settings, claimed.body_id, claimed.recipient);
    const message = await this.messageOf(claimed);
    const facts: ReminderFacts = {
      kind: claimed.kind,
      subjectType: claimed.subject_type,
      subjectId: claimed.subject_id,
      subjectLabel: claimed.subject_label,
      recipient: claimed.recipient,
      targetDate: claimed.target_date,
      fireAt: new Date(claimed.fire_at).toISOString(),
      message,
      channel,
      address,
    };
    try {
      await (this.notifiers[channel] as Notifier).send({
        id: reminderId,
        address,
        subject: `Reminder: ${claimed.subject_label}`,
        text: message,
      });
    } catch (error) {
      return this.failed(claimed, facts, error);
    }
    await this.record(claimed, {
      type: 'ReminderSent',
      schemaVersion: 1,
      data: { ...facts, attempts: claimed.attempts },
    });
    await this.db.query(
      `UPDATE reminders SET status = 'sent', sent_at = $2, channel = $3, address = $4, message = $5, updated_at = $2
        WHERE reminder_id = $1`,
      [reminderId, this.clock().toISOString(), channel, address, message],
    );
    return 'sent';
  }

  /** Today's digests, planned once the day's hour has come: one row per person and day, like a reminder. */
  async planDigests(): Promise<number> {
    const now = this.clock();
    const bodies = await this.db.query<{ body_id: string; settings: Partial<BodySettings> }>(
      'SELECT body_id, settings FROM reminder_settings',
    );
    let planned = 0;
    for (const body of bodies) {
      const settings = withDefaultSettings(body.settings);
      // The body's own day and send hour, on its clock.
      const today = localDateOf(now, settings.timeZone);
      const fireAt = sendTimeOf(today, reminderScheduleOf(settings));
      if (now.toISOString() < fireAt) continue;
      const digests: [string, string][] = Object.entries(settings.reminders.contacts)
        .filter(([, contact]) => contact.dailyDigest)
        .map(([name]) => ['daily digest', name]);
      // The weekly list of items with no due date (TBC, Ongoing) goes to the secretary on Mondays.
      if (weekdayOf(today) === 1) digests.push(['no due date digest', settings.reminders.secretary]);
      for (const [kind, recipient] of digests) {
        const id = nameBasedUuid(DIGEST_NAMESPACE, [body.body_id, kind, recipient, today].join('\u0000'));
        const inserted = await this.db.query(
          `INSERT INTO reminders (reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient,
             target_date, offset_days, fire_at, message, status, planned_at, updated_at)
           VALUES ($1, $2, 'person', $3, $4, $5, $3, $6, 0, $7, '', 'pending', $8, $8)
           ON CONFLICT (reminder_id) DO NOTHING RETURNING reminder_id`,
          [
            id,
            body.body_id,
            recipient,
            `${kind === 'daily digest' ? 'Daily digest' : 'Items with no due date'} for ${recipient}`,
            kind,
            today,
            fireAt,
            now.toISOString(),
          ],
        );
        planned += inserted.length;
      }
    }
    return planned;
  }

  private async failed(claimed: ClaimedRow, facts: ReminderFacts, error: unknown): Promise<DeliveryResult> {
    const reason = error instanceof Error ? error.message : String(error);
    const now = this.clock();
    if (claimed.attempts >= this.maxAttempts) {
      this.log.warn(
        { reminder: claimed.reminder_id, attempts: claimed.attempts, err: reason },
        'reminder failed',
      );
      await this.record(claimed, {
        type: 'ReminderFailed',
        schemaVersion: 1,
        data: { ...facts, attempts: claimed.attempts, error: reason },
      });
      await this.db.query(
        `UPDATE reminders SET status = 'failed', last_error = $2, channel = $3, address = $4, updated_at = $5 WHERE reminder_id = $1`,
        [claimed.reminder_id, reason, facts.channel, facts.address, now.toISOString()],
      );
      return 'failed';
    }
    await this.db.query(
      `UPDATE reminders SET status = 'pending', last_error = $2, next_attempt_at = $3, enqueued_for = NULL, updated_at = $4
        WHERE reminder_id = $1`,
      [
        claimed.reminder_id,
        reason,
        new Date(now.getTime() + this.backoffMs(claimed.attempts)).toISOString(),
        now.toISOString(),
      ],
    );
    return 'retry';
  }

  private async recordedOutcome(reminderId: string): Promise<'ReminderSent' | 'ReminderFailed' | null> {
    const [recorded] = await this.store.readStream(reminderStream(reminderId), { maxCount: 1 });
    return recorded?.type === 'ReminderSent' || recorded?.type === 'ReminderFailed' ? recorded.type : null;
  }

  /** One event per reminder, on its own stream: a second worker's record of the same reminder is refused. */
  private async record(claimed: ClaimedRow, event: ReminderSent | ReminderFailed): Promise<void> {
    try {
      await this.store.append(
        reminderStream(claimed.reminder_id),
        [
          {
            id: randomUUID(),
            ...event,
            metadata: {
              actor: 'reminders',
              actorRole: 'system',
              bodyId: claimed.body_id,
              recordedAt: this.clock().toISOString(),
              effectiveAt: claimed.target_date,
              command: 'SendReminder',
            },
          },
        ],
        'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }

  /** Settings change rarely; a few seconds' cache spares a query per reminder in a busy hour. */
  private readonly settingsCache = new Map<string, { readAt: number; settings: BodySettings }>();

  private async settingsOf(bodyId: string): Promise<BodySettings> {
    const cached = this.settingsCache.get(bodyId);
    if (cached && Date.now() - cached.readAt < 5_000) return cached.settings;
    const settings = await this.readSettings(bodyId);
    this.settingsCache.set(bodyId, { readAt: Date.now(), settings });
    return settings;
  }

  private async readSettings(bodyId: string): Promise<BodySettings> {
    const [row] = await this.db.query<{ settings: Partial<BodySettings> }>(
      'SELECT settings FROM reminder_settings WHERE body_id = $1',
      [bodyId],
    );
    return withDefaultSettings(row?.settings ?? {});
  }

  /**
   * Email if the contact has one and SMTP is set up; else their webhook; else, for a lead who is a
   * person of the body's directory (by name or email, as the action names them), their email as
   * the directory has it when the reminder goes out; else the log.
   */
  private async addressOf(
    settings: BodySettings,
    bodyId: string,
    recipient: string,
  ): Promise<{ channel: ReminderChannel; address: string }> {
    const contact = contactNamed(settings.reminders, recipient);
    if (contact?.email && this.notifiers.email) return { channel: 'email', address: contact.email };
    if (contact?.webhookUrl && this.notifiers.webhook)
      return { channel: 'webhook', address: contact.webhookUrl };
    if (!contact && this.notifiers.email) {
      const email = recipient.startsWith(MANAGER_OF)
        ? (await directoryEntryOf(this.db, bodyId, recipient.slice(MANAGER_OF.length), true))?.managerEmail
        : (await directoryEntryOf(this.db, bodyId, recipient, false))?.email;
      if (email) return { channel: 'email', address: email };
    }
    // A person with no manager in the directory (or one who has left): the secretary hears instead.
    const secretary = settings.reminders.secretary;
    if (recipient.startsWith(MANAGER_OF) && recipient !== secretary)
      return this.addressOf(settings, bodyId, secretary);
    return { channel: 'log', address: recipient };
  }

  /** Reminders carry their text from planning; digests are written when they go out. */
  private async messageOf(claimed: ClaimedRow): Promise<string> {
    if (claimed.kind === 'daily digest') return this.dailyDigest(claimed.body_id, claimed.recipient);
    if (claimed.kind === 'no due date digest') return this.noDueDateDigest(claimed.body_id);
    return claimed.message;
  }

  private async dailyDigest(bodyId: string, person: string): Promise<string> {
    const today = localDateOf(this.clock(), (await this.settingsOf(bodyId)).timeZone);
    const week = addDays(today, 7);
    const rows = await this.db.query<{ ref: string; title: string; due_date: string }>(
      `SELECT ref, title, due_date FROM action_register
        WHERE body_id = $1 AND lifecycle = 'open' AND lead_officers ? $2 AND due_date <= $3::date
        ORDER BY due_date, ref`,
      [bodyId, person, week],
    );
    const overdue = rows.filter((r) => r.due_date < today);
    const soon = rows.filter((r) => r.due_date >= today);
    const line = (r: { ref: string; title: string; due_date: string }) =>
      `- ${r.ref} ${r.title} (due ${r.due_date})`;
    return [
      `Due this week (${soon.length}):`,
      ...soon.map(line),
      '',
      `Overdue (${overdue.length}):`,
      ...overdue.map(line),
    ].join('\n');
  }

  private async noDueDateDigest(bodyId: string): Promise<string> {
    const rows = await this.db.query<{ ref: string; title: string; due_written: string }>(
      `SELECT ref, title, due_written FROM action_register
        WHERE body_id = $1 AND lifecycle = 'open' AND due_date IS NULL ORDER BY plan, ref`,
      [bodyId],
    );
    return [
      `Open actions with no due date (${rows.length}):`,
      ...rows.map((r) => `- ${r.ref} ${r.title} (${r.due_written})`),
    ].join('\n');
  }
}

/**
 * The one person of the body's directory a recipient names (by name or email), with their manager's
 * email; a person who has left (disabled) is counted only when asked for, to find their manager.
 */
async function directoryEntryOf(
  db: SqlDatabase,
  bodyId: string,
  named: string,
  evenIfDisabled: boolean,
): Promise<{ email: string; managerEmail: string | null } | null> {
  const rows = await db.query<{ email: string; manager_email: string | null }>(
    `SELECT p.email, m.email AS manager_email
       FROM people p JOIN appointments a ON a.person_id = p.person_id
       LEFT JOIN people m ON m.person_id = p.manager_id AND NOT m.disabled
      WHERE a.body_id = $1 AND cardinality(a.roles) > 0 AND ($3 OR NOT p.disabled)
        AND (lower(p.name) = lower($2) OR p.email = lower($2))
      LIMIT 2`,
    [bodyId, named.trim(), evenIfDisabled],
  );
  return rows.length === 1 ? { email: rows[0].email, managerEmail: rows[0].manager_email } : null;
}
