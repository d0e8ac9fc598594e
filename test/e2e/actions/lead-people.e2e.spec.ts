import { createApiToken } from '#access/api-tokens';
import { DATABASES, startTestApi, TestApi } from '../../support/test-engine';
import { addPerson } from '../../support/web-session';

/** Lead officers are people of the directory: found by email or name, and the rule knows them by id. */
describe.each(DATABASES)('lead officers who are people (%s)', (kind) => {
  let api: TestApi;
  let carolId: string;
  let kayId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const tokenOf = async (personId: string) =>
    (await createApiToken(api.engine.db, { personId, bodyId: 'default', name: 'test', days: 30 }, new Date()))
      .secret;
  const create = async (ref: string, leadOfficers: string[]) =>
    (
      await api
        .http()
        .post('/api/actions')
        .set(auth(api.token('sam', 'secretary')))
        .send({ ref, plan: 'Lead plan', title: `Action ${ref}`, leadOfficers, dueDate: 'Mar-18' })
        .expect(201)
    ).body as { id: string; version: number };
  const read = async (id: string) =>
    (
      await api
        .http()
        .get(`/api/actions/${id}`)
        .set(auth(api.token('ada', 'auditor')))
        .expect(200)
    ).body;

  beforeAll(async () => {
    api = await startTestApi(kind);
    carolId = await addPerson(api, {
      name: 'Carol Reid',
      email: 'carol.reid@example.gov.uk',
      roles: ['officer'],
    });
    kayId = await addPerson(api, { name: 'Kay Hill', email: 'kay.hill@example.gov.uk', roles: ['officer'] });
  });
  afterAll(() => api?.close());

  it('records a lead written by email or by name as the person, by their name; anyone else as written', async () => {
    const byEmail = await create('L1', ['CAROL.REID@example.gov.uk', 'Head of Finance']);
    expect(await read(byEmail.id)).toMatchObject({
      leadOfficers: ['Carol Reid', 'Head of Finance'],
      leadPersonIds: [carolId, null],
    });
    const byName = await create('L2', ['kay hill']);
    expect(await read(byName.id)).toMatchObject({ leadOfficers: ['Kay Hill'], leadPersonIds: [kayId] });
  });

  it('lets a person report on the actions they lead, and refuses them any other', async () => {
    const { id } = await create('L3', ['carol.reid@example.gov.uk']);
    const status = { status: 'GREEN', commentary: 'On track', effectiveDate: '2017-09-30' };
    await api
      .http()
      .post(`/api/actions/${id}/status`)
      .set(auth(await tokenOf(kayId)))
      .send({ ...status, expectedVersion: 1 })
      .expect(403);
    await api
      .http()
      .post(`/api/actions/${id}/status`)
      .set(auth(await tokenOf(carolId)))
      .send({ ...status, expectedVersion: 1 })
      .expect(200);
  });

  it('follows a reassignment to another person, whose name may change after', async () => {
    const { id } = await create('L4', ['carol.reid@example.gov.uk']);
    await api
      .http()
      .post(`/api/actions/${id}/lead`)
      .set(auth(api.token('sam', 'secretary')))
      .send({
        leadOfficers: ['kay.hill@example.gov.uk'],
        reason: 'Carol moved to another team',
        expectedVersion: 1,
      })
      .expect(200);
    expect(await read(id)).toMatchObject({ leadOfficers: ['Kay Hill'], leadPersonIds: [kayId] });
    const progress = { note: 'Started', reportedOn: '2017-10-02', expectedVersion: 2 };
    await api
      .http()
      .post(`/api/actions/${id}/progress`)
      .set(auth(await tokenOf(carolId)))
      .send(progress)
      .expect(403);
    await api
      .http()
      .post(`/api/actions/${id}/progress`)
      .set(auth(await tokenOf(kayId)))
      .send(progress)
      .expect(200);
  });
});
