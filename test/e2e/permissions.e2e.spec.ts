import { startTestApi, TestApi } from '../support/test-engine';

describe('who may change what', () => {
  let api: TestApi;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startTestApi('pglite');
  });
  afterAll(() => api?.close());

  describe('officers report only on the actions they lead', () => {
    let actionId: string;
    const report = (user: string, role: 'officer' | 'secretary', step: string, body: object) =>
      api
        .http()
        .post(`/api/actions/${actionId}/${step}`)
        .set(auth(api.token(user, role)))
        .send(body);
    const version = async () =>
      (
        await api
          .http()
          .get(`/api/actions/${actionId}`)
          .set(auth(api.token('x', 'auditor')))
          .expect(200)
      ).body.version as number;

    beforeAll(async () => {
      const { body } = await api
        .http()
        .post('/api/actions')
        .set(auth(api.token('sam', 'secretary')))
        .send({
          ref: '7C03',
          plan: 'Plan',
          title: 'Estates review',
          leadOfficers: ['CR', 'DCC'],
          dueDate: 'Mar-18',
        })
        .expect(201);
      actionId = body.id;
    });

    it.each([
      ['status', { status: 'AMBER', commentary: 'Slipping' }],
      ['progress', { note: 'Met the estates team' }],
      ['complete', { commentary: 'Done' }],
    ])('refuses %s from an officer who is not a lead, with 403 naming the leads', async (step, body) => {
      const response = await report('ZZ', 'officer', step, { ...body, expectedVersion: await version() });
      expect(response.status).toBe(403);
      expect(response.body.message).toContain('led by CR, DCC');
    });

    it('lets a lead officer (any of them, whatever the case) and a secretary report', async () => {
      await report('cr', 'officer', 'status', {
        status: 'GREEN',
        commentary: 'On track',
        expectedVersion: await version(),
      }).expect(200);
      await report('DCC', 'officer', 'progress', { note: 'Update', expectedVersion: await version() }).expect(
        200,
      );
      await report('sam', 'secretary', 'progress', {
        note: 'Chased',
        expectedVersion: await version(),
      }).expect(200);
    });
  });

  it('answers 409, not 404, to an admin registering a body that exists for other admins', async () => {
    const everyBody = api.token('root', 'admin', 'all');
    await api
      .http()
      .post('/api/bodies')
      .set(auth(everyBody))
      .send({ id: 'west-pcc', name: 'West' })
      .expect(201);
    const narrow = api.token('ann', 'admin', ['default']);
    const response = await api
      .http()
      .post('/api/bodies')
      .set(auth(narrow))
      .send({ id: 'west-pcc', name: 'West again' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('BODY_EXISTS');
  });
});
