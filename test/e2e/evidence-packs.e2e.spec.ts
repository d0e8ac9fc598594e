import { actionApi, seedAction } from '../support/action-api';
import { DATABASES } from '../support/test-engine';

interface PackEvent {
  eventId: string;
  type: string;
  holds: boolean;
  metadata: { actor: string };
  chainHash: string;
}

describe.each(DATABASES)('an evidence pack of one action or decision (%s)', (kind) => {
  let harness: Awaited<ReturnType<typeof actionApi>>;
  beforeAll(async () => {
    harness = await actionApi(kind, () => new Date('2017-10-10T09:00:00Z'));
  });
  afterAll(() => harness?.api.close());

  it('holds an action’s record and every event with its hashes, and names the event changed behind the engine’s back', async () => {
    const { api, auth, officer, auditor, outsider, create } = harness;
    const action = await create(seedAction('7E01'));
    await api
      .http()
      .post(`/api/actions/${action.id}/status`)
      .set(auth(officer))
      .send({ status: 'AMBER', commentary: 'Slipping', effectiveDate: '2017-09-30', expectedVersion: 1 })
      .expect(200);
    const { body: pack } = await api
      .http()
      .get(`/api/actions/${action.id}/evidence`)
      .set(auth(auditor))
      .expect(200);
    expect(pack).toMatchObject({
      kind: 'action',
      id: action.id,
      bodyId: 'default',
      record: { ref: '7E01', status: 'AMBER' },
      eventsHold: true,
      verification: { verified: true, store: { verified: true } },
    });
    const events = pack.events as PackEvent[];
    expect(events.map((event) => [event.type, event.holds, event.metadata.actor])).toEqual([
      ['ActionCreated', true, 'sam.secretary'],
      ['ActionStatusSet', true, 'CR'],
    ]);
    expect(events.every((event) => /^[0-9a-f]{64}$/.test(event.chainHash))).toBe(true);

    await api.engine.db.query('ALTER TABLE events DISABLE TRIGGER USER');
    await api.engine.db.query(
      `UPDATE events SET data = jsonb_set(data, '{status}', '"GREEN"') WHERE event_id = $1`,
      [events[1].eventId],
    );
    await api.engine.db.query('ALTER TABLE events ENABLE TRIGGER USER');
    const { body: after } = await api
      .http()
      .get(`/api/actions/${action.id}/evidence`)
      .set(auth(auditor))
      .expect(200);
    expect(after.eventsHold).toBe(false);
    expect((after.events as PackEvent[]).map((event) => event.holds)).toEqual([true, false]);
    expect(after.verification.store.firstBreak).toMatchObject({
      kind: 'altered',
      eventId: events[1].eventId,
    });

    await api.http().get(`/api/actions/${action.id}/evidence`).set(auth(outsider)).expect(404);
    await api.http().get(`/api/actions/${action.id}/evidence`).set(auth(officer)).expect(403);
  });

  it('holds a decision’s rules with the events that satisfied each', async () => {
    const { api, auth, secretary, auditor } = harness;
    const proposed = await api.http().post('/api/decisions').set(auth(secretary)).send({
      subject: 'Estates strategy',
      decisionMaker: 'Police and Crime Commissioner',
      expectedOn: '2017-12-01',
      keyDecision: true,
      significantPublicInterest: true,
      documents: [],
    });
    expect(proposed.status).toBe(201);
    await api
      .http()
      .post(`/api/decisions/${proposed.body.id}/notice`)
      .set(auth(secretary))
      .send({ expectedVersion: 1, on: '2017-10-10' })
      .expect(200);
    const { body: pack } = await api
      .http()
      .get(`/api/decisions/${proposed.body.id}/evidence`)
      .set(auth(auditor))
      .expect(200);
    expect(pack).toMatchObject({ kind: 'decision', record: { subject: 'Estates strategy' } });
    const ids = new Set((pack.events as PackEvent[]).map((event) => event.eventId));
    const notice = (pack.rules as { rule: string; evidence: { eventId: string }[] }[]).find((rule) =>
      rule.rule.startsWith('Notice'),
    );
    expect(notice?.evidence.length).toBeGreaterThan(0);
    expect(notice?.evidence.every((evidence) => ids.has(evidence.eventId))).toBe(true);
  });
});
