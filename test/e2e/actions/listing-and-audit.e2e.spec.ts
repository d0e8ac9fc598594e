import { DATABASES, TestApi } from '../../support/test-engine';
import { actionApi, seedAction, seedReportPlan } from '../../support/action-api';

describe.each(DATABASES)(
  'the action register over HTTP: listing actions and their audit trail (%s)',
  (kind) => {
    let api: TestApi;
    let secretary: string;
    let officer: string;
    let auditor: string;
    let outsider: string;
    let admin: string;
    let auth: (token: string) => { Authorization: string };
    let create: (body: object, token?: string) => Promise<{ id: string; ref: string; version: number }>;

    beforeAll(async () => {
      const fixture = await actionApi(kind);
      ({ api, secretary, officer, auditor, outsider, admin, auth, create } = fixture);
      await seedReportPlan(fixture);
    });
    afterAll(() => api?.close());

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
        expect(
          (await list({ dueBefore: '2017-12-31' })).body.items.map((a: { ref: string }) => a.ref),
        ).toEqual(['L1']);
        expect((await list({ theme: 'Theme 6' })).body.items.map((a: { ref: string }) => a.ref)).toEqual([
          'L3',
        ]);
        expect((await list({ status: 'GREEN' })).body.items).toEqual([]);
        expect((await list({ q: 'action L2' })).body.items.map((a: { ref: string }) => a.ref)).toEqual([
          'L2',
        ]);
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
            (e: { actor: string; eventType: string }) =>
              e.actor === 'CR' && e.eventType === 'ActionStatusSet',
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
        expect(body.store).toMatchObject({ bodyId: 'default', verified: true, firstBreak: null });
        expect(body.store.eventsChecked).toBe(body.entriesChecked);
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
        expect(body.store).toMatchObject({ verified: true }); // the events themselves are untouched
      });

      it('names the event an attacker with the database changed in the events table itself', async () => {
        const [victim] = await api.engine.db.query<{ event_id: string; seq: number }>(
          "SELECT event_id, body_seq::integer AS seq FROM events WHERE body_id = 'other-body' ORDER BY body_seq LIMIT 1",
        );
        await api.engine.db.query('ALTER TABLE events DISABLE TRIGGER USER');
        await api.engine.db.query(
          `UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '"someone else"') WHERE event_id = $1`,
          [victim.event_id],
        );
        await api.engine.db.query('ALTER TABLE events ENABLE TRIGGER USER');
        const { body } = await api.http().get('/api/audit/verify').set(auth(outsider)).expect(200);
        expect(body).toMatchObject({ verified: false });
        expect(body.store.firstBreak).toMatchObject({
          kind: 'altered',
          seq: victim.seq,
          eventId: victim.event_id,
        });
        const others = await api.http().get('/api/audit/verify').set(auth(auditor)).expect(200);
        expect(others.body.store).toMatchObject({ bodyId: 'default', verified: true });
      });
    });
  },
);
