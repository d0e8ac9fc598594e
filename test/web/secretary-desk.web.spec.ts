import { addPerson, signedInAgent } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

/** The texts of a section's list items or table rows, tags and spacing flattened. */
const section = (html: string, name: string) => {
  const start = html.indexOf(`data-section="${name}"`);
  if (start < 0) return [];
  const table = html.startsWith('<table', html.lastIndexOf('<', start));
  const from = table ? html.indexOf('<tbody', start) : start;
  const end = html.indexOf(table ? '</table>' : '</ul>', start);
  return [...html.slice(from, end).matchAll(/<(li|tr)[^>]*>([\s\S]*?)<\/(li|tr)>/g)].map((m) =>
    m[2]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
};

describe.each(WEB_DATABASES)("the secretary's desk (%s)", (kind) => {
  let api: TestApi;
  const now = new Date('2026-06-01T09:00:00Z');

  beforeAll(async () => {
    api = await startTestApi(kind, undefined, undefined, () => now);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    await addPerson(api, { name: 'Carol Reid', email: 'carol@opcc.example', roles: ['officer'] }, password);
    const auth = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    const post = async (path: string, body: object) => {
      const response = await api.http().post(`/api${path}`).set(auth).send(body);
      if (response.status >= 300)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    const board = (
      await post('/boards', {
        name: 'Strategic Assurance Board',
        code: 'SAB',
        members: [],
        cadence: { every: 2, unit: 'months' },
      })
    ).id as string;
    await post(`/boards/${board}/assurance-matters`, {
      expectedVersion: 1,
      title: 'Estates strategy',
      owner: 'Director of Estates',
      frequencyMonths: 6,
      firstDueOn: '2026-05-01',
    });
    // 4 June: agenda late (issue by 28 May); 24 June: a draft in time; 10 July: beyond four weeks.
    for (const date of ['2026-06-04', '2026-06-24', '2026-07-10'])
      await post(`/boards/${board}/meetings`, { date, place: 'Force HQ' });
    const april = (await post(`/boards/${board}/meetings`, { date: '2026-04-02', place: 'Force HQ' })).id;
    await post(`/boards/${board}/meetings/${april}/agenda-items`, { expectedVersion: 1, title: 'Minutes.' });
    await post(`/boards/${board}/meetings/${april}/holding`, { expectedVersion: 2, on: '2026-04-02' });
    await post('/decisions', {
      subject: 'Custody healthcare contract',
      decisionMaker: 'Police and Crime Commissioner',
      expectedOn: '2026-07-07',
      keyDecision: true,
      significantPublicInterest: true,
    });
    await post('/actions', {
      ref: 'A1',
      plan: 'Police and Crime Plan',
      title: 'Overdue action',
      leadOfficers: ['carol@opcc.example'],
      dueDate: '2026-05-15',
    });
    await post('/actions', {
      ref: 'A2',
      plan: 'Police and Crime Plan',
      title: 'Due soon',
      leadOfficers: ['carol@opcc.example'],
      dueDate: '2026-06-10',
    });
    await post('/actions', {
      ref: 'A3',
      plan: 'Police and Crime Plan',
      title: 'Due later',
      leadOfficers: ['carol@opcc.example'],
      dueDate: '2026-09-30',
    });
  });
  afterAll(() => api?.close());

  it("shows the week's work, each line a link to where it is done", async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const desk = await secretary.get('/secretary').expect(200);
    expect(section(desk.text, 'meetings')).toEqual([
      expect.stringMatching(
        /^Strategic Assurance Board, 4 June 2026 Late should have been issued by 27 May 2026$/,
      ),
      expect.stringMatching(/^Strategic Assurance Board, 24 June 2026 Draft issue by 16 June 2026$/),
    ]);
    expect(section(desk.text, 'notices')).toEqual([
      'Custody healthcare contract (Police and Crime Commissioner, to be taken on 7 July 2026): publish the notice by 8 June 2026',
    ]);
    expect(desk.text).toMatch(/href="\/decisions\/[0-9a-f-]{36}">Custody healthcare contract<\/a>/);
    expect(section(desk.text, 'actions')).toEqual(['Police and Crime Plan 1 1']);
    expect(section(desk.text, 'minutes')).toEqual([
      'Strategic Assurance Board, 2 April 2026 : waiting for drafting',
    ]);
    expect(section(desk.text, 'assurance')).toEqual([
      'Estates strategy (Strategic Assurance Board): due 1 May 2026, not on the agenda of 4 June 2026',
    ]);
    expect(desk.text).toContain('No reminder has failed.');
  });

  it('is for secretaries and admins', async () => {
    const officer = await signedInAgent(api.app, 'carol@opcc.example', password);
    await officer.get('/secretary').expect(403);
  });
});
