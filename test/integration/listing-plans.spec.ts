import { ALL_MIGRATIONS } from '#projections';
import { ActionFilter, listActions } from '#projections/action-register/action-register.queries';
import { registerAsAt } from '#projections/action-register/register-as-at.queries';
import { AuditFilter, listAuditTrail } from '#projections/audit-trail/audit-trail.queries';
import { encodeCursor, InvalidCursorError } from '#projections/cursor';
import { POPULATION } from '#projections/rag-history/rag-counts';
import { DecisionFilter, listDecisions } from '#projections/decisions/decisions.queries';
import { listReminders, ReminderFilter } from '#projections/reminders/reminders.queries';
import { numberedId, numberedIdSql, rowsReadBy } from '../support/query-plans';
import { DATABASES, migratedDatabase } from '../support/test-engine';

const ENTRIES = 3000;

/**
 * A page of the audit trail reads about a page of entries, whatever the trail's length: through
 * the index that leads with the body and the filter, each body's page apart. The listing read a
 * body's whole trail to sort it (at 200,000 events, 190 ms for the first page).
 */
describe.each(DATABASES)('a page of the audit trail (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  beforeAll(async () => {
    // Two bodies' trails interleaved in the log, by five actors, about a hundred entities.
    await db().query(
      `INSERT INTO audit_trail (event_id, commit_position, prepare_position, body_id, stream_id, stream_revision,
                                entity_type, entity_id, event_type, schema_version, summary, actor, recorded_at,
                                data, chain_hash, body_seq)
       SELECT gen_random_uuid(), n, n, CASE WHEN n % 2 = 0 THEN 'default' ELSE 'other' END, 'action-' || n % 97, n,
              'action', 'a' || n % 97, CASE WHEN n % 7 = 0 THEN 'ActionCreated' ELSE 'ActionStatusSet' END, 1,
              'Entry', 'person ' || n % 5, now(), '{}', 'hash', n
         FROM generate_series(1, $1::int) AS n`,
      [ENTRIES],
    );
    await db().query('ANALYZE audit_trail');
  });

  const read = (filter: Partial<AuditFilter>) =>
    rowsReadBy(db(), (via) => listAuditTrail(via, { bodyIds: ['default'], limit: 20, ...filter }));

  it.each([
    ['of one body', {}, 21],
    ['of two bodies', { bodyIds: ['default', 'other'] }, 42],
    ['of one body named twice', { bodyIds: ['default', 'default'] }, 21],
    ['by an actor', { actor: 'person 3' }, 21],
    ['by event type', { eventType: 'ActionCreated' }, 21],
  ])('reads a page and one more %s, not the whole trail', async (_, filter, rows) => {
    expect(await read(filter)).toEqual([rows]);
  });

  it('refuses a cursor that is not a place in the log, before any statement', async () => {
    await expect(read({ cursor: encodeCursor(['x', 1]) })).rejects.toThrow(InvalidCursorError);
  });

  it('reads only the entries of an entity', async () => {
    // Entity a5's entries in the default body: every 97th entry, half of them.
    const [rows] = await read({ entityId: 'a5' });
    expect(rows).toBeLessThanOrEqual(Math.ceil(ENTRIES / 97));
  });
});

/**
 * A page of the action register reads about a page of actions: each body's page in the order of
 * its index by plan and ref. Ordering by the id as text read and sorted a body's whole register
 * (at 200,000 events, 35 ms a page; 150 ms as at a day).
 */
