import { nameBasedUuid } from '../../../domain/src/shared/name-based-uuid';
import { Migration } from '../../../database/src/migrations';
import { SqlQueryable } from '../../../database/src/sql-database';
import { Action } from '../../../domain/src/action/action.state';
import { actionDecider } from '../../../domain/src/action/action.decider';
import { ACTION_EVENT_TYPES } from '../../../domain/src/action/action.events';
import { BOARD_EVENT_TYPES } from '../../../domain/src/board/board.events';
import { Board } from '../../../domain/src/board/board.state';
import { boardDecider } from '../../../domain/src/board/board.decider';
import { BodySettings, withDefaultSettings } from '../../../domain/src/body/body-settings';
import { BodyEvent } from '../../../domain/src/body/body.events';
import { Decision } from '../../../domain/src/decision/decision.state';
import { decisionDecider } from '../../../domain/src/decision/decision.decider';
import { DECISION_EVENT_TYPES } from '../../../domain/src/decision/decision.events';
import { Meeting } from '../../../domain/src/meeting/meeting.state';
import { meetingDecider } from '../../../domain/src/meeting/meeting.decider';
import { MEETING_EVENT_TYPES } from '../../../domain/src/meeting/meeting.events';
import {
  actionReminders,
  decisionReminders,
  firstPlanned,
  meetingReminders,
  PlannedReminder,
} from '../../../domain/src/reminder/reminder-policy';
import { ReminderSettings } from '../../../domain/src/reminder/reminder-settings';
import {
  REMINDER_EVENT_TYPES,
  ReminderFailed,
  ReminderSent,
} from '../../../domain/src/reminder/reminder.events';
import { StoredDomainEvent } from '../../../domain/src/shared/event';
import { RecordedEvent } from '../../../event-store/src/port';
import { entityOfStream, Projection } from '../projection';

const migrations: Migration[] = [
  {
    id: '0110_reminders',
    sql: `
      -- What the reminder policy needs of each action, decision, meeting and board, folded from their events.
      CREATE TABLE reminder_subjects (
        subject_id uuid PRIMARY KEY,
        subject_type text NOT NULL,
        body_id text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL
      );
      CREATE INDEX reminder_subjects_by_body ON reminder_subjects (body_id, subject_type);

      CREATE TABLE reminder_settings (
        body_id text PRIMARY KEY,
        settings jsonb NOT NULL
      );

      -- Every reminder planned, and what became of it. The row is the truth; queued jobs only wake it.
      CREATE TABLE reminders (
        reminder_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        subject_label text NOT NULL,
        kind text NOT NULL,
        recipient text NOT NULL,
        target_date date NOT NULL,
        offset_days integer NOT NULL,
        fire_at timestamptz NOT NULL,
        message text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        claimed_at timestamptz,
        last_error text,
        channel text,
        address text,
        sent_at timestamptz,
        enqueued_for timestamptz,
        planned_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX reminders_by_status ON reminders (status, fire_at);
      CREATE INDEX reminders_by_subject ON reminders (subject_id);
      CREATE INDEX reminders_by_recipient ON reminders (body_id, recipient, fire_at);
    `,
  },
];

// Fixed namespace for reminder ids (chosen once; changing it would re-key every reminder).
const REMINDER_NAMESPACE = Buffer.from('9d2e4b7a1c6f4e0d8a3b5c7e9f1a2b4c', 'hex');

/** A reminder's id follows from what it is: the same plan twice is the same reminder. */
export function reminderIdOf(bodyId: string, reminder: PlannedReminder): string {
  return nameBasedUuid(
    REMINDER_NAMESPACE,
    [
      bodyId,
      reminder.subject.id,
      reminder.kind,
      reminder.recipient,
      reminder.targetDate,
      reminder.offsetDays,
    ].join('\u0000'),
  );
}

type SubjectType = 'action' | 'decision' | 'meeting' | 'board';
const DECIDERS = {
  action: actionDecider,
  decision: decisionDecider,
  meeting: meetingDecider,
  board: boardDecider,
};

async function settingsOf(tx: SqlQueryable, bodyId: string): Promise<BodySettings> {
  const [row] = await tx.query<{ settings: BodySettings }>(
    'SELECT settings FROM reminder_settings WHERE body_id = $1',
    [bodyId],
  );
  return withDefaultSettings(row?.settings ?? {});
}

