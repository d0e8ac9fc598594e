import { Migration } from '#database/migrations';

export const remindersMigrations: Migration[] = [
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
  {
    id: '0130_reminders_by_body',
    // A body's reminders in the order they go out, so a page reads a page (it read the body's every one).
    sql: 'CREATE INDEX reminders_by_body ON reminders (body_id, fire_at, reminder_id);',
  },
];
