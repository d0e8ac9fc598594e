import { DATABASES, TestApi } from '../../support/test-engine';
import { actionApi, plan, seedAction, theme } from '../../support/action-api';

describe.each(DATABASES)('the action register over HTTP: creating actions (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let officer: string;
  let auditor: string;
  let auth: (token: string) => { Authorization: string };
  let eventCount: () => Promise<number>;
  let create: (body: object, token?: string) => Promise<{ id: string; ref: string; version: number }>;

  beforeAll(async () => {
    ({ api, secretary, officer, auditor, auth, eventCount, create } = await actionApi(kind));
  });
  afterAll(() => api?.close());

  describe('creating an action', () => {
    it('answers 201 with id, ref and version 1, and the register shows it with its parsed due date', async () => {
      const created = await create(seedAction('7C02'));
      expect(created).toEqual({ id: expect.any(String), ref: '7C02', version: 1 });
      const { body } = await api.http().get(`/api/actions/${created.id}`).set(auth(auditor)).expect(200);
      expect(body).toMatchObject({
        ref: '7C02',
        plan,
        theme,
        bodyId: 'default',
        leadOfficers: ['CR'],
        dueDate: { written: 'Mar-18', date: '2018-03-31', precision: 'month' },
        lifecycle: 'open',
        status: null,
        version: 1,
      });
    });

    it('refuses the same ref in the same plan with 409, even written in another case', async () => {
      await create(seedAction('7C03'));
      const before = await eventCount();
      const response = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .send(seedAction('7c03'))
        .expect(409);
      expect(response.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        message: expect.stringMatching(/ref "7C03" already exists/),
      });
      expect(await eventCount()).toBe(before);
    });

    it('allows the same ref in another plan', async () => {
      await create(seedAction('7C03', { plan: 'Police and Crime Plan 2021-25' }));
    });

    it('takes an action as real papers write it: no lead yet (unassigned) and a blank or "On going" due date', async () => {
      const blank = await create(seedAction('7C09', { leadOfficers: [], dueDate: '' }));
      const ongoing = await create(seedAction('7C10', { leadOfficers: [' '], dueDate: 'On going' }));
      for (const [id, written] of [
        [blank.id, ''],
        [ongoing.id, 'On going'],
      ]) {
        const { body } = await api.http().get(`/api/actions/${id}`).set(auth(secretary)).expect(200);
        expect(body).toMatchObject({ leadOfficers: [], dueDate: { written, date: null, precision: 'none' } });
      }
      const { body: unassigned } = await api
        .http()
        .get('/api/actions?lead=unassigned')
        .set(auth(secretary))
        .expect(200);
      expect(unassigned.items.map((action: { ref: string }) => action.ref)).toEqual(['7C09', '7C10']);
    });

    it.each([
      ['a missing title', { title: undefined }, 'title'],
      ['a lead officer list that is not a list', { leadOfficers: 'CR' }, 'leadOfficers'],
      ['a lead officer name over 200 characters', { leadOfficers: ['x'.repeat(201)] }, 'leadOfficers'],
      ['a number for ref', { ref: 42 }, 'ref'],
      ['a malformed due date', { dueDate: '31/13/18' }, 'dueDate'],
      ['an impossible createdOn', { createdOn: '2017-02-30' }, 'createdOn'],
      ['a field the API does not know', { owner: 'someone' }, 'owner'],
      ['an actor named in the body', { actor: 'mallory' }, 'actor'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, change, field) => {
      const before = await eventCount();
      const response = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .send(seedAction('7X99', change))
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message).toContain(field);
      expect(await eventCount()).toBe(before);
    });

    it('refuses malformed JSON with 400, not 500', async () => {
      const response = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .set('Content-Type', 'application/json')
        .send('{"ref": "7C01",')
        .expect(400);
      expect(response.body.message).toMatch(/not valid JSON/);
    });

    it('asks for a token (401), refuses a bad one (401) and refuses auditors and officers (403)', async () => {
      await api.http().post('/api/actions').send(seedAction('7Z01')).expect(401);
      const forged = await api
        .http()
        .post('/api/actions')
        .set(auth(`${secretary}x`))
        .send(seedAction('7Z01'))
        .expect(401);
      expect(forged.body.message).toMatch(/bearer token rejected/);
      const audit = await api
        .http()
        .post('/api/actions')
        .set(auth(auditor))
        .send(seedAction('7Z01'))
        .expect(403);
      expect(audit.body.message).toMatch(/role auditor may not/);
      await api.http().post('/api/actions').set(auth(officer)).send(seedAction('7Z01')).expect(403);
    });

    it('answers 404 for a body the token does not name', async () => {
      const response = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .send(seedAction('7Z02', { bodyId: 'other-body' }));
      expect(response.status).toBe(404);
    });

    it('takes a retried request with the same Idempotency-Key once', async () => {
      const first = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .set('Idempotency-Key', 'create-7F01')
        .send(seedAction('7F01'))
        .expect(201);
      const before = await eventCount();
      const retry = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .set('Idempotency-Key', 'create-7F01')
        .send(seedAction('7F01'))
        .expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await eventCount()).toBe(before);
    });

    it('refuses an Idempotency-Key sent again with a different request, with 422 naming the key', async () => {
      const { body: created } = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .set('Idempotency-Key', 'create-7F02')
        .send(seedAction('7F02'))
        .expect(201);
      const before = await eventCount();
      const reused = await api
        .http()
        .post(`/api/actions/${created.id}/progress`)
        .set(auth(secretary))
        .set('Idempotency-Key', 'progress-7F02')
        .send({ note: 'First note', expectedVersion: 1 })
        .expect(200);
      const other = await api
        .http()
        .post(`/api/actions/${created.id}/progress`)
        .set(auth(secretary))
        .set('Idempotency-Key', 'progress-7F02')
        .send({ note: 'A different note', expectedVersion: 1 });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
      expect(other.body.message).toContain('progress-7F02');
      expect(await eventCount()).toBe(before + 1);
      expect(reused.body.version).toBe(2);
    });

    it('answers every concurrent retry with the same Idempotency-Key as the first, writing once', async () => {
      const before = await eventCount();
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          api
            .http()
            .post('/api/actions')
            .set(auth(secretary))
            .set('Idempotency-Key', 'create-7F03')
            .send(seedAction('7F03')),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(await eventCount()).toBe(before + 1);
    });
  });

  describe('the edges', () => {
    it('serves health without a token', async () => {
      const { body } = await api.http().get('/api/health').expect(200);
      expect(body).toMatchObject({ status: 'ok', database: kind });
    });

    it('serves the OpenAPI document and Swagger UI', async () => {
      const { body } = await api.http().get('/api/docs-json').expect(200);
      expect(Object.keys(body.paths)).toEqual(
        expect.arrayContaining([
          '/api/actions',
          '/api/actions/{id}/status',
          '/api/reports/rag',
          '/api/audit',
        ]),
      );
      const ui = await api.http().get('/api/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });

    it('refuses events to be edited in the store itself', async () => {
      await expect(api.engine.db.query("UPDATE events SET event_type = 'Tampered'")).rejects.toThrow(
        /immutable/,
      );
      await expect(api.engine.db.query('DELETE FROM events')).rejects.toThrow(/immutable/);
    });
  });
});
