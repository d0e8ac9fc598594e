import { SqlQueryable } from '#database/sql-database';
import { RecordedEvent } from '#event-store/port';
import { remindersProjection } from '#projections/reminders/reminders.projection';
import { InProcessReminders } from '#reminders/in-process-reminders';
import { Harness, log, reminderHarness } from '../support/reminder-harness';
import { emptyTables } from '../support/rebuilt-tables';

/** Every table of the projection, as rows in a fixed order. */
async function tables(tx: SqlQueryable) {
  return {
    subjects: await tx.query('SELECT * FROM reminder_subjects ORDER BY subject_id'),
    settings: await tx.query('SELECT * FROM reminder_settings ORDER BY body_id'),
    reminders: await tx.query('SELECT * FROM reminders ORDER BY reminder_id'),
  };
}

/**
 * The reminders projection folds a batch in memory (subjects, settings, every reminder row the
 * batch touches) and writes each row once. A log that plans, moves, cancels and sends reminders must
 * leave the same tables applied one event at a time as in batches where one subject's events,
 * a settings change and the records of reminders sent all meet.
 */
describe('the reminders projection applied a batch at a time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await reminderHarness('pglite');
  });
  afterAll(() => h?.close());

  it('holds the same rows as when each event was applied on its own', async () => {
    const secretary = { Authorization: `Bearer ${h.api.token('sam', 'secretary')}` };
    const admin = { Authorization: `Bearer ${h.api.token('root', 'admin', 'all')}` };
    const loop = new InProcessReminders(h.delivery(), log);
    const post = async (path: string, body: object, status = 201) =>
      (await h.api.http().post(path).set(secretary).send(body).expect(status)).body;

    const first = await h.createAction('RB1', '2026-03-20');
    await h.createAction('RB2', '2026-04-30');
    h.setTime('2026-03-13T08:00:00.000Z');
    await loop.tick(); // the 14- and 7-day reminders of RB1 go out and are recorded
    await h.change(first, 'due-date', { dueDate: 'Jun-26', reason: 'Supplier late.' });
    await h.change(first, 'status', { status: 'AMBER', commentary: 'Slipping.' });
    const third = await h.createAction('RB3', '2026-03-01'); // entered overdue: its latest threshold once
    await h.change(third, 'lead', { leadOfficers: ['DCC'], reason: 'Moved.' });
    await h.change(third, 'complete', { commentary: 'Done.' });
    const decision = await post('/api/decisions', {
      subject: 'Custody contract',
      decisionMaker: 'PCC',
      expectedOn: '2026-06-15',
      keyDecision: true,
      significantPublicInterest: false,
    });
    const board = await post('/api/boards', { name: 'SAB', code: 'SAB', members: [] });
    await post(`/api/boards/${board.id}/meetings`, { date: '2026-06-30', place: 'HQ' });
    const { body: body } = await h.api.http().get('/api/bodies/default').set(admin).expect(200);
    await h.api
      .http()
      .patch('/api/bodies/default/settings')
      .set(admin)
      .send({ expectedVersion: body.version, reminders: { sendHour: 15 } })
      .expect(200);
    await post(`/api/decisions/${decision.id}/notice`, { expectedVersion: 1 }, 200);
    const fourth = await h.createAction('RB4', '2026-03-25');
    h.setTime('2026-03-24T15:00:00.000Z');
    await loop.tick();
    await h.change(fourth, 'complete', { commentary: 'Done late.' });
    await h.createAction('RB5', 'TBC');

    const handled = new Set(remindersProjection.handles);
    const events = (await h.api.engine.store.readAll({ maxCount: 10_000 })).filter((event) =>
      handled.has(event.type),
    );
    expect(events.filter((event) => event.type === 'ReminderSent').length).toBeGreaterThanOrEqual(3);
    const appliedBy = async (
      apply: (tx: SqlQueryable, events: RecordedEvent[]) => Promise<void>,
    ): Promise<Awaited<ReturnType<typeof tables>>> => {
      let rows: Awaited<ReturnType<typeof tables>> | undefined;
      await h.api.engine.db
        .transaction(async (tx) => {
          await emptyTables(tx, remindersProjection);
          await apply(tx, events);
          rows = await tables(tx);
          throw new Error('rolled back');
        })
        .catch((error: Error) => {
          if (error.message !== 'rolled back') throw error;
        });
      return rows!;
    };
    const oneByOne = await appliedBy(async (tx, all) => {
      for (const event of all) await remindersProjection.apply(tx, event);
    });
    expect(oneByOne.reminders.filter((row) => row.status === 'sent').length).toBeGreaterThanOrEqual(3);
    expect(oneByOne.reminders.filter((row) => row.status === 'cancelled').length).toBeGreaterThan(0);
    // An action's row keeps what the policy reads, not the entries a correction may name.
    const actions = oneByOne.subjects.filter((row) => row.subject_type === 'action');
    expect(actions.map((row) => (row.state as { status: string | null }).status)).toContain('AMBER');
    expect(actions.filter((row) => 'correctable' in (row.state as object))).toEqual([]);
    for (const size of [5, 17, events.length])
      expect({
        size,
        rows: await appliedBy(async (tx, all) => {
          for (let from = 0; from < all.length; from += size)
            await remindersProjection.applyBatch!(tx, all.slice(from, from + size));
        }),
      }).toEqual({ size, rows: oneByOne });
  });

  it('folds on from an action row an older engine stored with the entries a correction may name', async () => {
    const action = await h.createAction('RB9', '2026-09-30');
    await h.change(action, 'status', { status: 'GREEN', commentary: 'On track.' });
    const handled = new Set(remindersProjection.handles);
    const events = (await h.api.engine.store.readAll({ maxCount: 10_000 })).filter((event) =>
      handled.has(event.type),
    );
    const last = events[events.length - 1];
    expect(last.type).toBe('ActionStatusSet');
    let status: unknown;
    await h.api.engine.db
      .transaction(async (tx) => {
        await emptyTables(tx, remindersProjection);
        await remindersProjection.applyBatch!(tx, events.slice(0, -1));
        // Rows written before the fifth session kept the entries, as an object keyed by event id.
        await tx.query(
          `UPDATE reminder_subjects SET state = state || jsonb_build_object('correctable', jsonb_build_object($1::text, 'ActionStatusSet'))
            WHERE subject_type = 'action'`,
          [events[0].id],
        );
        await remindersProjection.applyBatch!(tx, [last]);
        [{ status }] = await tx.query<{ status: unknown }>(
          "SELECT state->>'status' AS status FROM reminder_subjects WHERE subject_id = $1",
          [action],
        );
        throw new Error('rolled back');
      })
      .catch((error: Error) => {
        if (error.message !== 'rolled back') throw error;
      });
    expect(status).toBe('GREEN');
  });
});
