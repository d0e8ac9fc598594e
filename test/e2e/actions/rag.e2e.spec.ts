import { DATABASES, TestApi } from '../../support/test-engine';
import { actionApi, REPORT_PLAN, seedAction, seedReportPlan } from '../../support/action-api';

describe.each(DATABASES)('the action register over HTTP: the RAG history and report (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let officer: string;
  let auditor: string;
  let auth: (token: string) => { Authorization: string };
  let create: (body: object, token?: string) => Promise<{ id: string; ref: string; version: number }>;

  let fixture: Awaited<ReturnType<typeof actionApi>>;
  beforeAll(async () => {
    fixture = await actionApi(kind);
    ({ api, secretary, officer, auditor, auth, create } = fixture);
  });
  afterAll(() => api?.close());

  describe('the RAG history and report', () => {
    const reportPlan = REPORT_PLAN;
    const ids: string[] = [];

    beforeAll(async () => {
      ids.push(...(await seedReportPlan(fixture)));
    });

    it('reports the seed form "12/20 (60%) Green" at the end of Q2', async () => {
      const { body } = await api
        .http()
        .get('/api/reports/rag')
        .query({ plan: reportPlan, asOf: '2017-09-30' })
        .set(auth(auditor))
        .expect(200);
      expect(body.total).toBe(20);
      expect(body.counts.GREEN).toMatchObject({ count: 12, percent: 60, summary: '12/20 (60%) Green' });
      expect(body.counts.AMBER).toMatchObject({ count: 8, percent: 40, summary: '8/20 (40%) Amber' });
      expect(body.counts.RED.summary).toBe('0/20 (0%) Red');
    });

    it('counts the status in effect at the date asked, not the latest one', async () => {
      const { body } = await api
        .http()
        .get('/api/reports/rag')
        .query({ plan: reportPlan, asOf: '2017-08-15' })
        .set(auth(auditor))
        .expect(200);
      expect(body.counts.GREEN.count).toBe(6);
      expect(body.counts.AMBER.count).toBe(14);
      const before = await api
        .http()
        .get('/api/reports/rag')
        .query({ plan: reportPlan, asOf: '2017-05-01' })
        .set(auth(auditor))
        .expect(200);
      expect(before.body.notReported).toMatchObject({ count: 20, summary: '20/20 (100%) Not yet reported' });
    });

    it('shows every status an action had, and a correction beside the entry it corrects', async () => {
      const id = ids[0];
      const history = await api.http().get(`/api/actions/${id}/rag-history`).set(auth(auditor)).expect(200);
      expect(history.body.history.map((h: { status: string }) => h.status)).toEqual(['GREEN', 'GREEN']);
      const wrong = history.body.history[1];
      const beforeCorrection = new Date().toISOString();
      await api
        .http()
        .post(`/api/actions/${id}/corrections`)
        .set(auth(secretary))
        .send({
          correctsEventId: wrong.eventId,
          status: 'RED',
          reason: 'Entered against the wrong action.',
          expectedVersion: 3,
        })
        .expect(200);
      const after = await api.http().get(`/api/actions/${id}/rag-history`).set(auth(auditor)).expect(200);
      expect(after.body.history).toHaveLength(3);
      const corrected = after.body.history.find((h: { eventId: string }) => h.eventId === wrong.eventId);
      expect(corrected.supersededBy).toEqual(expect.any(String));
      expect(
        after.body.history.find((h: { correctsEventId: string }) => h.correctsEventId === wrong.eventId),
      ).toMatchObject({
        status: 'RED',
        effectiveOn: '2017-09-30',
        correctionReason: 'Entered against the wrong action.',
        recordedBy: 'sam.secretary',
      });
      expect(after.body.action.status).toBe('RED');

      const now = await api
        .http()
        .get('/api/reports/rag')
        .query({ plan: reportPlan, asOf: '2017-09-30' })
        .set(auth(auditor))
        .expect(200);
      expect(now.body.counts.RED.count).toBe(1);
      const knownThen = await api
        .http()
        .get('/api/reports/rag')
        .query({ plan: reportPlan, asOf: '2017-09-30', knownAt: beforeCorrection })
        .set(auth(auditor))
        .expect(200);
      expect(knownThen.body.counts.GREEN.count).toBe(12);
      expect(knownThen.body.counts.RED.count).toBe(0);
    });

    it('counts a back-dated entry in the period it reports on, and follows a correction of its date', async () => {
      const { id } = await create(seedAction('BD1', { plan: 'Back-dated plan' }));
      const status = (body: object, expectedVersion: number) =>
        api
          .http()
          .post(`/api/actions/${id}/status`)
          .set(auth(officer))
          .send({ ...body, expectedVersion })
          .expect(200);
      await status({ status: 'GREEN', commentary: 'Q2 on track.', effectiveDate: '2017-09-30' }, 1);
      await status({ status: 'RED', commentary: 'Q1, entered late.', effectiveDate: '2017-06-30' }, 2);
      const statusOn = async (asOf: string) => {
        const { body } = await api
          .http()
          .get('/api/reports/rag')
          .query({ plan: 'Back-dated plan', asOf })
          .set(auth(auditor))
          .expect(200);
        return (
          (['WHITE', 'RED', 'AMBER', 'GREEN'] as const).find((code) => body.counts[code].count === 1) ??
          'NONE'
        );
      };
      expect(await statusOn('2017-07-15')).toBe('RED');
      expect(await statusOn('2017-10-01')).toBe('GREEN');
      const { body } = await api.http().get(`/api/actions/${id}/rag-history`).set(auth(auditor)).expect(200);
      const late = body.history.find((h: { status: string }) => h.status === 'RED');
      await api
        .http()
        .post(`/api/actions/${id}/corrections`)
        .set(auth(secretary))
        .send({
          correctsEventId: late.eventId,
          effectiveDate: '2017-12-31',
          reason: 'It reported on Q3.',
          expectedVersion: 3,
        })
        .expect(200);
      expect(await statusOn('2017-07-15')).toBe('NONE');
      expect(await statusOn('2017-10-01')).toBe('GREEN');
      expect(await statusOn('2018-01-15')).toBe('RED');
    });

    it('stops counting a cancelled action from its cancellation, whether asked as known now or at an instant', async () => {
      const { id } = await create(seedAction('CX1', { plan: 'Cancel plan' }));
      await create(seedAction('CX2', { plan: 'Cancel plan' }));
      await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(officer))
        .send({ status: 'GREEN', commentary: 'Fine.', effectiveDate: '2017-06-30', expectedVersion: 1 })
        .expect(200);
      await api
        .http()
        .post(`/api/actions/${id}/cancel`)
        .set(auth(secretary))
        .send({ reason: 'Dropped.', cancelledOn: '2017-12-31', expectedVersion: 2 })
        .expect(200);
      const knownAt = new Date().toISOString();
      for (const extra of [{}, { knownAt }]) {
        const report = async (asOf: string) =>
          (
            await api
              .http()
              .get('/api/reports/rag')
              .query({ plan: 'Cancel plan', asOf, ...extra })
              .set(auth(auditor))
              .expect(200)
          ).body;
        expect(await report('2017-09-30')).toMatchObject({
          total: 2,
          counts: { GREEN: { count: 1 } },
          notReported: { count: 1 },
        });
        expect(await report('2018-01-31')).toMatchObject({
          total: 1,
          counts: { GREEN: { count: 0 } },
          notReported: { count: 1 },
        });
      }
    });

    it('refuses a malformed asOf with 400 naming it', async () => {
      const response = await api
        .http()
        .get('/api/reports/rag')
        .query({ asOf: '2017-13-01' })
        .set(auth(auditor))
        .expect(400);
      expect(response.body.message).toContain('asOf');
    });
  });
});