/** What the policy wants for one subject now. */
async function plannedFor(
  tx: SqlQueryable,
  type: SubjectType,
  id: string,
  state: unknown,
  settings: BodySettings,
): Promise<PlannedReminder[]> {
  switch (type) {
    case 'action':
      return actionReminders(id, state as Action, settings.reminders);
    case 'decision':
      return decisionReminders(
        id,
        state as Decision,
        settings.reminders,
        settings.statutoryPeriods.keyDecisionNoticeClearDays,
      );
    case 'meeting': {
      const meeting = state as Meeting;
      const [board] = await tx.query<{ state: Board }>(
        "SELECT state FROM reminder_subjects WHERE subject_id = $1 AND subject_type = 'board'",
        [meeting.boardId],
      );
      return meetingReminders(id, meeting, board?.state.name ?? 'board', settings.reminders);
    }
    case 'board':
      return [];
  }
}

/**
 * Brings a subject's reminder rows in line with the policy and the settings in force. Pending
 * reminders the policy no longer wants are cancelled (the item was completed, moved or
 * reassigned); pending ones it still wants follow it (a new send hour moves them); new ones are
 * added as `firstPlanned` says (a late-entered item hears the latest threshold it missed, once);
 * sent and failed ones are history and stay.
 */
async function replan(
  tx: SqlQueryable,
  bodyId: string,
  type: SubjectType,
  subjectId: string,
  planned: PlannedReminder[],
  at: string,
  settings: ReminderSettings,
): Promise<void> {
  const ids = planned.map((reminder) => reminderIdOf(bodyId, reminder));
  // By subject alone, then by primary key: a status condition here would tempt the planner onto
  // the status index, which holds every pending reminder.
  const existing = await tx.query<{ reminder_id: string; status: string }>(
    'SELECT reminder_id, status FROM reminders WHERE subject_id = $1',
    [subjectId],
  );
  const statusOf = new Map(existing.map((row) => [row.reminder_id, row.status]));
  const unwanted = existing
    .filter((row) => row.status === 'pending' && !ids.includes(row.reminder_id))
    .map((row) => row.reminder_id);
  if (unwanted.length > 0) {
    await tx.query(
      "UPDATE reminders SET status = 'cancelled', updated_at = $2 WHERE reminder_id = ANY($1::uuid[]) AND status = 'pending'",
      [unwanted, at],
    );
  }
  const rows = planned.map((reminder, i) => ({ reminder, id: ids[i] }));
  const fresh = firstPlanned(
    rows.filter((row) => !statusOf.has(row.id)).map((row) => row.reminder),
    at,
    settings,
  );
  const all = [
    ...rows.filter(
      ({ id, reminder }) =>
        statusOf.get(id) === 'pending' || (statusOf.get(id) === 'cancelled' && reminder.fireAt >= at),
    ),
    ...fresh.map((reminder) => ({ reminder, id: reminderIdOf(bodyId, reminder) })),
  ];
  // One row per reminder: an INSERT ... ON CONFLICT may not touch a row twice.
  const written = all.filter((row, i) => all.findIndex((other) => other.id === row.id) === i);
  if (written.length === 0) return;
  await tx.query(
    `INSERT INTO reminders (reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient, target_date,
       offset_days, fire_at, message, status, planned_at, updated_at)
     SELECT u.id, $1, $2, $3, u.label, u.kind, u.recipient, u.target_date, u.offset_days, u.fire_at, u.message, 'pending', $4, $4
       FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::date[], $10::integer[], $11::timestamptz[], $12::text[])
         AS u(id, label, kind, recipient, target_date, offset_days, fire_at, message)
     ON CONFLICT (reminder_id) DO UPDATE
       SET status = 'pending', fire_at = EXCLUDED.fire_at, message = EXCLUDED.message,
           subject_label = EXCLUDED.subject_label, enqueued_for = NULL, updated_at = $4
       WHERE reminders.status = 'cancelled'
          OR (reminders.status = 'pending'
              AND (reminders.fire_at, reminders.message, reminders.subject_label)
                  IS DISTINCT FROM (EXCLUDED.fire_at, EXCLUDED.message, EXCLUDED.subject_label))`,
    [
      bodyId,
      type,
      subjectId,
      at,
      written.map((f) => f.id),
      written.map((f) => f.reminder.subject.label),
      written.map((f) => f.reminder.kind),
      written.map((f) => f.reminder.recipient),
      written.map((f) => f.reminder.targetDate),
      written.map((f) => f.reminder.offsetDays),
      written.map((f) => f.reminder.fireAt),
      written.map((f) => f.reminder.message),
    ],
  );
}

