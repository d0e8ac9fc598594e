import { randomUUID } from 'node:crypto';
import { DEFAULT_BODY_SETTINGS } from '#domain/body/body-settings';
import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

/**
 * A settings event recorded before validation refused nulls (or by any other path) that a
 * projection cannot apply must cost only its own body's reminders, not the whole engine.
 */
describe.each(DATABASES)('a projection that cannot apply an event (%s)', (kind) => {
  let api: TestApi;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const registerBody = (id: string) =>
    api.http().post('/api/bodies').set(auth(admin)).send({ id, name: id }).expect(201);
  const establishBoard = async (body: string) =>
    (
      await api
        .http()
        .post('/api/boards')
        .set(auth(admin))
        .send({
          bodyId: body,
          name: 'Accountability Board',
          code: 'AB',
          members: [{ name: 'PCC', role: 'Chair' }],
        })
        .expect(201)
    ).body.id as string;
  const scheduleMeeting = (board: string) =>
    api
      .http()
      .post(`/api/boards/${board}/meetings`)
      .set(auth(admin))
      .send({ date: '2030-01-15', time: '10:00', place: 'Police HQ', access: 'public' });

  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.token('root', 'admin', 'all');
    await registerBody('poisoned-pcc');
    await registerBody('healthy-pcc');
    // The event as the API recorded it before nulls were refused: the secretary is null.
    const [{ version }] = await api.engine.db.query<{ version: number }>(
      "SELECT revision::integer + 1 AS version FROM streams WHERE stream_id = 'body-poisoned-pcc'",
    );
    await api.engine.store.append(
      'body-poisoned-pcc',
      [
        {
          id: randomUUID(),
          type: 'BodySettingsChanged',
          schemaVersion: 1,
          data: {
            settings: {
              ...DEFAULT_BODY_SETTINGS,
              reminders: { ...DEFAULT_BODY_SETTINGS.reminders, secretary: null },
            },
          },
          metadata: {
            actor: 'root',
            actorRole: 'admin',
            bodyId: 'poisoned-pcc',
            recordedAt: new Date().toISOString(),
          },
        },
      ],
      version - 1,
    );
  });
  afterAll(() => api?.close());

  it('parks the event, says so in the write and in health, and lets other bodies go on', async () => {
    const poisonedBoard = await establishBoard('poisoned-pcc');
    const poisoned = await scheduleMeeting(poisonedBoard);
    // The meeting exists (the write happened), but the reminders read model does not show it.
    expect(poisoned.status).toBe(202);
    expect(poisoned.headers['projections-pending']).toBe('reminders');

    const health = (await api.http().get('/api/health').expect(200)).body;
    expect(health.status).toBe('degraded');
    expect(health.parked).toEqual([
      expect.objectContaining({
        projection: 'reminders',
        eventType: 'MeetingScheduled',
        bodyId: 'poisoned-pcc',
        error: expect.stringMatching(/null/i),
        parkedAt: expect.any(String),
      }),
    ]);

    // Another body is neither stopped nor slowed: its writes answer as usual, projected.
    const healthyBoard = await establishBoard('healthy-pcc');
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const response = await scheduleMeeting(healthyBoard);
      expect(response.status).toBe(201);
      expect(response.headers['projections-pending']).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(4_000);
    }
    const reminders = await api.engine.db.query<{ count: number }>(
      "SELECT count(*)::integer AS count FROM reminders WHERE body_id = 'healthy-pcc'",
    );
    expect(reminders[0].count).toBeGreaterThan(0);
  });

  it('applies the parked event once an admin fixes the settings and retries', async () => {
    const { version } = (await api.http().get('/api/bodies/poisoned-pcc').set(auth(admin)).expect(200)).body;
    await api
      .http()
      .patch('/api/bodies/poisoned-pcc/settings')
      .set(auth(admin))
      .send({ expectedVersion: version, reminders: { secretary: 'Governance Officer' } })
      .expect(200);
    const checkpointChanged = async () =>
      (
        await api.engine.db.query<{ at: string }>(
          "SELECT updated_at::text AS at FROM projection_checkpoints WHERE projection = 'reminders'",
        )
      )[0].at;
    const before = await checkpointChanged();
    const retried = await api.http().post('/api/projections/retry').set(auth(admin)).send({}).expect(200);
    expect(retried.body).toEqual({ applied: 1, stillParked: 0 });
    // The read model changed, so its checkpoint row says so (readers keep answers by it).
    expect(await checkpointChanged()).not.toBe(before);
    const health = (await api.http().get('/api/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'ok', parked: [], heldBehindParked: 0 });
    const recipients = await api.engine.db.query<{ recipient: string }>(
      "SELECT DISTINCT recipient FROM reminders WHERE body_id = 'poisoned-pcc'",
    );
    expect(recipients.map((row) => row.recipient)).toEqual(['Governance Officer']);
  });
});
