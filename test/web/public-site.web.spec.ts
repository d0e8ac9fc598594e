import { SECRET, seedPublishedRecord } from '../support/published-record';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, textOf, versionOf } from '../support/web-session';

describe.each(WEB_DATABASES)('the public site: what a body publishes, without signing in (%s)', (kind) => {
  let api: TestApi;
  let seeded: Awaited<ReturnType<typeof seedPublishedRecord>>;
  const page = async (path: string, status = 200) => {
    const response = await api.http().get(path).expect(status);
    // Exempt information never reaches a public page, whatever the page.
    expect(response.text).not.toContain(SECRET);
    return textOf(response.text);
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    seeded = await seedPublishedRecord(api);
  });
  afterAll(() => api?.close());

  it('lists the bodies, and a body’s home shows its boards and the decisions it has published', async () => {
    expect(await page('/public')).toContain('Public bodies');
    const home = await page('/public/default');
    expect(home).toContain('Police and Crime Panel');
    expect(home).toContain('Award of the custody healthcare contract');
    expect(home).toContain('Estates strategy for the police stations');
    expect(home).not.toContain('Unannounced fleet replacement');
    for (const path of [
      '',
      '/meetings',
      '/forward-plan',
      '/decisions',
      `/decisions/${seeded.unpublishedId}`,
      '/subscribe',
    ])
      await page(`/public/nobody${path}`, 404);
  });

  it('shows a month’s meetings and each meeting’s agenda, an exempt item by its paragraph only', async () => {
    const june = await page('/public/default/meetings?month=2015-06');
    expect(june).toContain('Meetings in June 2015');
    expect(june).toMatch(/19 June 2015, 10:00 Police and Crime Panel County Hall Agenda Minutes/);
    const refused = await api.http().get('/public/default/meetings?month=June').expect(400);
    expect(textOf(refused.text)).toContain('Write the month like 2015-07');
    const agenda = await page(`/public/default/meetings/${seeded.june}`);
    expect(agenda).toContain('1. Custody healthcare strategy Chief Finance Officer');
    expect(agenda).toContain('2. Exempt item (Local Government Act 1972, Schedule 12A, paragraph 3)');
    const board = await page(`/public/default/boards/${seeded.boardId}`);
    expect(board).toContain('Past meetings, newest first');
  });

  it('publishes minutes once approved and published, never before', async () => {
    const minutes = await page(`/public/default/meetings/${seeded.june}/minutes`);
    expect(minutes).toContain('The Panel endorsed awarding the healthcare contracts.');
    expect(minutes).toContain('The public were excluded for this item.');
    await page(`/public/default/meetings/${seeded.july}/minutes`, 404);
    const pdf = await api
      .http()
      .get(`/public/default/meetings/${seeded.june}/minutes.pdf`)
      .buffer(true)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Tagged, in English, titled: a screen reader reads its headings, paragraphs and lists in order.
    const written = (pdf.body as Buffer).toString('latin1');
    const tags = (type: string) => written.split(`/S /${type}\n`).length - 1;
    expect(written).toContain('/Marked true');
    expect(written).toContain('/Lang (en-GB)');
    expect(written).toContain('/DisplayDocTitle true');
    expect({ document: tags('Document'), h1: tags('H1') }).toEqual({ document: 1, h1: 1 });
    // Present, then each of June's two items under its minute number.
    expect(tags('H2')).toBe(3);
    expect(tags('P')).toBeGreaterThanOrEqual(3);
    await api.http().get(`/public/default/meetings/${seeded.july}/minutes.pdf`).expect(404);
    expect(await page(`/public/default/meetings/${seeded.july}`)).not.toContain('Minutes of a meeting');
  });

  it('prints a correction of approved minutes with them, linked to the later minute that resolved it', async () => {
    const password = 'correct horse battery staple';
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const workspace = `/boards/${seeded.boardId}/meetings/${seeded.june}`;
    const shown = await secretary.get(workspace).expect(200);
    const minute = new RegExp(`value="(${seeded.july}:\\d+)"`).exec(shown.text)?.[1] as string;
    const form = { _csrf: csrfOf(shown.text), version: versionOf(shown.text), correctedAt: minute };
    const refused = await secretary
      .post(`${workspace}/minutes-correction`)
      .type('form')
      .send(form)
      .expect(400);
    expect(textOf(refused.text)).toContain('Enter the correction as it was resolved');
    await secretary
      .post(`${workspace}/minutes-correction`)
      .type('form')
      .send({ ...form, correction: 'For endorsed read noted.' })
      .expect(303);
    const minutes = await page(`/public/default/meetings/${seeded.june}/minutes`);
    expect(minutes).toMatch(
      /Corrected by minute \d+ of the meeting of 17 July 2015: For endorsed read noted\./,
    );
    // The minutes themselves stand as approved.
    expect(minutes).toContain('The Panel endorsed awarding the healthcare contracts.');
  });

  it('shows the register, the forward plan and a decision’s record without its exempt parts', async () => {
    const register = await page('/public/default/decisions');
    expect(register).toContain('Award of the custody healthcare contract');
    const record = await page(`/public/default/decisions/${seeded.decisionId}`);
    expect(record).toContain('To award the custody healthcare contract to Healthcare Ltd.');
    expect(record).toContain('exempt information under paragraph 3');
    const plan = await page('/public/default/forward-plan');
    expect(plan).toContain('Estates strategy for the police stations');
    expect(plan).not.toContain('Unannounced fleet replacement');
    await page(`/public/default/decisions/${seeded.unpublishedId}`, 404);
  });

  it('finds decisions, agendas and minutes by any form of their words, and never by an exempt word', async () => {
    const found = await page('/public/search?q=contracts+awarded');
    expect(found).toContain('2 results');
    expect(found).toContain('Award of the custody healthcare contract');
    expect(found).toContain('Police and Crime Panel, 19 June 2015');
    const html = (await api.http().get('/public/search?q=contracts+awarded').expect(200)).text;
    expect(html).toContain('<mark>contracts</mark>');
    // (The words searched for are in the form as typed: only the results must be without them.)
    const exempt = (await api.http().get(`/public/search?q=${SECRET}`).expect(200)).text;
    expect(textOf(exempt)).toContain('0 results');
    const meetingsOnly = await page(`/public/search?q=healthcare&body=default&board=${seeded.boardId}`);
    expect(meetingsOnly).toContain('1 result ');
    const july = await page('/public/search?q=minutes&from=1/7/2015&to=31/7/2015');
    expect(july).toContain('Police and Crime Panel, 17 July 2015');
    expect(july).not.toContain('19 June 2015');
    const refused = await api.http().get('/public/search?q=x&from=yesterday').expect(400);
    expect(textOf(refused.text)).toContain('Write the first day like 1/4/2015');
  });
});
