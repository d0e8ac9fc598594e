import { Migration } from '#database/migrations';

export const actionRegisterMigrations: Migration[] = [
  {
    id: '0101_action_register',
    sql: `
      CREATE TABLE action_register (
        action_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        ref text NOT NULL,
        plan text NOT NULL,
        theme text,
        title text NOT NULL,
        lead_officers jsonb NOT NULL,
        deliverable text,
        objective text,
        due_written text NOT NULL,
        due_date date,
        due_precision text NOT NULL,
        status text,
        status_event_id uuid,
        status_commentary text,
        status_effective_on date,
        lifecycle text NOT NULL,
        created_on date NOT NULL,
        last_progress_note text,
        last_progress_on date,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX action_register_by_plan ON action_register (body_id, plan, ref, action_id);
      CREATE INDEX action_register_by_status ON action_register (body_id, status);
      CREATE INDEX action_register_by_due_date ON action_register (body_id, due_date);
      CREATE INDEX action_register_by_lead ON action_register USING gin (lead_officers);
    `,
  },
  {
    id: '0106_action_register_progress_entry',
    sql: `
      -- Which entry the last progress came from, so a correction of that entry shows in the register.
      ALTER TABLE action_register ADD COLUMN last_progress_event_id uuid;
    `,
  },
  {
    id: '0107_action_register_exemption',
    sql: `
      -- The Schedule 12A paragraph of the exempt agenda item that raised the action, if any.
      ALTER TABLE action_register ADD COLUMN exempt_category integer, ADD COLUMN exempt_reason text;
    `,
  },
  {
    id: '0117_action_register_lead_people',
    sql: `
      -- The people of the directory among an action's leads (ActionCreated and ActionLeadReassigned
      -- v2): "my actions" and the lead officer rule find a person by id, whatever their name.
      ALTER TABLE action_register ADD COLUMN lead_person_ids jsonb NOT NULL DEFAULT '[]'::jsonb;
      CREATE INDEX action_register_lead_people ON action_register USING gin (lead_person_ids);
    `,
  },
  {
    id: '0131_action_register_in_register_order',
    // The register page's order by ref (themes without a name first), so a page reads its own lines.
    sql: 'CREATE INDEX action_register_in_register_order ON action_register (body_id, plan, theme NULLS FIRST, ref, action_id);',
  },
];
