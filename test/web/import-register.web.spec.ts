import { join } from 'node:path';
import { addPerson, csrfOf, signedInAgent, textOf } from '../support/web-session';
import { DATABASES, eventCountOf, startTestApi, TestApi } from '../support/test-engine';

const WORK_PLAN = join(__dirname, '..', 'fixtures', 'import', 'work-plan-2017-18.csv');
const PLAN = 'Work plan 2017-18';
const password = 'correct horse battery staple';

describe.each(DATABASES)('importing a register from the web application (%s)', (kind) => {
  let api: TestApi;
  const signedInAs = (email: string) => signedInAgent(api.app, email, password);

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(
      api,
      { name: 'Sam Secretary', email: 'sam@body.example', roles: ['secretary'] },
      password,
    );
    await addPerson(
      api,
      { name: 'Olive Officer', email: 'olive@body.example', roles: ['officer'] },
      password,
    );
  });
  afterAll(() => api?.close());

  it('previews the file row by row with the rows it cannot read, then records the others without a second upload', async () => {
    const secretary = await signedInAs('sam@body.example');
    const form = await secretary.get(`/actions/import?plan=${encodeURIComponent(PLAN)}`).expect(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const before = await eventCountOf(api);
    const preview = await secretary
      .post(`/actions/import?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .field('plan', PLAN)
      .field('refPrefix', 'WP')
      .attach('file', WORK_PLAN)
      .expect(200);
    const text = textOf(preview.text);
    expect(text).toContain('Check work-plan-2017-18.csv before it is imported');
    expect(text).toContain('5 new, 0 changed, 0 unchanged, 1 cannot be read, 1 blank');
    expect(text).toContain('1 row cannot be read');
    expect(text).toMatch(/8\s+C8\s+the action has no title or activity/);
    expect(text).toMatch(/4\s+WP\/003 \(made\)\s+Develop crime reduction campaign/);
    expect(await eventCountOf(api)).toBe(before);

    const id = /name="id" value="([0-9a-f-]{36})"/.exec(preview.text)![1];
    const done = await secretary
      .post('/actions/import/record')
      .type('form')
      .send({
        _csrf: csrfOf(preview.text),
        id,
        plan: PLAN,
        refPrefix: 'WP',
        sheet: '',
        year: '',
        mode: 'partial',
      })
      .expect(200);
    expect(textOf(done.text)).toContain('Register imported');
    const register = await secretary.get(`/actions?plan=${encodeURIComponent(PLAN)}`).expect(200);
    expect(textOf(register.text)).toContain('Develop crime reduction campaign');
    // The kept file went with the import: confirming again asks for it again.
    const again = await secretary
      .post('/actions/import/record')
      .type('form')
      .send({ _csrf: csrfOf(preview.text), id, plan: PLAN, mode: 'partial' })
      .expect(400);
    expect(textOf(again.text)).toContain('The file is no longer kept');
  });

  it('takes a decision log from the same page: the rows as sentences, then records them', async () => {
    const secretary = await signedInAs('sam@body.example');
    const form = await secretary.get('/actions/import').expect(200);
    expect(form.text).toContain('A decision log');
    const preview = await secretary
      .post(`/actions/import?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .field('kind', 'decisions')
      .attach('file', join(__dirname, '..', 'fixtures', 'import', 'decisions-2016-17.csv'))
      .expect(200);
    const text = textOf(preview.text);
    expect(text).toContain('8 new, 0 changed, 0 unchanged, 0 cannot be read');
    expect(text).toContain('Next decision number 74');
    expect(text).toMatch(/row 9: Executive Order 73 (&quot;|")Agreement for Community Grants/);
    const id = /name="id" value="([0-9a-f-]{36})"/.exec(preview.text)![1];
    const done = await secretary
      .post('/actions/import/record')
      .type('form')
      .send({ _csrf: csrfOf(preview.text), id, kind: 'decisions', plan: '', mode: 'all' })
      .expect(200);
    expect(textOf(done.text)).toContain('Register imported');
    expect(done.text).toContain('href="/decisions"');
  });

  it('says what is wrong with a file that is not a register, and lets no officer in', async () => {
    const secretary = await signedInAs('sam@body.example');
    const form = await secretary.get('/actions/import').expect(200);
    const refused = await secretary
      .post(`/actions/import?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .field('plan', PLAN)
      .attach('file', Buffer.from('MZ\u0090\u0090'), 'register.xlsx')
      .expect(400);
    expect(textOf(refused.text)).toContain('register.xlsx is not an Excel workbook (.xlsx)');
    const noToken = await secretary.post('/actions/import').field('plan', PLAN).attach('file', WORK_PLAN);
    expect(noToken.status).toBe(403);
    // A large upload refused before it is read still hears its answer, not a connection cut mid-upload.
    const large = await secretary
      .post('/actions/import')
      .field('plan', PLAN)
      .attach('file', Buffer.alloc(8 * 1024 * 1024, 'a'), 'register.csv');
    expect(large.status).toBe(403);
    const officer = await signedInAs('olive@body.example');
    expect((await officer.get('/actions/import')).status).toBe(403);
  });
});
