import { parse } from 'csv-parse/sync';
import { startTestApi, TestApi, eventCountOf } from '../support/test-engine';

/** What an attacker or a careless client sends: refused at the edge, quickly, with nothing written. */
describe('hostile and malformed input', () => {
  let api: TestApi;
  let admin: string;
  let secretary: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const eventCount = () => eventCountOf(api);
  const bodyVersion = async () =>
    (await api.http().get('/api/bodies/default').set(auth(admin)).expect(200)).body.version as number;
  const patchSettings = async (settings: object) =>
    api
      .http()
      .patch('/api/bodies/default/settings')
      .set(auth(admin))
      .send({ expectedVersion: await bodyVersion(), ...settings });

  beforeAll(async () => {
    api = await startTestApi('pglite');
    admin = api.token('root', 'admin', 'all');
    secretary = api.token('sam.secretary', 'secretary');
  });
  afterAll(() => api?.close());

  describe('nulls where a value may be left out but not emptied', () => {
    it.each([
      [{ reminders: { secretary: null } }, 'reminders.secretary'],
      [{ reminders: { daysBeforeDue: null } }, 'reminders.daysBeforeDue'],
      [{ reminders: { escalateDaysAfter: null } }, 'reminders.escalateDaysAfter'],
      [{ reminders: { noticeDaysBefore: null } }, 'reminders.noticeDaysBefore'],
      [{ statusDisplay: { RED: { label: null } } }, 'statusDisplay.RED.label'],
      [{ statusDisplay: { RED: [{ label: 'Red' }] } }, 'statusDisplay.RED'],
      [{ statutoryPeriods: { bankHolidays: null } }, 'statutoryPeriods.bankHolidays'],
      [{ reminders: null }, 'reminders'],
    ])('refuses %j with 400 naming %s, and writes nothing', async (settings, field) => {
      const before = await eventCount();
      const response = await patchSettings(settings);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
      expect(response.body.message).toContain(field);
      expect(await eventCount()).toBe(before);
    });
  });

  describe('text the database cannot store', () => {
    const action = (title: string) => ({
      ref: `NUL-${Math.random().toString(36).slice(2, 8)}`,
      plan: 'Hostile plan',
      title,
      leadOfficers: ['CR'],
      dueDate: 'TBC',
    });

    it.each([
      ['a NUL byte', 'Budget\u0000review'],
      ['a lone high surrogate', 'Budget \ud800 review'],
      ['a lone low surrogate', 'Budget \udc00 review'],
    ])('refuses %s in a body field with 400 naming the field', async (_, title) => {
      const before = await eventCount();
      const response = await api.http().post('/api/actions').set(auth(secretary)).send(action(title));
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('title');
      expect(await eventCount()).toBe(before);
    });

    it('accepts a character outside the basic plane written as a surrogate pair', async () => {
      await api.http().post('/api/actions').set(auth(secretary)).send(action('Budget 📈 review')).expect(201);
    });

    it.each([
      ['/api/actions?q=%00', true],
      ['/api/actions?plan=%00', true],
      ['/api/actions?q=%ED%A0%80', true],
      ['/api/actions?q=%E0%A4%A', true],
      ['/api/decisions?q=a%00b', true],
      ['/api/public/bodies/%00/forward-plan', false],
      ['/api/public/bodies/%ED%A0%80/forward-plan', false],
      ['/api/public/bodies/%E0%A4%A/forward-plan', false],
      ['/api/public/bodies/default/forward-plan?from=%00', false],
      ['/api/actions/%00', true],
    ])('refuses GET %s with 400, not 500', async (path, signedIn) => {
      const request = api.http().get(path);
      const response = await (signedIn ? request.set(auth(secretary)) : request);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/NUL|surrogate|percent-encod/);
    });
  });

  describe('bodies built to exhaust the parser or the validator', () => {
    it('refuses 20 KB of nested arrays with 400 in well under a second', async () => {
      const started = Date.now();
      const nested = '['.repeat(10_000) + ']'.repeat(10_000);
      const response = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .set('Content-Type', 'application/json')
        .send(nested);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/nests deeper than/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('refuses a flood of unknown keys with 413 and a short answer', async () => {
      const flood = Object.fromEntries(Array.from({ length: 120_000 }, (_, i) => [`k${i}`, 1]));
      const response = await api.http().post('/api/actions').set(auth(secretary)).send(flood);
      expect(response.status).toBe(413);
      expect(JSON.stringify(response.body).length).toBeLessThan(1_000);
    });

    it('lists at most twenty problems for many unknown keys', async () => {
      const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
      const response = await api.http().post('/api/actions').set(auth(secretary)).send(many);
      expect(response.status).toBe(400);
      expect(response.body.details.length).toBeLessThanOrEqual(20);
      expect(response.body.message).toMatch(/and \d+ more problems$/);
    });

    it('does not parse the body of a request without a valid token', async () => {
      const response = await api
        .http()
        .post('/api/actions')
        .set('Content-Type', 'application/json')
        .send('{ not json');
      expect(response.status).toBe(401);
    });

    it.each(['__proto__', 'constructor', 'prototype'])(
      'refuses the key %s anywhere in a body',
      async (key) => {
        const response = await api
          .http()
          .post('/api/actions')
          .set(auth(secretary))
          .set('Content-Type', 'application/json')
          .send(
            `{"ref":"P1","plan":"p","title":"t","leadOfficers":["CR"],"dueDate":"TBC","x":{"${key}":{"a":1}}}`,
          );
        expect(response.status).toBe(400);
        expect(response.body.message).toContain(key);
      },
    );
  });

  describe('fields a handler relies on', () => {
    const some = '00000000-0000-4000-8000-000000000001';

    it('refuses an outcome without its outcome, naming the field', async () => {
      const response = await api
        .http()
        .post(`/api/boards/${some}/meetings/${some}/agenda-items/${some}/outcome`)
        .set(auth(secretary))
        .send({ expectedVersion: 3 });
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('outcome');
    });

    it.each([
      [{ name: '__proto__' }, 'reminders.contacts'],
      [{ name: 'CR', manager: 'constructor' }, 'reminders.contacts'],
      [{ name: 'CR', email: 'cr\ud800@example.gov.uk' }, 'reminders.contacts[0].email'],
    ])('refuses the contact %j', async (contact, field) => {
      const response = await patchSettings({ reminders: { contacts: [contact] } });
      expect(response.status).toBe(400);
      expect(response.body.field).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}`));
    });
  });

  describe('public pages and feeds', () => {
    const base = '/api/public/bodies/default';
    const subject = '=HYPERLINK("http://evil.example","<b>Click</b>")';

    /** A key decision proposed and its notice published: on the public forward plan. */
    const announce = async (subjectText: string, expectedOn: string): Promise<string> => {
      const { body } = await api
        .http()
        .post('/api/decisions')
        .set(auth(secretary))
        .send({
          subject: subjectText,
          decisionMaker: 'Police and Crime Commissioner',
          expectedOn,
          keyDecision: true,
          significantPublicInterest: true,
        })
        .expect(201);
      await api
        .http()
        .post(`/api/decisions/${body.id}/notice`)
        .set(auth(secretary))
        .send({ expectedVersion: 1 })
        .expect(200);
      return body.id;
    };

    beforeAll(() => announce(subject, '2030-03-01'));

    it('never publishes what is exempt now, even asked for a time before it was marked exempt', async () => {
      const secret = 'Sale-of-site-XYZ';
      const proposed = await announce(secret, '2030-04-01');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await api
        .http()
        .post(`/api/decisions/${proposed}/exemption`)
        .set(auth(secretary))
        .send({
          expectedVersion: 2,
          exemption: { category: 3, reason: 'Commercial sensitivity.', parts: ['subject'] },
        })
        .expect(200);
      const query = `from=2030-01-01&to=2030-12-31&asOf=${encodeURIComponent(before)}`;
      for (const format of ['forward-plan', 'forward-plan.csv', 'forward-plan.html', 'forward-plan.ics']) {
        const response = await api.http().get(`${base}/${format}?${query}`).expect(200);
        expect({ format, leaked: response.text.includes(secret) }).toEqual({ format, leaked: false });
        expect(response.text).toMatch(/paragraph 3|exempt|Exempt|[0-9a-f-]{36}/);
      }
    });

    it('neutralises a formula in a published CSV cell', async () => {
      const csv = await api.http().get(`${base}/forward-plan.csv?from=2030-01-01&to=2030-12-31`).expect(200);
      const rows = parse(csv.text, { columns: true }) as { subject: string }[];
      expect(rows.map((row) => row.subject)).toContain(`'${subject}`);
    });

    it.each(['feed.atom', 'feed.rss'])('sends markup in a %s title as escaped text', async (feed) => {
      const response = await api.http().get(`${base}/${feed}`).expect(200);
      expect(response.text).not.toContain('<b>Click</b>');
      expect(response.text).toContain('&#60;b&#62;Click&#60;/b&#62;');
    });

    it('builds links from the configured public address, whatever Host the request names', async () => {
      const page = await api.http().get(`${base}/forward-plan.html`).set('Host', 'evil.example').expect(200);
      expect(page.text).not.toContain('evil.example/api');
      expect(page.text).toContain('http://engine.test/api/public/bodies/default/feed.atom');
      const atom = await api.http().get(`${base}/feed.atom`).set('Host', 'evil.example').expect(200);
      expect(atom.text).not.toMatch(/href="https?:\/\/evil\.example/);
    });

    it('gives every page one h1 inside <main id="main-content">, where the skip link goes', async () => {
      for (const path of [`${base}/forward-plan.html`, `${base}/decision-register.html`]) {
        const page = await api.http().get(path).expect(200);
        expect(page.text).toContain('href="#main-content"');
        const main = /<main[^>]*id="main-content"[^>]*>([\s\S]*)<\/main>/.exec(page.text);
        expect(main).not.toBeNull();
        expect(main![1].match(/<h1[\s>]/g)).toHaveLength(1);
      }
    });
  });

  describe('headers', () => {
    it('sends security headers and no X-Powered-By on every answer', async () => {
      for (const path of ['/api/health', '/api/public/bodies/default/forward-plan.html', '/api/actions']) {
        const response = await api.http().get(path);
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(response.headers['referrer-policy']).toBe('same-origin');
      }
    });

    it('allows no cross-origin caller unless configured', async () => {
      const response = await api.http().get('/api/health').set('Origin', 'https://elsewhere.example');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
