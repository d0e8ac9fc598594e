import { asBytes } from '../support/web-session';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

const SECRET = 'SECRET-7f3a';

const proposal = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Custody healthcare contract',
  decisionMaker: 'Police and Crime Commissioner',
  expectedOn: '2027-02-10',
  keyDecision: true,
  significantPublicInterest: true,
  documents: ['Report to the Commissioner'],
  ...overrides,
});

describe.each(DATABASES)('the forward plan and published outputs (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let auditor: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const propose = async (body: object) =>
    (await api.http().post('/api/decisions').set(auth(secretary)).send(body).expect(201)).body as {
      id: string;
      version: number;
    };
  const act = async (id: string, step: string, body: object) =>
    (await api.http().post(`/api/decisions/${id}/${step}`).set(auth(secretary)).send(body).expect(200))
      .body as {
      version: number;
      number: number;
    };
  const plan = async (query: Record<string, string>) =>
    (await api.http().get('/api/forward-plan').query(query).set(auth(auditor)).expect(200)).body;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  beforeAll(async () => {
    api = await startTestApi(kind);
    secretary = api.token('sam.secretary', 'secretary');
    auditor = api.token('ada.auditor', 'auditor');
  });
  afterAll(() => api?.close());

  describe('as it stood on a past instant', () => {
    it('is reproduced exactly after later deferrals, withdrawals and decisions', async () => {
      const window = { from: '2027-01-01', to: '2027-06-30' };
      const a = await propose(proposal({ subject: 'Estates strategy', expectedOn: '2027-02-10' }));
      await act(a.id, 'notice', { expectedVersion: 1, on: '2026-11-01' });
      const b = await propose(proposal({ subject: 'Fleet replacement', expectedOn: '2027-03-01' }));
      await act(b.id, 'notice', { expectedVersion: 1, on: '2026-11-02' });
      const c = await propose(
        proposal({ subject: 'Not yet announced', expectedOn: '2027-01-20', keyDecision: false }),
      );

      const then = await plan(window);
      await pause();
      const asOf = new Date().toISOString();
      await pause();

      await act(a.id, 'deferral', {
        expectedVersion: 2,
        expectedOn: '2027-09-01',
        reason: 'Awaiting the estates review.',
      });
      await act(b.id, 'withdrawal', { expectedVersion: 2, reason: 'Funding withdrawn.' });
      await act(c.id, 'taking', {
        expectedVersion: 1,
        on: '2027-01-20',
        decisionText: 'Agreed.',
        reasons: 'Needed.',
        decidedBy: 'PCC',
      });

      const now = (await plan(window)).items.map((d: { id: string }) => d.id);
      for (const gone of [a.id, b.id, c.id]) expect(now).not.toContain(gone);
      const past = await plan({ ...window, asOf });
      expect(past.items.map((d: { subject: string }) => d.subject)).toEqual(
        expect.arrayContaining(['Estates strategy', 'Fleet replacement', 'Not yet announced']),
      );
      expect(past.items).toEqual(then.items);
      // Moved back into the window now; the past plan still shows it as it was then.
      await act(a.id, 'deferral', {
        expectedVersion: 3,
        expectedOn: '2027-04-01',
        reason: 'Review done early.',
      });
      expect((await plan(window)).items.map((d: { id: string }) => d.id)).toContain(a.id);
      expect((await plan({ ...window, asOf })).items).toEqual(then.items);
    });

    it('pages with a cursor and no hidden cap', async () => {
      for (let i = 0; i < 5; i++) {
        await propose(proposal({ subject: `Paged ${i}`, expectedOn: `2028-01-0${i + 1}` }));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await plan({
          from: '2028-01-01',
          to: '2028-01-31',
          limit: '2',
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((d: { subject: string }) => d.subject));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    });

    it('refuses a window that ends before it starts, and an asOf that is not a time', async () => {
      const reversed = await api
        .http()
        .get('/api/forward-plan?from=2027-02-01&to=2027-01-01')
        .set(auth(auditor))
        .expect(400);
      expect(reversed.body.field).toBe('to');
      const badAsOf = await api.http().get('/api/forward-plan?asOf=yesterday').set(auth(auditor)).expect(400);
      expect(badAsOf.body).toMatchObject({ field: 'asOf', message: expect.stringMatching(/YYYY-MM-DD/) });
    });

    it('shows open actions falling due in the window when asked', async () => {
      await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .send({
          ref: 'FP1',
          plan: 'Plan',
          title: 'Due in window',
          leadOfficers: ['CR'],
          dueDate: '2029-02-15',
        })
        .expect(201);
      const withActions = await plan({ from: '2029-02-01', to: '2029-02-28', includeActions: 'true' });
      expect(withActions.actions.map((a: { ref: string }) => a.ref)).toEqual(['FP1']);
      expect((await plan({ from: '2029-02-01', to: '2029-02-28' })).actions).toBeUndefined();
    });
  });

  describe('published outputs', () => {
    let exemptWhole: string;
    let exemptReasons: string;
    let open: string;
    let unpublished: string;
    const base = '/api/public/bodies/default';

    beforeAll(async () => {
      open = (
        await propose(proposal({ subject: 'Victims services commissioning', expectedOn: '2030-03-10' }))
      ).id;
      await act(open, 'notice', { expectedVersion: 1, on: '2030-01-05' });

      exemptWhole = (
        await propose(
          proposal({
            subject: `${SECRET} subject`,
            documents: [`${SECRET} pricing schedule`],
            expectedOn: '2030-03-20',
            exemption: { category: 3, reason: `${SECRET} exemption reason`, parts: ['subject'] },
          }),
        )
      ).id;
      await act(exemptWhole, 'notice', { expectedVersion: 2, on: '2030-01-06' });
      await act(exemptWhole, 'deferral', {
        expectedVersion: 3,
        expectedOn: '2030-03-25',
        reason: `${SECRET} deferral`,
      });

      exemptReasons = (
        await propose(
          proposal({
            subject: 'Sale of the Hinckley station site',
            keyDecision: false,
            expectedOn: '2030-02-01',
            exemption: {
              category: 3,
              reason: `${SECRET} reason`,
              parts: ['reasons', 'alternativesRejected'],
            },
          }),
        )
      ).id;
      await act(exemptReasons, 'taking', {
        expectedVersion: 2,
        on: '2030-02-01',
        decisionText: 'To sell the site to the highest bidder.',
        reasons: `${SECRET} bids received`,
        alternativesRejected: [`${SECRET} alternative`],
        decidedBy: 'PCC',
      });
      await act(exemptReasons, 'record-publication', { expectedVersion: 4, on: '2030-02-02' });

      unpublished = (await propose(proposal({ subject: 'Draft, no notice yet', expectedOn: '2030-03-01' })))
        .id;
    });

    const publicRoutes = () => [
      `${base}/forward-plan?from=2030-01-01&to=2030-12-31`,
      `${base}/forward-plan.csv?from=2030-01-01&to=2030-12-31`,
      `${base}/forward-plan.html?from=2030-01-01&to=2030-12-31`,
      `${base}/forward-plan.ics?from=2030-01-01&to=2030-12-31`,
      `${base}/feed.atom`,
      `${base}/feed.rss`,
      `${base}/decision-register`,
      `${base}/decision-register.csv`,
      `${base}/decision-register.html`,
      `${base}/decision-register?q=${SECRET}`,
      `${base}/decisions/${exemptWhole}`,
      `${base}/decisions/${exemptReasons}`,
    ];

    it('never let exempt text out on any public route, in any format', async () => {
      for (const route of publicRoutes()) {
        for (const accept of ['application/json', 'text/html']) {
          const response = await api.http().get(route).set('Accept', accept);
          expect({ route, status: response.status }).toEqual({ route, status: 200 });
          expect({ route, leaked: response.text.includes(SECRET) }).toEqual({ route, leaked: false });
        }
      }
    });

    it('say that exempt information exists and under which paragraph', async () => {
      const { body: whole } = await api.http().get(`${base}/decisions/${exemptWhole}`).expect(200);
      expect(whole).toMatchObject({
        subject: 'Exempt information (Local Government Act 1972, Schedule 12A, paragraph 3)',
        exemption: { category: 3, parts: ['subject'] },
        exemptInformationHidden: true,
      });
      const { body: reasons } = await api.http().get(`${base}/decisions/${exemptReasons}`).expect(200);
      expect(reasons).toMatchObject({
        subject: 'Sale of the Hinckley station site',
        taken: {
          decisionText: 'To sell the site to the highest bidder.',
          reasons: expect.stringMatching(/^Exempt information/),
        },
      });
      const html = await api
        .http()
        .get(`${base}/decisions/${exemptReasons}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(html.text).toContain('exempt information under paragraph 3 of Schedule 12A');
    });

    it('show members all of it, and find it by its exempt words', async () => {
      const member = await api.http().get(`/api/decisions/${exemptWhole}`).set(auth(auditor)).expect(200);
      expect(member.body.subject).toBe(`${SECRET} subject`);
      expect(member.body.exemption.reason).toBe(`${SECRET} exemption reason`);
      const found = await api.http().get(`/api/decisions?q=${SECRET}`).set(auth(auditor)).expect(200);
      expect(found.body.items.map((d: { id: string }) => d.id)).toContain(exemptWhole);
      const publicSearch = await api.http().get(`${base}/decision-register?q=${SECRET}`).expect(200);
      expect(publicSearch.body.items).toEqual([]);
    });

    it('give members the window as an Excel workbook with the CSV’s columns, exempt subjects included', async () => {
      const answer = await api
        .http()
        .get('/api/forward-plan.xlsx?from=2030-01-01&to=2030-12-31')
        .set(auth(auditor))
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(answer.body);
      const sheet = book.getWorksheet('Forward plan')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['id', 'expected_on', 'subject']);
      const subjects = Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
        String(sheet.getRow(i + 2).getCell(3).value),
      );
      expect(subjects).toContain(`${SECRET} subject`);
      expect(subjects).toContain('Victims services commissioning');
    });

    it('publish only what has been published: no notice, no public page', async () => {
      await api.http().get(`${base}/decisions/${unpublished}`).expect(404);
      const { body } = await api.http().get(`${base}/forward-plan?from=2030-01-01&to=2030-12-31`).expect(200);
      const ids = body.items.map((d: { id: string }) => d.id);
      expect(ids).toEqual([open, exemptWhole]);
      const members = await plan({ from: '2030-01-01', to: '2030-12-31' });
      expect(members.items.map((d: { id: string }) => d.id)).toContain(unpublished);
      await api.http().get('/api/public/bodies/no-such-body/forward-plan').expect(404);
    });

    it('serve CSV with a header row, one row per decision', async () => {
      const response = await api
        .http()
        .get(`${base}/forward-plan.csv?from=2030-01-01&to=2030-12-31`)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parse(response.text, { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.id)).toEqual([open, exemptWhole]);
      expect(rows[0]).toMatchObject({
        expected_on: '2030-03-10',
        subject: 'Victims services commissioning',
        key_decision: 'yes',
        notice_published_on: '2030-01-05',
      });
      const register = parse((await api.http().get(`${base}/decision-register.csv`).expect(200)).text, {
        columns: true,
      }) as Record<string, string>[];
      expect(register.find((r) => r.subject === 'Sale of the Hinckley station site')).toMatchObject({
        decision: 'To sell the site to the highest bidder.',
        exempt_paragraph: '3',
      });
    });

    it('serve a printable GOV.UK page that needs no JavaScript, with its stylesheet', async () => {
      const page = await api
        .http()
        .get(`${base}/forward-plan.html?from=2030-01-01&to=2030-12-31`)
        .expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<table class="govuk-table">');
      expect(page.text).toContain('Victims services commissioning');
      expect(page.text).toContain('@media print');
      expect(page.text).toMatch(
        /href="http:\/\/engine\.test\/api\/public\/bodies\/default\/decisions\/[0-9a-f-]{36}"/,
      );
      expect(page.text).not.toMatch(/<script[^>]*src=/);
      const css = await api.http().get('/govuk/govuk-frontend.min.css').expect(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
    });

    it('serve an iCalendar feed whose entries link back to their decisions', async () => {
      const response = await api
        .http()
        .get(`${base}/forward-plan.ics?from=2030-01-01&to=2030-12-31`)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const events = response.text.split('BEGIN:VEVENT').slice(1);
      expect(events).toHaveLength(2);
      expect(events[0]).toContain('DTSTART;VALUE=DATE:20300310');
      expect(events[0].replace(/\r\n /g, '')).toContain(`/api/public/bodies/default/decisions/${open}`);
    });

    it('serve Atom and RSS feeds of new notices and published decisions', async () => {
      const atom = await api.http().get(`${base}/feed.atom`).expect(200);
      expect(atom.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(atom.text).toContain('Notice: Victims services commissioning');
      expect(atom.text).toMatch(/Executive Decision \d+: Sale of the Hinckley station site/);
      const rss = await api.http().get(`${base}/feed.rss`).expect(200);
      expect(rss.text).toContain('<rss version="2.0"');
      expect(rss.text).toContain('Notice: Victims services commissioning');
    });
  });
});