describe.each(DATABASES)('a page of the action register (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  beforeAll(async () => {
    await db().query(
      `INSERT INTO action_register (action_id, body_id, ref, plan, theme, title, lead_officers, due_written,
                                    due_precision, lifecycle, created_on, version, created_at, updated_at, status)
       SELECT gen_random_uuid(), CASE WHEN n % 2 = 0 THEN 'default' ELSE 'other' END, 'R' || lpad(n::text, 5, '0'),
              'Plan ' || n % 3, 'Theme', 'Action ' || n, '["CR"]', 'Mar-18', 'month', 'open',
              date '2017-01-01' + n % 365, 1, now(), now(), CASE WHEN n % 3 = 0 THEN 'RED' ELSE 'GREEN' END
         FROM generate_series(1, $1::int) AS n`,
      [ENTRIES],
    );
    await db().query('ANALYZE action_register');
  });

  const read = (filter: Partial<ActionFilter>) =>
    rowsReadBy(db(), (via) => listActions(via, { bodyIds: ['default'], limit: 20, ...filter }));

  it.each([
    ['of one body', {}, 21],
    ['of two bodies', { bodyIds: ['default', 'other'] }, 42],
    ['of a plan', { plan: 'Plan 1' }, 21],
    ['after a cursor', { cursor: encodeCursor(['Plan 1', 'R00100', numberedId(0)]) }, 21],
  ])('reads a page and one more %s, not the whole register', async (_, filter, rows) => {
    expect(await read(filter)).toEqual([rows]);
  });

  it('refuses a cursor whose id is not an id, before any statement', async () => {
    await expect(read({ cursor: encodeCursor(['Plan 1', 'R00100', 'not-an-id']) })).rejects.toThrow(
      InvalidCursorError,
    );
  });
});

/**
 * A page of the decision register reads about a page of decisions, in the order of the index
 * migration 0129 made for it (newest number first). It read and sorted a body's every decision.
 */
describe.each(DATABASES)('a page of the decision register (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  beforeAll(async () => {
    // Every third not yet numbered; the record published of all but every fifth.
    await db().query(
      `INSERT INTO decisions (decision_id, body_id, number, stage, key_decision, significant_public_interest, exempt,
                              state, search_text, public_search_text, version, updated_at)
       SELECT gen_random_uuid(), CASE WHEN n % 2 = 0 THEN 'default' ELSE 'other' END,
              CASE WHEN n % 3 = 0 THEN NULL ELSE n END, 'published', n % 4 = 0, false, false,
              CASE WHEN n % 5 = 0 THEN '{}' ELSE '{"recordPublishedOn": "2026-01-01"}' END::jsonb, '', '', 1, now()
         FROM generate_series(1, $1::int) AS n`,
      [ENTRIES],
    );
    await db().query('ANALYZE decisions');
  });

  const read = (filter: Partial<DecisionFilter>) =>
    rowsReadBy(db(), (via) =>
      listDecisions(via, {
        bodyIds: ['default'],
        limit: 20,
        publicOnly: false,
        ...filter,
      }),
    );

  it.each([
    ['of one body', {}, 21],
    ['of two bodies', { bodyIds: ['default', 'other'] }, 42],
    ['after a cursor', { cursor: encodeCursor(['default', -2000, '']) }, 21],
  ])('reads a page and one more %s, not the whole register', async (_, filter, rows) => {
    expect(await read(filter)).toEqual([rows]);
  });

  it('reads a few more than a page of those published, not the whole register', async () => {
    const [rows] = await read({ recordPublishedOnly: true });
    expect(rows).toBeLessThanOrEqual(30);
  });

  it.each([['x'], [2 ** 40]])(
    'refuses a cursor whose number is not a decision number (%s), before any statement',
    async (number) => {
      await expect(read({ cursor: encodeCursor(['default', number, '']) })).rejects.toThrow(
        InvalidCursorError,
      );
    },
  );
});

/** A page of reminders reads about a page, in the order of the index migration 0130 made for it. */
describe.each(DATABASES)('a page of reminders (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  beforeAll(async () => {
    // One in fifty failed; the rest sent or pending.
    await db().query(
      `INSERT INTO reminders (reminder_id, body_id, subject_type, subject_id, subject_label, kind, recipient,
                              target_date, offset_days, fire_at, message, status, planned_at, updated_at)
       SELECT gen_random_uuid(), CASE WHEN n % 2 = 0 THEN 'default' ELSE 'other' END, 'action', 'a' || n % 97,
              'Action', 'due', 'lead' || n % 5 || '@example.org', date '2026-01-01', 7,
              timestamptz '2026-01-01T09:00:00Z' + n * interval '1 hour', 'Due soon',
              CASE WHEN n % 50 = 0 THEN 'failed' WHEN n % 2 = 0 THEN 'sent' ELSE 'pending' END, now(), now()
         FROM generate_series(1, $1::int) AS n`,
      [ENTRIES],
    );
    await db().query('ANALYZE reminders');
  });

  const read = (filter: Partial<ReminderFilter>) =>
    rowsReadBy(db(), (via) => listReminders(via, { bodyIds: ['default'], limit: 20, ...filter }));

  it.each([
    ['of one body', {}, 21],
    ['of two bodies', { bodyIds: ['default', 'other'] }, 42],
    ['after a cursor', { cursor: encodeCursor(['2026-02-01T00:00:00.000Z', numberedId(0)]) }, 21],
    [
      'after a cursor whose time JavaScript reads and PostgreSQL would not',
      {
        cursor: encodeCursor([
          'Sun Feb 01 2026 00:00:00 GMT+0000 (Coordinated Universal Time)',
          numberedId(0),
        ]),
      },
      21,
    ],
  ])('reads a page and one more %s, not every reminder', async (_, filter, rows) => {
    expect(await read(filter)).toEqual([rows]);
  });

  it('reads the few failed ones, not every reminder', async () => {
    const [rows] = await read({ statuses: ['failed'] });
    expect(rows).toBeLessThanOrEqual(ENTRIES / 50);
  });

  it('refuses a cursor that is not a time and an id, before any statement', async () => {
    await expect(read({ cursor: encodeCursor(['soon', 'x']) })).rejects.toThrow(InvalidCursorError);
  });
});

