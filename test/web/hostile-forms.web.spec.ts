import { seedAction } from '../support/action-api';
import { seedPublishedRecord } from '../support/published-record';
import { eventCountOf, WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, textOf, versionOf } from '../support/web-session';

const password = 'correct horse battery staple';

/** Pages reached from the home page, at most: enough for every kind of page, not every record. */
const MOST_PAGES = 120;

/** What an attacker or a slip of the keyboard posts into every field of a form. */
const HOSTILE: Record<string, (field: string) => string | string[]> = {
  empty: () => '',
  long: () => 'x'.repeat(5_000),
  markup: () => `<script>alert(1)</script>'"; DROP TABLE events; --\uffff💥`,
  nul: () => 'a\u0000b',
  numbers: () => '99999999999999999999',
  dates: () => '31/2/2015',
  repeated: (field) => [field, field],
};

interface Form {
  readonly page: string;
  /** A GET form (filters, search, a date to read as at) or a POST one (a change). */
  readonly method: 'get' | 'post';
  readonly action: string;
  readonly fields: readonly string[];
  /** The record's version as the page set it in the form, if it has one. */
  readonly version: string;
}

const unescaped = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The page's links on this site (downloads and signing out left out), without their queries. */
const linksOf = (html: string) =>
  [...html.matchAll(/href="(\/[^"#?]*)/g)]
    .map((match) => unescaped(match[1]))
    .filter((path) => !/\.(csv|xlsx|pdf|zip|json|css|js|png|svg|ico)$|^\/(assets|api|sign-out)/.test(path));

/** The page's downloads (CSV, Excel, PDF, calendars), with the filters their links carry. */
const downloadsOf = (html: string) =>
  [...html.matchAll(/href="(\/[^"#]*\.(?:csv|xlsx|pdf|zip|ics)(?:\?[^"#]*)?)"/g)].map((match) =>
    unescaped(match[1]),
  );

/** The page's forms, with the names of their fields. */
function formsOf(page: string, html: string): Form[] {
  return [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)].map(([, attributes, body]) => {
    // Where the browser would send it: relative to the page, without a fragment (`#attendance`).
    const written = new URL(unescaped(/action="([^"]*)"/.exec(attributes)?.[1] ?? ''), `http://site${page}`);
    const action = `${written.pathname}${written.search}`;
    const fields = [...body.matchAll(/<(?:input|select|textarea)[^>]*\bname="([^"]+)"/g)].map((m) => m[1]);
    const method = /method="post"/i.test(attributes) ? 'post' : 'get';
    return {
      page,
      method,
      action,
      fields: [...new Set(fields)].filter((field) => field !== '_csrf'),
      version: versionOf(body),
    };
  });
}

/** A form's body as a browser would post it, with a field named twice where its value is a list. */
function encoded(values: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    for (const each of Array.isArray(value) ? value : [value]) body.append(name, each);
  return body.toString();
}

/**
 * Every form the web application shows an admin, found by following its links, posted with hostile
 * values in every field: each answer is a page that says what is wrong (4xx) or a change made
 * (2xx/3xx), never a server error, and the engine answers afterwards as before.
 */
describe.each(WEB_DATABASES)('hostile input in every web form (%s)', (kind) => {
  let api: TestApi;
  let adaId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    adaId = await addPerson(
      api,
      { name: 'Ada Admin', email: 'ada@opcc.example', roles: ['admin'] },
      password,
    );
    await seedPublishedRecord(api);
    const auth = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    await api.http().post('/api/actions').set(auth).send(seedAction('R01')).expect(201);
    // A board that plans its year, and a meeting still to come with an agenda: their forms too.
    const post = async (path: string, body: object) => {
      const response = await api.http().post(`/api${path}`).set(auth).send(body);
      if (response.status >= 300)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string };
    };
    const board = await post('/boards', {
      name: 'Strategic Assurance Board',
      code: 'SAB',
      members: [{ name: 'Jo Bloggs', role: 'Chair' }],
      cadence: { every: 6, unit: 'weeks' },
    });
    const meeting = await post(`/boards/${board.id}/meetings`, {
      date: '2031-01-15',
      time: '10:00',
      place: 'County Hall',
    });
    await post(`/boards/${board.id}/meetings/${meeting.id}/agenda-items`, {
      title: 'Estates strategy',
      expectedVersion: 1,
    });
    // And one held, its item still without an outcome: the minute-taker's forms.
    const held = `/boards/${board.id}/meetings/${(await post(`/boards/${board.id}/meetings`, { date: '2016-01-15', time: '10:00', place: 'County Hall' })).id}`;
    await post(`${held}/agenda-items`, { title: 'Fleet replacement', expectedVersion: 1 });
    await post(`${held}/agenda-issue`, { on: '2016-01-05', expectedVersion: 2 });
    await post(`${held}/holding`, { on: '2016-01-15', expectedVersion: 3 });
  });
  afterAll(() => api?.close());

  it('refuses a form too large or of too many fields with 413, saying what to do, and writes nothing', async () => {
    const agent = await signedInAgent(api.app, 'ada@opcc.example', password);
    const _csrf = csrfOf((await agent.get('/decisions/new').expect(200)).text);
    const before = await eventCountOf(api);
    const large = await agent
      .post('/decisions/new')
      .type('form')
      .send(encoded({ _csrf, subject: 'x'.repeat(150 * 1024) }))
      .expect(413);
    expect(textOf(large.text)).toContain(
      'Nothing was saved: the form holds more than 100 KB of text; shorten its longest answers and send it again.',
    );
    const fields = Object.fromEntries(Array.from({ length: 300 }, (_, n) => [`field${n}`, 'x']));
    const many = await agent
      .post('/decisions/new')
      .type('form')
      .send(encoded({ _csrf, ...fields }))
      .expect(413);
    expect(textOf(many.text)).toContain('Nothing was saved: the form sends more than 200 fields.');
    expect(await eventCountOf(api)).toBe(before);
  });

  it('answers every form posted with hostile values without a server error', async () => {
    const agent = await signedInAgent(api.app, 'ada@opcc.example', password);
    const seen = new Set<string>();
    const queue = ['/', '/public/default'];
    const forms: Form[] = [];
    const downloads = new Set<string>();
    const failures: string[] = [];
    while (queue.length > 0 && seen.size < MOST_PAGES) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const page = await agent.get(path);
      if (page.status >= 500) failures.push(`${page.status} GET ${path}`);
      if (page.status !== 200 || !page.type.includes('html')) continue;
      queue.push(...linksOf(page.text).filter((link) => !seen.has(link)));
      forms.push(...formsOf(path, page.text));
      for (const link of downloadsOf(page.text)) downloads.add(link);
    }
    // Every download, as linked and with its filters hostile.
    const filters = Object.fromEntries(
      ['plan', 'theme', 'status', 'lead', 'q', 'asAt', 'knownAt', 'from', 'to', 'board', 'person'].map(
        (name) => [name, '31/2/2015'],
      ),
    );
    for (const link of downloads)
      for (const query of [
        '',
        encoded(filters),
        encoded({ ...filters, asAt: 'x'.repeat(5_000) }),
        'knownAt=1e400&asAt=-1',
      ])
        if ((await agent.get(`${link}${link.includes('?') ? '&' : '?'}${query}`)).status >= 500)
          failures.push(`GET ${link} ${query.slice(0, 80)}`);
    // The paging and sorting a page's links carry, hostile, on every page reached.
    for (const path of seen)
      for (const query of [
        'page=-1',
        'page=1e400',
        'page=99999999',
        'page=99999999999999999999',
        'cursor=not-a-cursor',
        'cursor=W10',
        'sort=__proto__',
        'show=all&page=abc',
      ])
        if ((await agent.get(`${path}?${query}`)).status >= 500) failures.push(`GET ${path}?${query}`);
    const actions = new Set(forms.map((form) => form.action.replace(/[0-9a-f-]{36}/g, ':id')));
    // The admin's pages hold the forms of boards, meetings, minutes, decisions, actions and people.
    expect(actions.size).toBeGreaterThan(25);

    // Not her own sign-out or access: the rest of the run is hers.
    const fuzzed = forms.filter((form) => !/sign-out/.test(form.action) && !form.action.includes(adaId));
    const csrf = csrfOf((await agent.get('/account').expect(200)).text);
    for (const form of fuzzed)
      for (const [name, hostile] of Object.entries(HOSTILE)) {
        const values = Object.fromEntries(form.fields.map((field) => [field, hostile(field)]));
        // The version as the page set it, so the hostile values reach the rules, not the stale check.
        const body = {
          ...values,
          ...(name === 'empty' || !form.version ? {} : { version: form.version }),
          _csrf: csrf,
        };
        const answer =
          form.method === 'post'
            ? await agent.post(form.action).type('form').send(encoded(body))
            : await agent.get(`${form.action}${form.action.includes('?') ? '&' : '?'}${encoded(values)}`);
        const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(answer.text)?.[1] ?? '';
        // The field shows back what was typed; the summary says what is wrong in a line, not a page.
        if (summary.includes('x'.repeat(100)))
          failures.push(`${name} ${form.action}: its error repeats the value`);
        if (answer.status >= 500)
          failures.push(`${answer.status} ${name} ${form.method} ${form.action} (from ${form.page})`);
      }
    expect(failures).toEqual([]);
    // Still signed in: no form ended the session, so every post reached its route.
    await agent.get('/account').expect(200);
    await api.http().get('/api/health').expect(200);
  });
});