/** Plans reminders from the events of actions, decisions and meetings, and records what was sent. */
export const remindersProjection: Projection = {
  name: 'reminders',
  migrations,
  // Reminders are planned from actions, decisions, meetings (with their boards), the body's
  // settings, and record what was sent.
  handles: [
    ...ACTION_EVENT_TYPES,
    ...DECISION_EVENT_TYPES,
    ...MEETING_EVENT_TYPES,
    ...BOARD_EVENT_TYPES,
    'BodySettingsChanged',
    ...REMINDER_EVENT_TYPES,
  ],

  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const { entityType, entityId } = entityOfStream(recorded.streamId);
    const bodyId = recorded.metadata.bodyId;
    const at = recorded.metadata.recordedAt;
    if (entityType === 'reminder') {
      // Upserted from the event itself, so a rebuild keeps every reminder that went out (digests too).
      const { data, type } = recorded as unknown as RecordedEvent & (ReminderSent | ReminderFailed);
      await tx.query(
        `INSERT INTO reminders (reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient,
           target_date, offset_days, fire_at, message, status, attempts, channel, address, sent_at, last_error,
           planned_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $13, $14,
           CASE WHEN $11 = 'sent' THEN $15::timestamptz END, $16, $15, $15)
         ON CONFLICT (reminder_id) DO UPDATE SET status = $11, attempts = $12, channel = $13, address = $14,
           sent_at = CASE WHEN $11 = 'sent' THEN $15::timestamptz ELSE reminders.sent_at END, last_error = $16,
           updated_at = $15`,
        [
          entityId,
          bodyId,
          data.subjectType,
          data.subjectId,
          data.subjectLabel,
          data.kind,
          data.recipient,
          data.targetDate,
          data.fireAt,
          data.message,
          type === 'ReminderSent' ? 'sent' : 'failed',
          data.attempts,
          data.channel,
          data.address,
          at,
          type === 'ReminderFailed' ? (data as ReminderFailed['data']).error : null,
        ],
      );
      return;
    }
    if (entityType === 'body') {
      const event = recorded as unknown as RecordedEvent & BodyEvent;
      if (event.type !== 'BodySettingsChanged') return;
      await tx.query(
        `INSERT INTO reminder_settings (body_id, settings) VALUES ($1, $2)
         ON CONFLICT (body_id) DO UPDATE SET settings = $2`,
        [bodyId, JSON.stringify(withDefaultSettings(event.data.settings))],
      );
      // New thresholds or contacts: every subject of the body is planned again.
      const settings = await settingsOf(tx, bodyId);
      const subjects = await tx.query<{ subject_id: string; subject_type: SubjectType; state: unknown }>(
        "SELECT subject_id, subject_type, state FROM reminder_subjects WHERE body_id = $1 AND subject_type <> 'board'",
        [bodyId],
      );
      for (const subject of subjects) {
        const planned = await plannedFor(
          tx,
          subject.subject_type,
          subject.subject_id,
          subject.state,
          settings,
        );
        await replan(tx, bodyId, subject.subject_type, subject.subject_id, planned, at, settings.reminders);
      }
      return;
    }
    if (!(entityType in DECIDERS)) return;
    const type = entityType as SubjectType;
    const version = recorded.revision + 1;
    const [row] = await tx.query<{ state: unknown; version: number }>(
      'SELECT state, version FROM reminder_subjects WHERE subject_id = $1',
      [entityId],
    );
    if (row && row.version >= version) return;
    const decider = DECIDERS[type] as unknown as {
      initialState: () => unknown;
      evolve: (state: unknown, event: StoredDomainEvent) => unknown;
    };
    const state = decider.evolve(
      row?.state ?? decider.initialState(),
      recorded as unknown as StoredDomainEvent,
    );
    await tx.query(
      `INSERT INTO reminder_subjects (subject_id, subject_type, body_id, state, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (subject_id) DO UPDATE SET state = $4, version = $5`,
      [entityId, type, bodyId, JSON.stringify(state), version],
    );
    if (type === 'board') return;
    const settings = await settingsOf(tx, bodyId);
    const planned = await plannedFor(tx, type, entityId, state, settings);
    await replan(tx, bodyId, type, entityId, planned, at, settings.reminders);
  },

  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query('DELETE FROM reminder_subjects');
    await tx.query('DELETE FROM reminder_settings');
    // Sent and failed reminders are facts in the log; a rebuild plans and marks them again.
    await tx.query('DELETE FROM reminders');
  },
};