/**
 * A page of the register page (as at a day, in the order by ref) reads its own lines' rows and
 * their status entries, and takes its total from the RAG counts: counting beside the page read
 * every action's rows (76 ms a page at 24,000 actions). Migration 0131 indexes the page's order.
 */
describe.each(DATABASES)('a page of the register as at a day (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  beforeAll(async () => {
    await db().query(
      `INSERT INTO action_register (action_id, body_id, ref, plan, theme, title, lead_officers, due_written,
                                    due_precision, lifecycle, created_on, version, created_at, updated_at)
       SELECT ${numberedIdSql('n')}::uuid, 'default', 'R' || lpad(n::text, 5, '0'),
              'Plan ' || n % 3, CASE WHEN n % 4 = 0 THEN NULL ELSE 'Theme ' || n % 4 END, 'Action ' || n, '["CR"]',
              'Mar-18', 'month', 'open', date '2017-01-01' + n % 30, 1, now(), now()
         FROM generate_series(1, $1::int) AS n`,
      [ENTRIES],
    );
    await db().query(
      `INSERT INTO rag_actions (action_id, body_id, plan, theme, created_on, recorded_at)
       SELECT action_id, body_id, plan, theme, created_on, created_at FROM action_register`,
    );
    // The population the RAG history keeps: each action counted from the day it joined its plan.
    await db().query(
      `INSERT INTO rag_counts (body_id, plan, theme_key, status, on_date, delta)
       SELECT body_id, plan, coalesce(theme, ''), $1, created_on, count(*) FROM rag_actions
        GROUP BY body_id, plan, coalesce(theme, ''), created_on`,
      [POPULATION],
    );
    for (const table of ['action_register', 'rag_actions', 'rag_counts'])
      await db().query(`ANALYZE ${table}`);
  });

  it('reads the lines of the page, and a few counts for its total', async () => {
    let total = 0;
    const [page, count] = await rowsReadBy(db(), async (via) => {
      ({ total } = await registerAsAt(via, {
        bodyId: 'default',
        asOf: '2018-03-31',
        sort: 'ref',
        limit: 20,
        offset: 40,
      }));
    });
    // Sixty lines up to the page's end, each with its row in both tables (no status entries here).
    expect(page).toBeLessThanOrEqual(2 * 60);
    // A count for each plan, theme and day (3 x 4 x 30), not a row per action.
    expect(count).toBeLessThanOrEqual(3 * 4 * 30);
    expect(total).toBe(ENTRIES);
  });

  it.each([
    ['of a plan', { plan: 'Plan 1' }],
    ['of a theme of a plan', { plan: 'Plan 1', theme: 'Theme 2' }],
    ['of a lead', { lead: 'CR' }],
  ])('reads the lines of the page %s, through the index of its order', async (_, filter) => {
    const [page] = await rowsReadBy(db(), (via) =>
      registerAsAt(via, {
        bodyId: 'default',
        asOf: '2018-03-31',
        sort: 'ref',
        limit: 20,
        offset: 0,
        ...filter,
      }),
    );
    // Twenty lines, each with its row in both tables; not the body's 3,000 actions sorted.
    expect(page).toBeLessThanOrEqual(2 * 20);
  });
});
