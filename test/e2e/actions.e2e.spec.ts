import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

const plan = 'Police and Crime Plan 2016-18';
const theme = 'Theme 7: Spending public money wisely';

/** Actions from seed 000 (Theme 7, Q2 2017/18). */
const seedAction = (ref: string, overrides: Record<string, unknown> = {}) => ({
  ref,
  plan,
  theme,
  title: `Seed action ${ref}`,
  leadOfficers: ['CR'],
  dueDate: 'Mar-18',
  createdOn: '2017-04-01',
  ...overrides,
});

describe.each(DATABASES)('the action register over HTTP (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let officer: string;
  let auditor: string;
  let outsider: string;
  let admin: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const eventCount = async () =>
    (await api.engine.db.query<{ count: number }>('SELECT count(*)::integer AS count FROM events'))[0].count;
  const create = async (body: object, token = secretary) => {
    const response = await api.http().post('/api/actions').set(auth(token)).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; ref: string; version: number };
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.token('root', 'admin', 'all');
    await api
      .http()
      .post('/api/bodies')
      .set(auth(admin))
      .send({ id: 'other-body', name: 'Another PCC' })
      .expect(201);
    secretary = api.token('sam.secretary', 'secretary');
    officer = api.token('CR', 'officer');
    auditor = api.token('ada.auditor', 'auditor');
    outsider = api.token('olly.other', 'secretary', ['other-body']);
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

  describe('the RAG history and report', () => {
    const reportPlan = 'Report test plan';
    const ids: string[] = [];

    beforeAll(async () => {
      // Seed 000, Q2 2017/18: twenty actions, 12 Green and 8 Amber at 30 September.
      for (let i = 1; i <= 20; i++) {
        ids.push((await create(seedAction(`R${String(i).padStart(2, '0')}`, { plan: reportPlan }))).id);
      }
      for (const [i, id] of ids.entries()) {
        const q1 = i < 6 ? 'GREEN' : 'AMBER';
        const q2 = i < 12 ? 'GREEN' : 'AMBER';
        for (const [status, effectiveDate, expectedVersion] of [
          [q1, '2017-06-30', 1],
          [q2, '2017-09-30', 2],
        ] as const) {
          await api
            .http()
            .post(`/api/actions/${id}/status`)
            .set(auth(officer))
            .send({ status, commentary: `Q status ${status}`, effectiveDate, expectedVersion })
            .expect(200);
        }
      }
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

  describe('listing actions', () => {
    it('filters by plan, theme, status, lead and due date', async () => {
      const listPlan = 'List test plan';
      await create(seedAction('L1', { plan: listPlan, leadOfficers: ['KD'], dueDate: 'Sep-17' }));
      await create(seedAction('L2', { plan: listPlan, leadOfficers: ['CR', 'KD'], dueDate: 'TBC' }));
      await create(
        seedAction('L3', { plan: listPlan, leadOfficers: ['NW'], dueDate: '2018-03-31', theme: 'Theme 6' }),
      );
      const list = (query: object) =>
        api
          .http()
          .get('/api/actions')
          .query({ plan: listPlan, ...query })
          .set(auth(auditor))
          .expect(200);
      expect((await list({})).body.items.map((a: { ref: string }) => a.ref)).toEqual(['L1', 'L2', 'L3']);
      expect((await list({ lead: 'KD' })).body.items.map((a: { ref: string }) => a.ref)).toEqual([
        'L1',
        'L2',
      ]);
      expect((await list({ dueBefore: '2017-12-31' })).body.items.map((a: { ref: string }) => a.ref)).toEqual(
        ['L1'],
      );
      expect((await list({ theme: 'Theme 6' })).body.items.map((a: { ref: string }) => a.ref)).toEqual([
        'L3',
      ]);
      expect((await list({ status: 'GREEN' })).body.items).toEqual([]);
      expect((await list({ q: 'action L2' })).body.items.map((a: { ref: string }) => a.ref)).toEqual(['L2']);
    });

    it('pages with a cursor until the last page, with no gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { body } = await api
          .http()
          .get('/api/actions')
          .query({ plan: 'Report test plan', limit: 7, ...(cursor && { cursor }) })
          .set(auth(auditor))
          .expect(200);
        seen.push(...body.items.map((a: { ref: string }) => a.ref));
        cursor = body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`));
    });

    it('refuses a bad limit, status or cursor with 400', async () => {
      for (const query of [
        { limit: 0 },
        { limit: 'ten' },
        { status: 'PURPLE' },
        { cursor: 'garbage' },
        { dueBefore: 'soon' },
      ]) {
        const response = await api.http().get('/api/actions').query(query).set(auth(auditor));
        expect(response.status).toBe(400);
        expect(response.body.message).toContain(Object.keys(query)[0]);
      }
    });

    it('never mixes bodies unless an admin asks for every body', async () => {
      await create(seedAction('OB1', { plan: 'Other plan' }), outsider);
      const mine = await api
        .http()
        .get('/api/actions')
        .query({ plan: 'Other plan' })
        .set(auth(secretary))
        .expect(200);
      expect(mine.body.items).toEqual([]);
      await api.http().get('/api/actions').query({ body: '*' }).set(auth(secretary)).expect(400);
      await api.http().get('/api/actions').query({ body: 'other-body' }).set(auth(secretary)).expect(404);
      const every = await api
        .http()
        .get('/api/actions')
        .query({ body: '*', plan: 'Other plan' })
        .set(auth(admin))
        .expect(200);
      expect(every.body.items.map((a: { bodyId: string }) => a.bodyId)).toEqual(['other-body']);
      const adminDefault = await api.http().get('/api/actions').set(auth(admin));
      expect(adminDefault.status).toBe(400);
      expect(adminDefault.body.message).toMatch(/body is required/);
    });
  });

  describe('the audit trail', () => {
    it('shows every change with who, when, what, why and the request id as correlation id', async () => {
      const { body: created } = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .set('X-Request-Id', 'req-audit-1')
        .send(seedAction('A1'))
        .expect(201);
      await api
        .http()
        .post(`/api/actions/${created.id}/status`)
        .set(auth(officer))
        .set('X-Request-Id', 'req-audit-2')
        .send({
          status: 'RED',
          commentary: 'Budget gap of £2m identified.',
          effectiveDate: '2017-09-30',
          expectedVersion: 1,
        })
        .expect(200);
      const { body } = await api
        .http()
        .get('/api/audit')
        .query({ entityId: created.id })
        .set(auth(auditor))
        .expect(200);
      expect(body.items).toHaveLength(2);
      expect(body.items[0]).toMatchObject({
        eventType: 'ActionCreated',
        actor: 'sam.secretary',
        actorRole: 'secretary',
        correlationId: 'req-audit-1',
        entityType: 'action',
      });
      expect(body.items[1]).toMatchObject({
        eventType: 'ActionStatusSet',
        actor: 'CR',
        reason: 'Budget gap of £2m identified.',
        effectiveAt: '2017-09-30',
        correlationId: 'req-audit-2',
        summary: 'Status set to RED as at 2017-09-30',
      });
      expect(body.items[1].seq).toBeGreaterThan(body.items[0].seq);
    });

    it('filters by actor and event type and pages with a cursor', async () => {
      const byOfficer = await api
        .http()
        .get('/api/audit')
        .query({ actor: 'CR', eventType: 'ActionStatusSet', limit: 10 })
        .set(auth(auditor))
        .expect(200);
      expect(byOfficer.body.items.length).toBe(10);
      expect(
        byOfficer.body.items.every(
          (e: { actor: string; eventType: string }) => e.actor === 'CR' && e.eventType === 'ActionStatusSet',
        ),
      ).toBe(true);
      const next = await api
        .http()
        .get('/api/audit')
        .query({
          actor: 'CR',
          eventType: 'ActionStatusSet',
          limit: 10,
          cursor: byOfficer.body.nextCursor,
        })
        .set(auth(auditor))
        .expect(200);
      expect(next.body.items[0].seq).toBeGreaterThan(byOfficer.body.items[9].seq);
    });

    it('filters by time range and refuses a malformed one', async () => {
      const future = await api
        .http()
        .get('/api/audit')
        .query({ from: '2999-01-01T00:00:00Z' })
        .set(auth(auditor))
        .expect(200);
      expect(future.body.items).toEqual([]);
      const response = await api
        .http()
        .get('/api/audit')
        .query({ from: 'yesterday' })
        .set(auth(auditor))
        .expect(400);
      expect(response.body.message).toContain('from');
    });

    it("never shows another body's events", async () => {
      const { body } = await api
        .http()
        .get('/api/audit')
        .query({ limit: 1000 })
        .set(auth(outsider))
        .expect(200);
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((e: { bodyId: string }) => e.bodyId === 'other-body')).toBe(true);
    });

    it('verifies the hash chain against the event log', async () => {
      const { body } = await api.http().get('/api/audit/verify').set(auth(auditor)).expect(200);
      expect(body).toMatchObject({ bodyId: 'default', verified: true, firstBrokenSeq: null });
      expect(body.entriesChecked).toBeGreaterThan(50);
    });

    it('detects an audit entry edited behind the engine’s back', async () => {
      const [victim] = await api.engine.db.query<{ seq: number }>(
        "SELECT body_seq::integer AS seq FROM audit_trail WHERE body_id = 'other-body' ORDER BY body_seq DESC LIMIT 1",
      );
      await api.engine.db.query(
        "UPDATE audit_trail SET chain_hash = repeat('f', 64) WHERE body_id = 'other-body' AND body_seq = $1",
        [victim.seq],
      );
      const { body } = await api.http().get('/api/audit/verify').set(auth(outsider)).expect(200);
      expect(body).toMatchObject({ verified: false, firstBrokenSeq: victim.seq });
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
