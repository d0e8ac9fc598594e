import { actionRegisterProjection } from '#projections/action-register/action-register.projection';
import { startTestApi, TestApi } from '../support/test-engine';
import { emptyTables } from '../support/rebuilt-tables';

/**
 * The action register folds a batch of events in memory and writes each action's row once. Driven
 * through the API, every event was applied on its own; a rebuild applies the same log in large
 * batches, where one action's creation, statuses and corrections meet in one batch.
 */
describe('the action register applied a batch at a time', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', undefined, undefined, () => new Date('2026-10-10T09:00:00Z'));
  });
  afterAll(() => api?.close());

  it('holds the same rows as when each event was applied on its own', async () => {
    const auth = { Authorization: `Bearer ${api.token('sam.secretary', 'secretary')}` };
    const post = async (path: string, body: object) =>
      (
        await api
          .http()
          .post(path)
          .set(auth)
          .send(body)
          .expect((response) => expect([200, 201]).toContain(response.status))
      ).body;
    const plan = 'Register plan';
    for (let n = 0; n < 6; n++) {
      const { id } = await post('/api/actions', {
        ref: `RB${n}`,
        plan,
        title: `Action ${n}`,
        leadOfficers: ['CR'],
        dueDate: 'Mar-27',
      });
      let version = 1;
      const step = async (path: string, body: object) =>
        (version = (await post(`/api/actions/${id}/${path}`, { ...body, expectedVersion: version })).version);
      await step('status', { status: 'AMBER', commentary: 'At risk.', effectiveDate: '2026-09-30' });
      await step('progress', { note: 'Met the supplier.' });
      const { body: history } = await api.http().get(`/api/actions/${id}/rag-history`).set(auth).expect(200);
      if (n % 2 === 0)
        await step('corrections', {
          correctsEventId: history.history[0].eventId,
          status: 'RED',
          reason: 'Was worse.',
        });
      if (n % 3 === 0) await step('due-date', { dueDate: 'Jun-27', reason: 'Delayed.' });
      if (n % 3 === 1) await step('lead', { leadOfficers: ['KD'], reason: 'New post.' });
      if (n >= 2) await step('complete', { commentary: 'Done.' });
      if (n === 3) await step('reopen', { reason: 'Not done after all.' });
      if (n === 4) await step('close', { commentary: 'Closed.' });
      if (n === 5)
        await step('reopen', { reason: 'Again.' }).then(() => step('cancel', { reason: 'Dropped.' }));
    }
    const rows = () =>
      api.engine.db.query(`SELECT * FROM action_register WHERE plan = $1 ORDER BY ref`, [plan]);
    const live = await rows();
    expect(live.map((row) => row.lifecycle)).toEqual([
      'open',
      'open',
      'completed',
      'open',
      'closed',
      'cancelled',
    ]);

    const events = (await api.engine.store.readAll({ maxCount: 10_000 })).filter((event) =>
      event.streamId.startsWith('action-'),
    );
    await api.engine.db.transaction(async (tx) => {
      await emptyTables(tx, actionRegisterProjection);
      await actionRegisterProjection.applyBatch!(tx, events.slice(0, 17));
      await actionRegisterProjection.applyBatch!(tx, events.slice(17));
    });
    expect(await rows()).toEqual(live);
  });
});
