import request from 'supertest';
import { addPerson, csrfOf, signedInAgent } from '../support/web-session';
import { createAdmin } from '#engine/admins';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('the people pages (%s)', (kind) => {
  let api: TestApi;
  let otherPersonId: string;

  const signedInAs = (email: string) => signedInAgent(api.app, email, password);
  const withPassword = (email: string, name: string, bodyId: string, roles: string[]) =>
    addPerson(api, { bodyId, name, email, roles }, password);

  beforeAll(async () => {
    api = await startTestApi(kind);
    const root = api.token('root', 'admin', 'all');
    await api
      .http()
      .post('/api/bodies')
      .set({ Authorization: `Bearer ${root}` })
      .send({ id: 'other-pcc', name: 'Other' });
    await createAdmin(api.engine, { email: 'ann@example.gov.uk', name: 'Ann Admin', bodyId: 'default' });
    await withPassword('ann@example.gov.uk', 'Ann Admin', 'default', ['admin']);
    await withPassword('carol@example.gov.uk', 'Carol Reid', 'default', ['officer']);
    otherPersonId = await withPassword('pat@other.example', 'Pat Other', 'other-pcc', ['admin']);
  });
  afterAll(() => api?.close());

  it('are for admins: an officer is told whose page it is', async () => {
    const officer = await signedInAs('carol@example.gov.uk');
    const page = await officer.get('/people').expect(403);
    expect(page.text).toContain('This page is for admins of default');
    const home = await officer.get('/').expect(200);
    expect(home.text).not.toContain('href="/people"');
  });

  it('do not show a person of another body', async () => {
    const admin = await signedInAs('ann@example.gov.uk');
    const list = await admin.get('/people').expect(200);
    expect(list.text).toContain('Carol Reid');
    expect(list.text).not.toContain('Pat Other');
    await admin.get(`/people/${otherPersonId}`).expect(404);
  });

  it('refuse to add a person from a form posted without its token', async () => {
    const admin = await signedInAs('ann@example.gov.uk');
    await admin
      .post('/people/new')
      .type('form')
      .send({ name: 'Eve', email: 'eve@example.gov.uk', roles: 'admin', reason: 'x' })
      .expect(403);
    const list = await admin.get('/people?q=eve').expect(200);
    expect(list.text).toContain('Nobody matches');
  });

  it('add a person with their roles, and record who added them', async () => {
    const admin = await signedInAs('ann@example.gov.uk');
    const form = await admin.get('/people/new').expect(200);
    const added = await admin
      .post('/people/new')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        name: 'Dan Doe',
        email: 'dan@example.gov.uk',
        roles: ['officer', 'auditor'],
        reason: 'New lead',
      })
      .expect(303);
    const page = await admin.get(added.headers.location).expect(200);
    expect(page.text).toContain('Dan Doe is added');
    expect(page.text).toMatch(/officer, auditor/);
    // Read through the store: names and emails are stored sealed with each person's key.
    const event = (await api.engine.store.readAll({ maxCount: 100_000 })).find(
      (each) =>
        each.type === 'PersonRegistered' && (each.data as { email: string }).email === 'dan@example.gov.uk',
    );
    expect(event?.metadata.actor).toBe('ann@example.gov.uk');
  });

  it('change a person’s details at the version read, and refuse a stale change', async () => {
    const admin = await signedInAs('ann@example.gov.uk');
    const list = await admin.get('/people?q=carol').expect(200);
    const carolId = /href="\/people\/([\w-]+)">Carol Reid/.exec(list.text)![1];
    const form = await admin.get(`/people/${carolId}/details`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)![1];
    const annId = /<option value="([\w-]+)">Ann Admin \(ann@example\.gov\.uk\)<\/option>/.exec(form.text)![1];
    expect(form.text).not.toContain('>Carol Reid (carol@example.gov.uk)</option>'); // not her own manager
    const change = (name: string) =>
      admin
        .post(`/people/${carolId}/details`)
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          version,
          name,
          email: 'carol@example.gov.uk',
          jobTitle: 'Treasurer',
          managerId: annId,
        });
    await change('Carol Reid-Smith').expect(303);
    const page = (await admin.get(`/people/${carolId}`)).text;
    expect(page).toContain('Treasurer');
    expect(page).toMatch(/Manager\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Ann Admin/);
    const stale = await change('Carol Again').expect(400);
    expect(stale.text).toContain('Someone changed this person since you opened the page');
  });

  it('disable a person: their session ends and they cannot sign in; enabled, they can', async () => {
    const officer = await signedInAs('carol@example.gov.uk');
    const admin = await signedInAs('ann@example.gov.uk');
    const list = await admin.get('/people?q=carol').expect(200);
    const carolId = /href="\/people\/([\w-]+)">Carol/.exec(list.text)![1];
    const access = async (reason: string) => {
      const page = await admin.get(`/people/${carolId}`).expect(200);
      const version = /name="version" value="(\d+)"/.exec(page.text)![1];
      await admin
        .post(`/people/${carolId}/access`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version, accessReason: reason })
        .expect(303);
    };
    await access('Left');
    expect((await admin.get(`/people/${carolId}`)).text).toContain('can no longer sign in');
    // Their session ends on their next request, whichever page it is for: the sign-in page still
    // shows its form, in a fresh session.
    expect((await officer.get('/sign-in').expect(200)).text).toContain('name="_csrf"');
    await officer.get('/').expect(303);
    const visitor = request.agent(api.app.getHttpServer());
    const form = await visitor.get('/sign-in').expect(200);
    await visitor
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'carol@example.gov.uk', password })
      .expect(400);
    await access('Back');
    await signedInAs('carol@example.gov.uk');
  });

  it('let a person with roles in two bodies switch between them, and no further', async () => {
    const root = { Authorization: `Bearer ${api.token('root', 'admin', 'all')}` };
    await api
      .http()
      .post(`/api/people/${otherPersonId}/role-grants`)
      .set(root)
      .send({ bodyId: 'default', role: 'admin', reason: 'Shared service' })
      .expect(200);
    const pat = await signedInAs('pat@other.example');
    const home = await pat.get('/').expect(200);
    expect(home.text).toContain('Switch body');
    const before = await pat.get('/people').expect(200);
    const switchTo = (bodyId: string) =>
      pat
        .post('/acting-for')
        .type('form')
        .send({ _csrf: csrfOf(home.text), bodyId })
        .expect(303);
    await switchTo(before.text.includes('working in <strong>default') ? 'other-pcc' : 'default');
    const after = await pat.get('/people').expect(200);
    expect(after.text.includes('Carol')).toBe(!before.text.includes('Carol'));
    await switchTo('a-body-of-someone-else');
    expect((await pat.get('/people').expect(200)).text.includes('Carol')).toBe(after.text.includes('Carol'));
  });
});
