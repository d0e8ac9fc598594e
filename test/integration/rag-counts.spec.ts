import { randomUUID } from 'node:crypto';
import { actionStream } from '#domain/action/action-ids';
import { DEFAULT_BODY_SETTINGS } from '#domain/body/body-settings';
import { SqlQueryable } from '#database/sql-database';
import { RecordedEvent } from '#event-store/port';
import { ragHistoryProjection } from '#projections/rag-history/rag-history.projection';
import { ragReport } from '#projections/rag-history/rag-history.queries';
import { ragHistoryMigrations } from '#projections/rag-history/rag-history.migrations';
import { openTestPglite, TestDatabase } from '../support/databases';
import { emptyTables } from '../support/rebuilt-tables';

/** The report as a scan of every current entry computed it before the counts: the oracle here. */
const SCAN = `
  WITH in_effect AS (
    SELECT CASE WHEN kind = 'cancelled' THEN 'CANCELLED' ELSE status END AS status, count(*)::integer AS count
      FROM rag_history
     WHERE body_id = $1 AND ($2::text IS NULL OR plan = $2) AND created_on <= $3::date AND superseded_by IS NULL
       AND effective_on <= $3::date AND (effective_until IS NULL OR effective_until > $3::date)
     GROUP BY 1
  )
  SELECT status, count FROM in_effect
  UNION ALL
  SELECT 'NONE', (SELECT count(*)::integer FROM rag_actions WHERE body_id = $1 AND ($2::text IS NULL OR plan = $2)
                     AND created_on <= $3::date) - coalesce((SELECT sum(count) FROM in_effect), 0)::integer`;

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    day: () =>
      `2017-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
  };
}

describe('the RAG history and the counts kept per day', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestPglite();
  });
  afterAll(() => database?.dispose());

  it('give the same report as scanning every entry, at every date, whatever order statuses arrive in, applied event by event or in batches', async () => {
    const random = generator(20171010);
    const events: RecordedEvent[] = [];
    const record = (actionId: string, revision: number, type: string, data: object): RecordedEvent => {
      const event = {
        id: randomUUID(),
        streamId: actionStream(actionId),
        revision,
        type,
        schemaVersion: type === 'ActionStatusSet' ? 2 : 1,
        data,
        metadata: {
          actor: 'tester',
          bodyId: 'default',
          recordedAt: new Date(Date.UTC(2017, 0, events.length + 1)).toISOString(),
        },
        position: { commit: events.length + 1, prepare: 0 },
        storedAt: new Date(),
      };
      events.push(event);
      return event;
    };
    for (let a = 0; a < 60; a++) {
      const actionId = randomUUID();
      const plan = random.pick(['Plan A', 'Plan B']);
      let revision = 0;
      const statusIds: string[] = [];
      record(actionId, revision++, 'ActionCreated', {
        bodyId: 'default',
        ref: `A${a}`,
        plan,
        theme: random.pick(['Theme 1', null]),
        title: `Action ${a}`,
        leadOfficers: ['CR'],
        deliverable: null,
        objective: null,
        dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
        createdOn: random.day(),
      });
      for (let step = 0; step < 5; step++) {
        const kind = random.pick(['status', 'status', 'status', 'correct', 'complete', 'reopen', 'cancel']);
        if (kind === 'status' || statusIds.length === 0) {
          const event = record(actionId, revision++, 'ActionStatusSet', {
            status: random.pick(['RED', 'AMBER', 'GREEN', 'WHITE']),
            commentary: 'Update',
            effectiveOn: random.day(),
            reportingPeriod: null,
          });
          statusIds.push(event.id);
        } else if (kind === 'correct') {
          record(actionId, revision++, 'ActionEntryCorrected', {
            correctsEventId: random.pick(statusIds),
            correctsEventType: 'ActionStatusSet',
            reason: 'Wrong.',
            ...(random.pick([true, false]) ? { status: random.pick(['RED', 'GREEN']) } : {}),
            ...(random.pick([true, false]) ? { effectiveOn: random.day() } : {}),
          });
        } else if (kind === 'complete') {
          record(actionId, revision++, 'ActionCompleted', { commentary: 'Done.', completedOn: random.day() });
        } else if (kind === 'reopen') {
          record(actionId, revision++, 'ActionReopened', {
            reason: 'Again.',
            reopenedOn: random.day(),
            status: 'AMBER',
          });
        } else {
          record(actionId, revision++, 'ActionCancelled', { reason: 'Dropped.', cancelledOn: random.day() });
        }
      }
    }
    await database.db.transaction(async (tx) => {
      for (const event of events) await ragHistoryProjection.apply(tx, event);
    });

    const display = DEFAULT_BODY_SETTINGS.statusDisplay;
    for (const plan of ['Plan A', undefined]) {
      for (let month = 1; month <= 12; month++) {
        for (const dayOfMonth of ['01', '15', '28']) {
          const asOf = `2017-${String(month).padStart(2, '0')}-${dayOfMonth}`;
          const report = await ragReport(database.db, { bodyId: 'default', plan, asOf }, display);
          const scanned = await database.db.query<{ status: string; count: number }>(SCAN, [
            'default',
            plan ?? null,
            asOf,
          ]);
          const counted = scanned.filter((row) => row.status !== 'CANCELLED');
          const countOf = (status: string) => counted.find((row) => row.status === status)?.count ?? 0;
          expect({ asOf, plan, total: report.total, notReported: report.notReported.count }).toEqual({
            asOf,
            plan,
            total: counted.reduce((sum, row) => sum + row.count, 0),
            notReported: countOf('NONE'),
          });
          for (const status of ['RED', 'AMBER', 'GREEN', 'WHITE', 'BLUE'] as const)
            expect([asOf, status, report.counts[status].count]).toEqual([asOf, status, countOf(status)]);
        }
      }
    }
    // The migration that brought the counts to a deployment computes the same rows from the entries.
    const migration = ragHistoryMigrations.find((m) => m.id === '0112_rag_counts')!.sql;
    const backfill = migration.slice(
      migration.indexOf('SELECT body_id, plan, theme_key'),
      migration.lastIndexOf(';'),
    );
    const order = ' ORDER BY body_id, plan, theme_key, status, on_date';
    expect(await database.db.query(`SELECT * FROM (${backfill}) b${order}`)).toEqual(
      await database.db.query(
        `SELECT body_id, plan, theme_key, status, on_date, delta FROM rag_counts WHERE delta <> 0${order}`,
      ),
    );
    // Applied in batches (a rebuild), where one action's statuses and corrections meet in one batch,
    // the entries and counts come out the same.
    const tables = async (tx: SqlQueryable) => ({
      actions: await tx.query('SELECT * FROM rag_actions ORDER BY action_id'),
      history: await tx.query('SELECT * FROM rag_history ORDER BY event_id'),
      counts: await tx.query(
        `SELECT body_id, plan, theme_key, status, on_date, delta FROM rag_counts WHERE delta <> 0${order}`,
      ),
    });
    const oneByOne = await tables(database.db);
    for (const size of [7, 64, events.length]) {
      let batched: Awaited<ReturnType<typeof tables>> | undefined;
      await database.db
        .transaction(async (tx) => {
          await emptyTables(tx, ragHistoryProjection);
          for (let from = 0; from < events.length; from += size)
            await ragHistoryProjection.applyBatch!(tx, events.slice(from, from + size));
          batched = await tables(tx);
          throw new Error('rolled back');
        })
        .catch((error: Error) => {
          if (error.message !== 'rolled back') throw error;
        });
      expect({ size, tables: batched }).toEqual({ size, tables: oneByOne });
    }
    // Not a vacuous comparison: the history moved the counts about.
    const midYear = await ragReport(database.db, { bodyId: 'default', asOf: '2017-07-01' }, display);
    expect(midYear.total).toBeGreaterThan(20);
    expect(Object.values(midYear.counts).filter((count) => count.count > 0).length).toBeGreaterThan(2);
  });
});
