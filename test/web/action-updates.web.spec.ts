import { addPerson, csrfOf, signedInAgent } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi, eventCountOf } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('adding actions and updating them in the web pages (%s)', (kind) => {
  let api: TestApi;
  let actionId: string;
  const signedInAs = (email: string) => signedInAgent(api.app, email, password);
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
  const eventCount = () => eventCountOf(api);

  beforeAll(async () => {
    api = await startTestApi(kind);
    for (const [name, email, role] of [
      ['Sam Weston', 'sam@opcc.example', 'secretary'],
      ['Carol Reid', 'carol@opcc.example', 'officer'],
      ['Kay Hill', 'kay@opcc.example', 'officer'],
      ['Ada Auditor', 'ada@audit.example', 'auditor'],
    ])
      await addPerson(api, { name, email, roles: [role] }, password);
  });
  afterAll(() => api?.close());

  it('lets the secretary add an action led by a person chosen from the directory', async () => {
    const secretary = await signedInAs('sam@opcc.example');
    const form = await secretary.get('/actions/new').expect(200);
    expect(form.text).toContain('Carol Reid (carol@opcc.example)');
    const refused = await secretary
      .post('/actions/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), plan: 'Police and Crime Plan 2016-18', ref: '7C02' })
      .expect(400);
    expect(refused.text).toContain('Describe the activity');
    const added = await secretary
      .post('/actions/new')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        plan: 'Police and Crime Plan 2016-18',
        theme: 'Theme 7: Spending public money wisely',
        ref: '7C02',
        title: 'Ensure the Force achieves a balanced budget.',
        lead: 'carol@opcc.example',
        dueDate: 'Mar-18',
        createdOn: '2017-04-01',
      })
      .expect(303);
    actionId = added.headers.location.replace('/actions/', '');
    const page = await secretary.get(added.headers.location).expect(200);
    expect(page.text).toContain('7C02 is added to Police and Crime Plan 2016-18.');
    expect(page.text).toContain('Carol Reid');
    expect(page.text).toContain('Mar-18 (read as 31 March 2018)');
    expect(page.text).toContain('Action created');
  });

  it('lists the action in its lead’s My actions, and records the status she reports', async () => {
    const carol = await signedInAs('carol@opcc.example');
    const mine = await carol.get('/my-actions').expect(200);
    expect(mine.text).toContain('You lead 1 action');
    expect(mine.text).toContain(`href="/actions/${actionId}/update"`);
    const form = await carol.get(`/actions/${actionId}/update`).expect(200);
    const missing = await carol
      .post(`/actions/${actionId}/status`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version: '1', status: 'GREEN' })
      .expect(400);
    expect(missing.text).toContain('Say how the action is going');
    await carol
      .post(`/actions/${actionId}/status`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        version: '1',
        status: 'GREEN',
        effectiveDate: '2017-09-30',
        commentary: 'Balanced budget approved by the panel.',
      })
      .expect(303);
    const page = await carol.get(`/actions/${actionId}`).expect(200);
    expect(page.text).toContain('Status: Green for Q2 2017/18');
    expect(page.text).toContain('by Carol Reid');
    expect(page.text).toContain('Balanced budget approved by the panel.');
    expect(page.text).toContain('effective 30 September 2017');
  });

  it('shows who changed the action meanwhile when a form is out of date, and saves nothing', async () => {
    const carol = await signedInAs('carol@opcc.example');
    const form = await carol.get(`/actions/${actionId}/update`).expect(200);
    const before = await eventCount();
    const stale = await carol
      .post(`/actions/${actionId}/progress`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version: '1', note: 'Budget meeting held.' })
      .expect(409);
    expect(stale.text).toMatch(/carol@opcc\.example changed this at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(stale.text).toContain('Your changes were not saved');
    expect(stale.text).toContain('Budget meeting held.');
    expect(await eventCount()).toBe(before);
  });

  it('refuses another officer, and an auditor, and shows neither an update button', async () => {
    for (const email of ['kay@opcc.example', 'ada@audit.example']) {
      const agent = await signedInAs(email);
      const page = await agent.get(`/actions/${actionId}`).expect(200);
      expect(page.text).not.toContain('Update this action');
      const before = await eventCount();
      await agent.get(`/actions/${actionId}/update`).expect(403);
      await agent
        .post(`/actions/${actionId}/progress`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version: '2', note: 'Not mine to say.' })
        .expect(403);
      expect(await eventCount()).toBe(before);
    }
    const kay = await signedInAs('kay@opcc.example');
    expect((await kay.get('/my-actions').expect(200)).text).toContain('You lead no actions');
  });

  it('refuses a form with text the database cannot store, saying which field, and saves nothing', async () => {
    const carol = await signedInAs('carol@opcc.example');
    const form = await carol.get(`/actions/${actionId}/update`).expect(200);
    const before = await eventCount();
    const page = await carol
      .post(`/actions/${actionId}/progress`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version: '2', note: 'Budget\u0000meeting' })
      .expect(400);
    expect(page.text).toContain('the form field note contains a NUL character');
    expect(await eventCount()).toBe(before);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const carol = await signedInAs('carol@opcc.example');
    const page = await carol
      .post(`/actions/${actionId}/progress`)
      .type('form')
      .send({ version: '2', note: 'No token.' })
      .expect(403);
    expect(page.text).toContain('This form has expired');
  });

  it('shows a correction beside the entry it corrects', async () => {
    const history = await api
      .http()
      .get(`/api/actions/${actionId}/rag-history`)
      .set({ Authorization: `Bearer ${api.token('sam', 'secretary')}` })
      .expect(200);
    const wrong = history.body.history[0].eventId;
    await api
      .http()
      .post(`/api/actions/${actionId}/corrections`)
      .set({ Authorization: `Bearer ${api.token('sam', 'secretary')}` })
      .send({
        correctsEventId: wrong,
        status: 'AMBER',
        reason: 'The panel asked for more savings',
        expectedVersion: 2,
      })
      .expect(200);
    const auditor = await signedInAs('ada@audit.example');
    const page = await auditor.get(`/actions/${actionId}`).expect(200);
    expect(page.text).toContain('Correction: status Amber');
    expect(page.text).toContain(`href="#entry-${wrong}"`);
    expect(page.text).toContain('Corrected');
  });

  it('lets the secretary change the due date and the lead, and refuses those changes to an officer', async () => {
    const carol = await signedInAs('carol@opcc.example');
    const officerForm = await carol.get(`/actions/${actionId}/update`).expect(200);
    expect(officerForm.text).not.toContain('Secretary’s changes');
    await carol
      .post(`/actions/${actionId}/due-date`)
      .type('form')
      .send({
        _csrf: csrfOf(officerForm.text),
        version: versionOf(officerForm.text),
        dueDate: 'Q4 2018/19',
        dueReason: 'More time',
      })
      .expect(403);
    const sam = await signedInAs('sam@opcc.example');
    let form = await sam.get(`/actions/${actionId}/update`).expect(200);
    const missing = await sam
      .post(`/actions/${actionId}/due-date`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version: versionOf(form.text), dueDate: 'Q4 2018/19' })
      .expect(400);
    expect(missing.text).toContain('Say why the due date changes');
    await sam
      .post(`/actions/${actionId}/due-date`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        version: versionOf(form.text),
        dueDate: 'Q4 2018/19',
        dueReason: 'The panel gave a year more',
      })
      .expect(303);
    form = await sam.get(`/actions/${actionId}/update`).expect(200);
    await sam
      .post(`/actions/${actionId}/lead`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        version: versionOf(form.text),
        lead: 'kay@opcc.example',
        leadReason: 'Carol moved team',
      })
      .expect(303);
    const page = await sam.get(`/actions/${actionId}`).expect(200);
    expect(page.text).toContain('Q4 2018/19 (read as 31 March 2019)');
    expect(page.text).toMatch(/Lead officer\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Kay Hill/);
    const kay = await signedInAs('kay@opcc.example');
    expect((await kay.get('/my-actions').expect(200)).text).toContain('You lead 1 action');
  });
});
