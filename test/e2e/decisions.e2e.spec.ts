import { decisionsProjection } from '#projections/decisions/decisions.projection';
import { remindersProjection } from '#projections/reminders/reminders.projection';
import { expectRebuildsAsLive } from '../support/rebuilt-tables';
import { DATABASES, startTestApi, TestApi, eventCountOf } from '../support/test-engine';

interface Written {
  id: string;
  version: number;
  number: number | null;
}

const keyDecision = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Award of the custody healthcare contract',
  decisionMaker: 'Police and Crime Commissioner',
  expectedOn: '2026-04-15',
  keyDecision: true,
  significantPublicInterest: true,
  documents: ['Report to the Commissioner'],
  ...overrides,
});

const taking = (on: string, expectedVersion: number, overrides: Record<string, unknown> = {}) => ({
  expectedVersion,
  on,
  decisionText: 'To award the contract to the preferred bidder.',
  reasons: 'Best value and quality.',
  alternativesRejected: ['Extend the current contract'],
  decidedBy: 'The Commissioner',
  ...overrides,
});

describe.each(DATABASES)('decisions over HTTP (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let officer: string;
  let auditor: string;
  let outsider: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const eventCount = () => eventCountOf(api);
  const propose = async (body: object = keyDecision(), token = secretary): Promise<Written> => {
    const response = await api.http().post('/api/decisions').set(auth(token)).send(body);
    expect(response.status).toBe(201);
    return response.body as Written;
  };
  const act = async (id: string, step: string, body: object, status = 200) => {
    const response = await api.http().post(`/api/decisions/${id}/${step}`).set(auth(secretary)).send(body);
    expect({ step, status: response.status, body: response.body }).toMatchObject({ step, status });
    return response.body as Written & { message: string; code: string; field: string };
  };
  const read = async (id: string, token = auditor) =>
    (await api.http().get(`/api/decisions/${id}`).set(auth(token)).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi(kind);
    const admin = api.token('root', 'admin', 'all');
    await api
      .http()
      .post('/api/bodies')
      .set(auth(admin))
      .send({ id: 'other-body', name: 'Another PCC' })
      .expect(201);
    secretary = api.token('sam.secretary', 'secretary');
    officer = api.token('cr.officer', 'officer');
    auditor = api.token('ada.auditor', 'auditor');
    outsider = api.token('olly.other', 'secretary', ['other-body']);
  });
  afterAll(() => api?.close());

  describe('the lifecycle of a key decision', () => {
    it('runs from proposal to implementation, refusing each step out of turn, with its evidence chain', async () => {
      const proposed = await propose();
      expect(proposed).toEqual({ id: expect.any(String), version: 1, number: null });
      const { id } = proposed;
      await act(id, 'notice', { expectedVersion: 1, on: '2026-03-01' });

      const before = await eventCount();
      const early = await act(id, 'taking', taking('2026-03-29', 2), 409);
      expect(early).toMatchObject({ code: 'KEY_DECISION_NOTICE_PERIOD', field: 'takenOn' });
      expect(early.message).toMatch(/reg 9.*28 clear days.*earliest lawful date is 2026-03-30/);
      expect(await eventCount()).toBe(before);

      const taken = await act(id, 'taking', taking('2026-03-30', 2));
      expect(taken).toMatchObject({ id, number: expect.any(Number), version: 4 });

      await act(id, 'implementation', { expectedVersion: 4, on: '2026-04-01' }, 409);
      // Published Thursday 2 April 2026: Good Friday and Easter Monday are not working days.
      await act(id, 'record-publication', { expectedVersion: 4, on: '2026-04-02' });
      // The window ran to 13 April; read today, it has run out though nobody recorded its closing.
      let decision = await read(id);
      expect(decision).toMatchObject({
        status: 'awaiting implementation',
        callIn: 'cleared',
        callInClosesOn: '2026-04-13',
      });

      const late = await act(
        id,
        'call-in',
        { expectedVersion: 6, on: '2026-04-14', calledInBy: ['Cllr Jones'], reason: 'Cost.' },
        409,
      );
      expect(late).toMatchObject({ code: 'CALL_IN_WINDOW_CLOSED', field: 'calledInOn' });
      expect((await act(id, 'implementation', { expectedVersion: 6, on: '2026-04-13' }, 409)).code).toBe(
        'CALL_IN_NOT_CLEARED',
      );
      await act(id, 'call-in-window-closure', { expectedVersion: 6 });
      await act(id, 'implementation', { expectedVersion: 7, on: '2026-04-20' });

      decision = await read(id, officer);
      expect(decision).toMatchObject({
        status: 'implemented',
        title: `Executive Decision ${taken.number}`,
        implementedOn: '2026-04-20',
        taken: { route: 'notice', takenOn: '2026-03-30', decidedBy: 'The Commissioner' },
        compliance: { status: 'compliant' },
        version: 8,
      });
      const notice = decision.compliance.rules.find((r: { rule: string }) => r.rule.startsWith('Notice'));
      expect(notice.evidence.map((e: { type: string }) => e.type)).toEqual([
        'DecisionNoticePublished',
        'DecisionTaken',
      ]);
      const { body: audit } = await api
        .http()
        .get(`/api/audit?entityId=${id}`)
        .set(auth(auditor))
        .expect(200);
      expect(audit.items.map((e: { eventType: string }) => e.eventType)).toEqual([
        'DecisionProposed',
        'DecisionNoticePublished',
        'DecisionTaken',
        'DecisionNumbered',
        'DecisionRecordPublished',
        'CallInWindowOpened',
        'CallInWindowClosed',
        'DecisionImplemented',
      ]);
      expect(notice.evidence[0].eventId).toBe(audit.items[1].eventId);
      expect(audit.items[2].summary).toBe('Taken on 2026-03-30 by The Commissioner (notice)');
    });

    it('allows an early decision under the general exception once its own 5 clear days have run', async () => {
      const { id } = await propose();
      await act(id, 'notice', { expectedVersion: 1, on: '2026-03-01' });
      await act(id, 'general-exception', {
        expectedVersion: 2,
        scrutinyChairInformedOn: '2026-03-02',
        reason: 'The current contract ends on 9 March.',
      });
      const refused = await act(id, 'taking', taking('2026-03-07', 3), 409);
      expect(refused).toMatchObject({ code: 'GENERAL_EXCEPTION_PERIOD' });
      expect(refused.message).toMatch(/earliest lawful date is 2026-03-08/);
      await act(id, 'taking', taking('2026-03-08', 3));
      expect((await read(id)).taken.route).toBe('general exception');
    });

    it('takes an urgent decision at once, with no call-in', async () => {
      const { id } = await propose();
      await act(id, 'special-urgency', {
        expectedVersion: 1,
        on: '2026-03-01',
        agreedBy: 'Cllr Smith',
        agreedByRole: 'scrutiny chair',
        reason: 'The provider has ceased trading.',
      });
      await act(id, 'taking', taking('2026-03-01', 2));
      await act(id, 'record-publication', { expectedVersion: 4, on: '2026-03-02' });
      expect(await read(id)).toMatchObject({ callIn: 'not applicable', taken: { route: 'special urgency' } });
      await act(id, 'implementation', { expectedVersion: 5, on: '2026-03-02' });
    });

    it('is called in, referred back, amended, then implemented', async () => {
      const { id } = await propose(keyDecision({ keyDecision: false }));
      await act(id, 'taking', taking('2026-06-01', 1));
      await act(id, 'record-publication', { expectedVersion: 3, on: '2026-06-01' });
      await act(id, 'call-in', {
        expectedVersion: 5,
        on: '2026-06-03',
        calledInBy: ['Cllr Jones', 'Cllr Patel'],
        reason: 'Cost.',
      });
      await act(id, 'call-in-outcome', {
        expectedVersion: 6,
        on: '2026-06-10',
        outcome: 'referred back to decision maker',
      });
      expect((await act(id, 'implementation', { expectedVersion: 7 }, 409)).message).toMatch(
        /reconsideration/,
      );
      await act(id, 'reconsideration', {
        expectedVersion: 7,
        on: '2026-06-15',
        outcome: 'amended',
        decisionText: 'A one-year contract.',
      });
      await act(id, 'implementation', { expectedVersion: 8, on: '2026-06-16' });
      expect(await read(id)).toMatchObject({
        status: 'implemented',
        taken: { decisionText: 'A one-year contract.' },
        callInOutcome: 'referred back to decision maker',
      });
    });

    it('is superseded by a later taken decision, and refuses one that is not taken', async () => {
      const first = await propose(keyDecision({ keyDecision: false }));
      await act(first.id, 'taking', taking('2026-05-01', 1));
      const second = await propose(keyDecision({ keyDecision: false }));
      const untaken = await act(
        first.id,
        'supersession',
        { expectedVersion: 3, supersededBy: second.id },
        400,
      );
      expect(untaken).toMatchObject({ code: 'NOT_A_SUCCESSOR', field: 'supersededBy' });
      const secondTaken = await act(second.id, 'taking', taking('2026-07-01', 1));
      await act(first.id, 'supersession', { expectedVersion: 3, supersededBy: second.id, on: '2026-07-01' });
      expect(await read(first.id)).toMatchObject({
        status: 'superseded',
        supersededBy: { id: second.id, number: secondTaken.number, on: '2026-07-01' },
      });
      await act(first.id, 'revocation', { expectedVersion: 4, reason: 'x' }, 409);
    });

    it('is withdrawn, and then changes no more', async () => {
      const { id } = await propose();
      await act(id, 'withdrawal', { expectedVersion: 1, reason: 'No longer needed.', on: '2026-02-01' });
      expect((await act(id, 'notice', { expectedVersion: 2 }, 409)).code).toBe('DECISION_WITHDRAWN');
      expect(await read(id)).toMatchObject({ status: 'withdrawn', compliance: { status: 'not applicable' } });
    });
  });

  describe('numbering', () => {
    it('numbers each body on its own, in the order decisions are taken', async () => {
      const numbers: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { id } = await propose(keyDecision({ keyDecision: false }));
        numbers.push((await act(id, 'taking', taking('2026-08-01', 1))).number as number);
      }
      expect(numbers[1]).toBe(numbers[0] + 1);
      expect(numbers[2]).toBe(numbers[0] + 2);
      const other = await propose({ ...keyDecision({ keyDecision: false }), bodyId: 'other-body' }, outsider);
      const response = await api
        .http()
        .post(`/api/decisions/${other.id}/taking`)
        .set(auth(outsider))
        .send(taking('2026-08-01', 1))
        .expect(200);
      expect(response.body.number).toBe(1);
    });
  });

  describe('refusals', () => {
    it('says what is wrong and where, writing nothing', async () => {
      const before = await eventCount();
      const missing = await api
        .http()
        .post('/api/decisions')
        .set(auth(secretary))
        .send({ ...keyDecision(), subject: undefined })
        .expect(400);
      expect(missing.body).toMatchObject({ field: 'subject', message: expect.stringMatching(/subject/) });
      const badDate = await api
        .http()
        .post('/api/decisions')
        .set(auth(secretary))
        .send(keyDecision({ expectedOn: '2026-02-30' }))
        .expect(400);
      expect(badDate.body).toMatchObject({
        field: 'expectedOn',
        message: expect.stringMatching(/YYYY-MM-DD/),
      });
      const badExemption = await api
        .http()
        .post('/api/decisions')
        .set(auth(secretary))
        .send(keyDecision({ exemption: { category: 9, reason: 'x', parts: ['subject'] } }))
        .expect(400);
      expect(badExemption.body.field).toBe('exemption.category');
      expect(await eventCount()).toBe(before);
    });

    it('answers a stale expectedVersion with 409 and both versions', async () => {
      const { id } = await propose();
      await act(id, 'notice', { expectedVersion: 1, on: '2026-03-01' });
      const stale = await act(
        id,
        'deferral',
        { expectedVersion: 1, expectedOn: '2026-05-01', reason: 'Consultation.' },
        409,
      );
      expect(stale).toMatchObject({
        code: 'STALE_VERSION',
        details: { expectedVersion: 1, actualVersion: 2 },
      });
    });

    it('lets officers and auditors read but not write; another body sees nothing', async () => {
      const { id } = await propose();
      await api
        .http()
        .post(`/api/decisions/${id}/notice`)
        .set(auth(officer))
        .send({ expectedVersion: 1 })
        .expect(403);
      await api.http().post('/api/decisions').set(auth(auditor)).send(keyDecision()).expect(403);
      await api.http().get(`/api/decisions/${id}`).set(auth(officer)).expect(200);
      await api.http().get(`/api/decisions/${id}`).set(auth(outsider)).expect(404);
      await api
        .http()
        .post(`/api/decisions/${id}/notice`)
        .set(auth(outsider))
        .send({ expectedVersion: 1 })
        .expect(404);
      await api.http().get('/api/decisions/not-a-uuid').set(auth(auditor)).expect(400);
    });

    it('treats a retried proposal with the same Idempotency-Key as the first', async () => {
      const send = () =>
        api
          .http()
          .post('/api/decisions')
          .set(auth(secretary))
          .set('Idempotency-Key', 'propose-42')
          .send(keyDecision());
      const first = await send().expect(201);
      const before = await eventCount();
      const again = await send().expect(201);
      expect(again.body).toEqual(first.body);
      expect(await eventCount()).toBe(before);
    });
  });

  describe('the register', () => {
    it('lists taken decisions newest number first, filtered and searched, a page at a time', async () => {
      const { id } = await propose(
        keyDecision({ keyDecision: false, subject: 'Estates strategy: sale of Hinckley station' }),
      );
      const taken = await act(
        id,
        'taking',
        taking('2026-09-01', 1, { decisionText: 'To sell the Hinckley station site.' }),
      );
      const { body } = await api
        .http()
        .get('/api/decisions/register?q=hinckley')
        .set(auth(auditor))
        .expect(200);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ id, number: taken.number, status: 'taken' });

      const pages: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await api
          .http()
          .get('/api/decisions/register')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(auth(auditor))
          .expect(200);
        pages.push(...page.body.items.map((d: { number: number }) => d.number));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual([...pages].sort((a, b) => b - a));
      expect(new Set(pages).size).toBe(pages.length);
      await api
        .http()
        .get('/api/decisions/register?significantPublicInterest=maybe')
        .set(auth(auditor))
        .expect(400);
    });
  });

  describe('statutory periods per body', () => {
    it('uses the body’s call-in period when the record is published', async () => {
      const admin = api.token('root', 'admin', 'all');
      await api
        .http()
        .post('/api/bodies')
        .set(auth(admin))
        .send({ id: 'slow-body', name: 'Slow PCC' })
        .expect(201);
      const changed = await api
        .http()
        .patch('/api/bodies/slow-body/settings')
        .set(auth(admin))
        .send({ expectedVersion: 1, statutoryPeriods: { callInWorkingDays: 10 } });
      expect(changed.body).toMatchObject({ version: 2 });
      const bad = await api
        .http()
        .patch('/api/bodies/slow-body/settings')
        .set(auth(admin))
        .send({ expectedVersion: 2, statutoryPeriods: { bankHolidays: ['2026-13-01'] } })
        .expect(400);
      expect(bad.body.field).toMatch(/^statutoryPeriods\.bankHolidays/);
      const slow = api.token('sue.slow', 'secretary', ['slow-body']);
      const { body: proposed } = await api
        .http()
        .post('/api/decisions')
        .set(auth(slow))
        .send(keyDecision({ keyDecision: false }))
        .expect(201);
      for (const [step, body] of [
        ['taking', taking('2026-06-01', 1)],
        ['record-publication', { expectedVersion: 3, on: '2026-06-01' }],
      ] as const) {
        await api.http().post(`/api/decisions/${proposed.id}/${step}`).set(auth(slow)).send(body).expect(200);
      }
      const { body } = await api.http().get(`/api/decisions/${proposed.id}`).set(auth(slow)).expect(200);
      expect(body.callInClosesOn).toBe('2026-06-15');
    });
  });

  it('leaves the same read models when rebuilt from the log in batches as applied live', async () => {
    await expectRebuildsAsLive(api.engine.db, api.engine.store, [decisionsProjection, remindersProjection]);
  });
});
