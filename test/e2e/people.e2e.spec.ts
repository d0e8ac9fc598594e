import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

interface Person {
  id: string;
  name: string;
  email: string;
  homeBodyId: string;
  disabled: boolean;
  version: number;
  bodies: { bodyId: string; roles: string[]; version: number }[];
}

describe.each(DATABASES)('the directory of people (%s)', (kind) => {
  let api: TestApi;
  let admin: string;
  let otherAdmin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const add = (body: object, token = admin) => api.http().post('/api/people').set(auth(token)).send(body);
  const read = async (id: string, token = admin) =>
    (await api.http().get(`/api/people/${id}`).set(auth(token)).expect(200)).body as Person;
  const carol = {
    name: 'Carol Reid',
    email: 'Carol.Reid@leics.pcc.police.uk',
    jobTitle: 'Chief Finance Officer',
    roles: ['officer'],
    reason: 'Lead officer for Theme 7',
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    const root = api.token('root', 'admin', 'all');
    await api
      .http()
      .post('/api/bodies')
      .set(auth(root))
      .send({ id: 'other-pcc', name: 'Another PCC' })
      .expect(201);
    admin = api.token('ann.admin', 'admin', ['default']);
    otherAdmin = api.token('olly.admin', 'admin', ['other-pcc']);
    // Each body starts with an admin in the directory, as the CLI's first admin would be.
    await add({
      name: 'Ann Admin',
      email: 'ann@default.test',
      roles: ['admin'],
      reason: 'First admin',
    }).expect(201);
    await add(
      { name: 'Olly Admin', email: 'olly@other.test', roles: ['admin'], reason: 'First admin' },
      otherAdmin,
    ).expect(201);
  });
  afterAll(() => api?.close());

  it('registers a new person in the admin’s body with their roles, and finds them by name, email and role', async () => {
    const added = await add(carol).expect(201);
    expect(added.body).toMatchObject({ registered: true, version: 1 });
    expect(await read(added.body.id)).toMatchObject({
      name: 'Carol Reid',
      email: 'carol.reid@leics.pcc.police.uk',
      homeBodyId: 'default',
      disabled: false,
      bodies: [{ bodyId: 'default', roles: ['officer'], version: 1 }],
    });
    const found = await api.http().get('/api/people?q=reid&role=officer').set(auth(admin)).expect(200);
    expect(found.body.items.map((p: Person) => p.name)).toEqual(['Carol Reid']);
    const admins = await api.http().get('/api/people?role=admin').set(auth(admin)).expect(200);
    expect(admins.body.items.map((p: Person) => p.name)).toEqual(['Ann Admin']);
  });

  it('pages the directory by name', async () => {
    for (const name of ['Zed One', 'Zed Two', 'Zed Three'])
      await add({
        name,
        email: `${name.replace(' ', '.')}@default.test`,
        roles: ['auditor'],
        reason: 'Audit',
      }).expect(201);
    const first = await api.http().get('/api/people?q=zed&limit=2').set(auth(admin)).expect(200);
    expect(first.body.items.map((p: Person) => p.name)).toEqual(['Zed One', 'Zed Three']);
    const second = await api
      .http()
      .get(`/api/people?q=zed&limit=2&cursor=${first.body.nextCursor}`)
      .set(auth(admin))
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ name: 'Zed Two' }], nextCursor: null });
    await api.http().get('/api/people?cursor=not-a-cursor').set(auth(admin)).expect(400);
  });

  it('gives someone already registered the roles in another body, and keeps their details with their home body', async () => {
    const { id } = (await add({ ...carol, email: 'dan@default.test', name: 'Dan Doe' }).expect(201)).body;
    const again = await add(
      { name: 'Daniel Doe', email: 'DAN@default.test', roles: ['secretary'], reason: 'Clerk to our panel' },
      otherAdmin,
    ).expect(201);
    expect(again.body).toMatchObject({ id, registered: false });
    // The other body's admin sees their own body's roles only, and the name as registered.
    expect(await read(id, otherAdmin)).toMatchObject({
      name: 'Dan Doe',
      bodies: [{ bodyId: 'other-pcc', roles: ['secretary'] }],
    });
    expect((await read(id)).bodies).toEqual([{ bodyId: 'default', roles: ['officer'], version: 1 }]);
    const rename = await api
      .http()
      .patch(`/api/people/${id}`)
      .set(auth(otherAdmin))
      .send({ expectedVersion: 1, name: 'Daniel Doe', email: 'dan@default.test' });
    expect(rename.status).toBe(404);
  });

  it('makes one person of two admins adding the same email at once', async () => {
    const [first, second] = await Promise.all([
      add({ name: 'Hal Hurry', email: 'hal@default.test', roles: ['officer'], reason: 'x' }),
      add({ name: 'Hal Hurry', email: 'HAL@default.test', roles: ['auditor'], reason: 'y' }, otherAdmin),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect([first.body.registered, second.body.registered].sort()).toEqual([false, true]);
    const people = await api.engine.db.query("SELECT person_id FROM people WHERE email = 'hal@default.test'");
    expect(people).toHaveLength(1);
  });

  it('does not show another body’s people at all', async () => {
    const { id } = (
      await add(
        { name: 'Pat Private', email: 'pat@other.test', roles: ['officer'], reason: 'x' },
        otherAdmin,
      ).expect(201)
    ).body;
    await api.http().get(`/api/people/${id}`).set(auth(admin)).expect(404);
    await api
      .http()
      .post(`/api/people/${id}/role-grants`)
      .set(auth(admin))
      .send({ role: 'auditor', reason: 'x' })
      .expect(404);
    const listed = await api.http().get('/api/people?q=pat').set(auth(admin)).expect(200);
    expect(listed.body.items).toEqual([]);
  });

  it('grants and removes roles with a reason, and never removes a body’s last admin', async () => {
    const { id } = (await add({ ...carol, email: 'erin@default.test', name: 'Erin Eve' }).expect(201)).body;
    const granted = await api
      .http()
      .post(`/api/people/${id}/role-grants`)
      .set(auth(admin))
      .send({ role: 'secretary', reason: 'Covering the clerk' })
      .expect(200);
    expect(granted.body).toMatchObject({ roles: ['officer', 'secretary'], version: 2 });
    await api
      .http()
      .post(`/api/people/${id}/role-removals`)
      .set(auth(admin))
      .send({ role: 'secretary', reason: 'Clerk back' })
      .expect(200);
    const notHeld = await api
      .http()
      .post(`/api/people/${id}/role-removals`)
      .set(auth(admin))
      .send({ role: 'secretary', reason: 'again' })
      .expect(409);
    expect(notHeld.body).toMatchObject({ code: 'ROLE_NOT_HELD', field: 'role' });
    const [ann] = (await api.http().get('/api/people?role=admin').set(auth(admin)).expect(200)).body.items;
    const last = await api
      .http()
      .post(`/api/people/${ann.id}/role-removals`)
      .set(auth(admin))
      .send({ role: 'admin', reason: 'Stepping down' })
      .expect(409);
    expect(last.body).toMatchObject({ code: 'LAST_ADMIN' });
  });

  it('disables and enables a person at the version read, and changes their details', async () => {
    const { id } = (await add({ ...carol, email: 'fay@default.test', name: 'Fay Fox' }).expect(201)).body;
    await api
      .http()
      .post(`/api/people/${id}/disabling`)
      .set(auth(admin))
      .send({ expectedVersion: 1, reason: 'Left' })
      .expect(200);
    expect(await read(id)).toMatchObject({ disabled: true, version: 2 });
    const stale = await api
      .http()
      .post(`/api/people/${id}/enabling`)
      .set(auth(admin))
      .send({ expectedVersion: 1, reason: 'Back' });
    expect(stale.status).toBe(409);
    await api
      .http()
      .post(`/api/people/${id}/enabling`)
      .set(auth(admin))
      .send({ expectedVersion: 2, reason: 'Back' })
      .expect(200);
    await api
      .http()
      .patch(`/api/people/${id}`)
      .set(auth(admin))
      .send({ expectedVersion: 3, name: 'Fay Fox-Smith', email: 'fay@default.test', jobTitle: 'Treasurer' })
      .expect(200);
    expect(await read(id)).toMatchObject({
      name: 'Fay Fox-Smith',
      jobTitle: 'Treasurer',
      disabled: false,
      version: 4,
    });
  });

  it('refuses what is not a person, and leaves the directory to admins', async () => {
    const bad = await add({ ...carol, email: 'not an email' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_EMAIL', field: 'email' });
    const badRole = await add({ ...carol, email: 'gus@default.test', roles: ['owner'] }).expect(400);
    expect(badRole.body.field).toBe('roles');
    const secretary = api.token('sam.secretary', 'secretary');
    await api.http().get('/api/people').set(auth(secretary)).expect(403);
    await add({ ...carol, email: 'gus@default.test' }, secretary).expect(403);
  });
});
