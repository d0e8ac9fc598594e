import { DATABASES, TestApi } from '../../support/test-engine';
import { actionApi, seedAction } from '../../support/action-api';

describe.each(DATABASES)('the action register over HTTP: changing actions (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let officer: string;
  let auditor: string;
  let outsider: string;
  let auth: (token: string) => { Authorization: string };
  let eventCount: () => Promise<number>;
  let create: (body: object, token?: string) => Promise<{ id: string; ref: string; version: number }>;

  beforeAll(async () => {
    ({ api, secretary, officer, auditor, outsider, auth, eventCount, create } = await actionApi(kind));
  });
  afterAll(() => api?.close());

  describe('changing an action', () => {
    let id: string;

    beforeAll(async () => {
      id = (await create(seedAction('7C05'))).id;
    });

    it('records a status with commentary for a period end, and the version moves on', async () => {
      const response = await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(officer))
        .send({
          status: 'AMBER',
          commentary: 'Bids submitted; outcome awaited.',
          effectiveDate: '2017-06-30',
          expectedVersion: 1,
        })
        .expect(200);
      expect(response.body).toEqual({ id, ref: '7C05', version: 2 });
      const { body } = await api.http().get(`/api/actions/${id}`).set(auth(secretary)).expect(200);
      expect(body).toMatchObject({ status: 'AMBER', statusEffectiveOn: '2017-06-30', version: 2 });
    });

    it('refuses a stale expectedVersion with 409 naming both versions, writing nothing', async () => {
      const before = await eventCount();
      const response = await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(officer))
        .send({ status: 'GREEN', commentary: 'x', expectedVersion: 1 })
        .expect(409);
      expect(response.body).toMatchObject({
        statusCode: 409,
        field: 'expectedVersion',
        details: { expectedVersion: 1, actualVersion: 2 },
      });
      expect(await eventCount()).toBe(before);
    });

    it.each([
      [
        'an unknown status',
        { status: 'PURPLE', commentary: 'x', expectedVersion: 2 },
        'status must be one of',
      ],
      ['no commentary', { status: 'GREEN', expectedVersion: 2 }, 'commentary'],
      [
        'a malformed effective date',
        { status: 'GREEN', commentary: 'x', effectiveDate: '30/09/2017', expectedVersion: 2 },
        'effectiveDate',
      ],
      ['no expectedVersion', { status: 'GREEN', commentary: 'x' }, 'expectedVersion'],
      [
        'a string expectedVersion',
        { status: 'GREEN', commentary: 'x', expectedVersion: '2' },
        'expectedVersion',
      ],
      ['BLUE, which is completion', { status: 'BLUE', commentary: 'x', expectedVersion: 2 }, 'complete'],
      [
        'a date in the future',
        { status: 'GREEN', commentary: 'x', effectiveDate: '2999-01-01', expectedVersion: 2 },
        'effectiveDate',
      ],
    ])('refuses %s with 400', async (_, body, words) => {
      const before = await eventCount();
      const response = await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(officer))
        .send(body)
        .expect(400);
      expect(response.body.message).toContain(words);
      expect(await eventCount()).toBe(before);
    });

    it('answers 404 for an unknown id, 400 for one that is not a UUID', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      await api.http().get(`/api/actions/${unknown}`).set(auth(secretary)).expect(404);
      await api
        .http()
        .post(`/api/actions/${unknown}/progress`)
        .set(auth(secretary))
        .send({ note: 'x', expectedVersion: 1 })
        .expect(404);
      const response = await api.http().get('/api/actions/not-a-uuid').set(auth(secretary)).expect(400);
      expect(response.body.message).toMatch(/id must be a UUID/);
    });

    it("treats another body's action as if it did not exist, for reads and writes", async () => {
      const before = await eventCount();
      await api.http().get(`/api/actions/${id}`).set(auth(outsider)).expect(404);
      await api.http().get(`/api/actions/${id}/rag-history`).set(auth(outsider)).expect(404);
      await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(outsider))
        .send({ status: 'RED', commentary: 'x', expectedVersion: 2 })
        .expect(404);
      expect(await eventCount()).toBe(before);
      const list = await api.http().get('/api/actions').set(auth(outsider)).expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('walks the lifecycle: progress, due date, lead, complete, close, refuse status, reopen, cancel', async () => {
      let version = 2;
      const step = async (path: string, body: object, token = secretary) => {
        const response = await api
          .http()
          .post(`/api/actions/${id}/${path}`)
          .set(auth(token))
          .send({ ...body, expectedVersion: version });
        expect(response.status).toBe(200);
        version = response.body.version;
      };
      await step(
        'progress',
        { note: '10.10.17 - The force is developing a bid.', reportedOn: '2017-10-10' },
        officer,
      );
      await step('due-date', { dueDate: 'Q1 2018/19', reason: 'Funding round moved.' });
      await step('lead', { leadOfficers: ['KD'], reason: 'CR retired.' });
      await step(
        'complete',
        { commentary: 'Funding secured.', completedOn: '2018-05-01' },
        api.token('KD', 'officer'),
      );
      await step('close', { commentary: 'This action can now be closed.' });

      const refused = await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(api.token('KD', 'officer')))
        .send({ status: 'GREEN', commentary: 'x', expectedVersion: version })
        .expect(409);
      expect(refused.body.message).toMatch(/closed.*reopen it first/);

      await step('reopen', { reason: 'Funding withdrawn.' });
      await step('cancel', { reason: 'Superseded by the 2021-25 plan.' });
      const { body } = await api.http().get(`/api/actions/${id}`).set(auth(auditor)).expect(200);
      expect(body).toMatchObject({
        lifecycle: 'cancelled',
        leadOfficers: ['KD'],
        dueDate: { written: 'Q1 2018/19', date: '2018-06-30', precision: 'quarter' },
        lastProgress: { note: '10.10.17 - The force is developing a bid.', reportedOn: '2017-10-10' },
        version,
      });
      expect(version).toBe(9);
    });

    it('shows a corrected progress note in the register, keeping the original in the audit trail', async () => {
      const { id: other } = await create(seedAction('7C06'));
      await api
        .http()
        .post(`/api/actions/${other}/progress`)
        .set(auth(officer))
        .send({ note: 'Bid sent to Home Ofice.', expectedVersion: 1 })
        .expect(200);
      const [entry] = (
        await api
          .http()
          .get('/api/audit')
          .query({ entityId: other, eventType: 'ActionProgressRecorded' })
          .set(auth(auditor))
      ).body.items;
      await api
        .http()
        .post(`/api/actions/${other}/corrections`)
        .set(auth(secretary))
        .send({
          correctsEventId: entry.eventId,
          note: 'Bid sent to the Home Office.',
          reason: 'Typing error.',
          expectedVersion: 2,
        })
        .expect(200);
      const { body } = await api.http().get(`/api/actions/${other}`).set(auth(auditor)).expect(200);
      expect(body.lastProgress.note).toBe('Bid sent to the Home Office.');
      const trail = await api
        .http()
        .get('/api/audit')
        .query({ entityId: other })
        .set(auth(auditor))
        .expect(200);
      expect(trail.body.items.map((e: { eventType: string }) => e.eventType)).toEqual([
        'ActionCreated',
        'ActionProgressRecorded',
        'ActionEntryCorrected',
      ]);
      expect(trail.body.items[1].data.note).toBe('Bid sent to Home Ofice.');
    });

    it('refuses the lifecycle endpoints to the wrong roles', async () => {
      await api
        .http()
        .post(`/api/actions/${id}/due-date`)
        .set(auth(officer))
        .send({ dueDate: 'TBC', reason: 'x', expectedVersion: 9 })
        .expect(403);
      await api
        .http()
        .post(`/api/actions/${id}/progress`)
        .set(auth(auditor))
        .send({ note: 'x', expectedVersion: 9 })
        .expect(403);
    });

    it('requires reasons for due-date changes, reassignment, reopening and cancellation', async () => {
      for (const path of ['due-date', 'lead', 'reopen', 'cancel']) {
        const response = await api
          .http()
          .post(`/api/actions/${id}/${path}`)
          .set(auth(secretary))
          .send({ expectedVersion: 9 })
          .expect(400);
        expect(response.body.message).toContain('reason');
      }
    });
  });
});
