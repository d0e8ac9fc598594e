import { randomUUID } from 'node:crypto';
import { actionIdFor, actionStream } from '#domain/action/action-ids';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { verifyAuditChain } from '#projections/audit-trail/audit-trail.queries';
import { startTestApi, TestApi } from '../support/test-engine';

const PLAN = 'Police and Crime Plan 2026-28';

/**
 * An action whose status was stored as ActionStatusSet v1, written straight into the log as an
 * engine before v2 wrote it, must read, decide and project exactly as one recorded today.
 */
describe('a status stored before the event named its reporting period (ActionStatusSet v1)', () => {
  let api: TestApi;
  let auth: { Authorization: string };
  const v1Action = actionIdFor('default', PLAN, 'OLD1');
  let v2Action: string;

  beforeAll(async () => {
    api = await startTestApi('pglite', undefined, undefined, () => new Date('2026-10-10T09:00:00Z'));
    auth = { Authorization: `Bearer ${api.token('sam.secretary', 'secretary')}` };
    const created = await api
      .http()
      .post('/api/actions')
      .set(auth)
      .send({ ref: 'NEW1', plan: PLAN, title: 'Balance the budget', leadOfficers: ['CR'], dueDate: 'Mar-27' })
      .expect(201);
    v2Action = created.body.id;
    await api
      .http()
      .post(`/api/actions/${v2Action}/status`)
      .set(auth)
      .send({
        status: 'AMBER',
        commentary: 'Savings at risk.',
        effectiveDate: '2026-09-30',
        expectedVersion: 1,
      })
      .expect(200);

    // What an engine before v2 stored: the same facts, the status at schema version 1.
    const metadata = { actor: 'sam.secretary', bodyId: 'default', recordedAt: '2026-10-10T09:00:00.000Z' };
    const position = (
      await new PostgresEventStore(api.engine.db).append(
        actionStream(v1Action),
        [
          {
            id: randomUUID(),
            type: 'ActionCreated',
            schemaVersion: 1,
            metadata,
            data: {
              bodyId: 'default',
              ref: 'OLD1',
              plan: PLAN,
              theme: null,
              title: 'Balance the budget',
              leadOfficers: ['CR'],
              deliverable: null,
              objective: null,
              dueDate: { written: 'Mar-27', date: '2027-03-31', precision: 'month' },
              createdOn: '2026-10-10',
            },
          },
          {
            id: randomUUID(),
            type: 'ActionStatusSet',
            schemaVersion: 1,
            metadata: { ...metadata, effectiveAt: '2026-09-30' },
            data: { status: 'AMBER', commentary: 'Savings at risk.', effectiveOn: '2026-09-30' },
          },
        ],
        'no_stream',
      )
    ).position;
    await api.engine.projector.waitFor(position);
  });
  afterAll(() => api?.close());

  const get = (path: string) => api.http().get(path).set(auth).expect(200);

  it('shows in the register and on its page as the same action recorded today does', async () => {
    const withoutIdentity = ({ id, ref, ...rest }: Record<string, unknown>) => {
      expect([id, ref]).not.toContain(undefined);
      return rest;
    };
    const [old, current] = await Promise.all([
      get(`/api/actions/${v1Action}`),
      get(`/api/actions/${v2Action}`),
    ]);
    expect(old.body.status).toBe('AMBER');
    expect(withoutIdentity(old.body)).toEqual(withoutIdentity(current.body));
  });

  it('keeps its place in the RAG history, with no reporting period where none was stored', async () => {
    const entries = async (id: string) =>
      (await get(`/api/actions/${id}/rag-history`)).body.history.map(
        ({ status, commentary, effectiveOn, reportingPeriod }: Record<string, unknown>) => ({
          status,
          commentary,
          effectiveOn,
          reportingPeriod,
        }),
      );
    expect(await entries(v1Action)).toEqual([
      { status: 'AMBER', commentary: 'Savings at risk.', effectiveOn: '2026-09-30', reportingPeriod: null },
    ]);
    expect(await entries(v2Action)).toEqual([
      {
        status: 'AMBER',
        commentary: 'Savings at risk.',
        effectiveOn: '2026-09-30',
        reportingPeriod: 'Q2 2026/27',
      },
    ]);
  });

  it('hands the old event over in the new shape to a reader of its type alone', async () => {
    const { events } = await api.engine.store.readAllOfTypes({ types: ['ActionStatusSet'], maxCount: 1000 });
    const old = events.find((event) => event.streamId === actionStream(v1Action));
    expect(old).toMatchObject({
      schemaVersion: 2,
      data: { status: 'AMBER', reportingPeriod: null },
      asStored: { schemaVersion: 1 },
    });
  });

  it('counts both in the RAG report', async () => {
    const report = await api
      .http()
      .get('/api/reports/rag')
      .query({ plan: PLAN, asOf: '2026-10-10' })
      .set(auth)
      .expect(200);
    expect(report.body.total).toBe(2);
    expect(report.body.counts.AMBER).toMatchObject({ count: 2, summary: '2/2 (100%) Amber' });
  });

  it('takes the next command on the old stream, folding the old event as the new shape', async () => {
    const { body } = await api
      .http()
      .post(`/api/actions/${v1Action}/status`)
      .set(auth)
      .send({ status: 'GREEN', commentary: 'Back on track.', expectedVersion: 2 })
      .expect(200);
    expect(body.version).toBe(3);
    const stored = await new PostgresEventStore(api.engine.db).readStream(actionStream(v1Action));
    expect(stored.map((event) => [event.type, event.schemaVersion])).toEqual([
      ['ActionCreated', 1],
      ['ActionStatusSet', 1],
      ['ActionStatusSet', 2],
    ]);
  });

  it('shows the auditor the event as stored, and its chain still verifies', async () => {
    await api.engine.projector.waitFor((await api.engine.store.readAll()).at(-1)!.position);
    const { body } = await api
      .http()
      .get('/api/audit')
      .query({ entityId: v1Action, eventType: 'ActionStatusSet' })
      .set({ Authorization: `Bearer ${api.token('ada', 'auditor')}` })
      .expect(200);
    const first = body.items.find((entry: { schemaVersion: number }) => entry.schemaVersion === 1);
    expect(first.data).toEqual({
      status: 'AMBER',
      commentary: 'Savings at risk.',
      effectiveOn: '2026-09-30',
    });
    expect(await verifyAuditChain(api.engine.db, api.engine.store, 'default')).toMatchObject({
      verified: true,
    });
  });
});
