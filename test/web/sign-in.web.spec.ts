import request from 'supertest';
import { csrfOf } from '../support/web-session';
import { createAdmin } from '#engine/admins';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';

const linkPath = (link: string) => new URL(link).pathname;

describe.each(WEB_DATABASES)('signing in to the web application (%s)', (kind) => {
  let api: TestApi;
  let link: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    api = await startTestApi(kind);
    ({ link } = await createAdmin(api.engine, {
      email: 'ann@example.gov.uk',
      name: 'Ann Admin',
      bodyId: 'default',
    }));
  });
  afterAll(() => api?.close());

  const browser = () => request.agent(api.app.getHttpServer());
  /** Signs in with the password, as a person at a browser would. */
  const signedIn = async (pass = password) => {
    const agent = browser();
    const form = await agent.get('/sign-in').expect(200);
    const answer = await agent
      .post('/sign-in?next=/')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'ANN@example.gov.uk', password: pass });
    return { agent, answer };
  };

  it('lets the first admin choose a password from the link, once, and signs them in', async () => {
    const agent = browser();
    const page = await agent.get(linkPath(link)).expect(200);
    expect(page.text).toContain('You are signing in as <strong>Ann Admin</strong>');
    const token = csrfOf(page.text);

    const short = await agent
      .post(linkPath(link))
      .type('form')
      .send({ _csrf: token, password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('<title>Error: Choose a password');
    expect(short.text).toMatch(/href="#password">Your password must be at least 12 characters/);

    const chosen = await agent
      .post(linkPath(link))
      .type('form')
      .send({ _csrf: token, password, confirm: password })
      .expect(303);
    expect(chosen.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Your password is saved, and you are signed in.');
    expect(home.text).toContain('Welcome, Ann Admin.');
    expect(home.text).toMatch(/default[\s\S]*admin/);

    expect((await browser().get(linkPath(link))).status).toBe(410);
  });

  it('serves its own stylesheet and scripts from a build folder, cached for good, in the system font', async () => {
    const page = await browser().get('/sign-in').expect(200);
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1];
    expect(css).toMatch(/^\/assets\/[0-9a-f]{12}\/app\.css$/);
    const sheet = await browser().get(css).expect(200);
    expect(sheet.headers['content-type']).toContain('text/css');
    expect(sheet.headers['cache-control']).toContain('immutable');
    expect(sheet.text).toContain('.moj-timeline');
    expect(sheet.text).not.toContain('GDS Transport');
    const script = await browser().get(css.replace('app.css', 'app.mjs')).expect(200);
    expect(script.text).toContain("from './moj-frontend.min.js'");
    await browser().get(css.replace('app.css', 'moj-frontend.min.js')).expect(200);
  });

  it('allows no inline script but the template’s own, by a nonce made for each page', async () => {
    const pages = [await browser().get('/sign-in').expect(200), await browser().get('/sign-in').expect(200)];
    const nonces = pages.map((page) => {
      const policy = String(page.headers['content-security-policy']);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("form-action 'self'");
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)![1];
      expect(page.text).toContain(`<script nonce="${nonce}">`);
      // One inline script; any other is a file of this site's build.
      expect(page.text.match(/<script(?![^>]*\bsrc=)/g)).toHaveLength(1);
      for (const [, src] of page.text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g))
        expect(src).toMatch(/^\/assets\/[0-9a-f]{12}\/app\.mjs$/);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('keeps the session in an HttpOnly, SameSite=Lax cookie', async () => {
    const { answer } = await signedIn();
    expect(answer.status).toBe(303);
    const cookie = ([] as string[])
      .concat(answer.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('sends someone signed out to sign in, and back where they were going after', async () => {
    const away = await browser().get('/').expect(303);
    expect(away.headers.location).toBe('/sign-in?next=%2F');
    const { answer } = await signedIn();
    expect(answer.headers.location).toBe('/');
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const { answer } = await signedIn('not the password at all');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Enter the email address and password of an account that may sign in');
    expect(answer.text).toContain('value="ANN@example.gov.uk"');
  });

  it('refuses a form posted without its CSRF token, and saves nothing', async () => {
    const agent = browser();
    await agent.get('/sign-in').expect(200);
    const forged = await agent.post('/sign-in').type('form').send({ email: 'ann@example.gov.uk', password });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form has expired');
    await agent.get('/').expect(303);
  });

  it('signs out, and the session no longer works', async () => {
    const { agent } = await signedIn();
    const home = await agent.get('/').expect(200);
    await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf(home.text) })
      .expect(303);
    await agent.get('/').expect(303);
  });

  it('signs out everywhere: every other browser’s session ends too', async () => {
    const { agent: here } = await signedIn();
    const { agent: elsewhere } = await signedIn();
    await elsewhere.get('/').expect(200);
    const account = await here.get('/account').expect(200);
    await here
      .post('/account/sign-out-everywhere')
      .type('form')
      .send({ _csrf: csrfOf(account.text) })
      .expect(303);
    await elsewhere.get('/').expect(303);
    await here.get('/').expect(303);
  });

  it('locks sign-in after five wrong passwords in a row', async () => {
    ({ link } = await createAdmin(api.engine, {
      email: 'bob@example.gov.uk',
      name: 'Bob',
      bodyId: 'default',
    }));
    const agent = browser();
    const page = await agent.get(linkPath(link)).expect(200);
    await agent
      .post(linkPath(link))
      .type('form')
      .send({ _csrf: csrfOf(page.text), password, confirm: password })
      .expect(303);
    let last = 0;
    for (let i = 0; i < 5; i++) {
      const other = browser();
      const form = await other.get('/sign-in');
      last = (
        await other
          .post('/sign-in')
          .type('form')
          .send({ _csrf: csrfOf(form.text), email: 'bob@example.gov.uk', password: `wrong ${i}` })
      ).status;
    }
    expect(last).toBe(429);
    const other = browser();
    const form = await other.get('/sign-in');
    const locked = await other
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'bob@example.gov.uk', password });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('Too many wrong passwords');
  });
});
