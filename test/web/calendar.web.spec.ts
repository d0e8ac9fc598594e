import { addPerson, csrfOf, signedInAgent, textOf, versionOf } from '../support/web-session';
import { WEB_DATABASES, eventCountOf, startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('a board’s calendar in the web pages (%s)', (kind) => {
  let api: TestApi;
  let boardId: string;
  let plainBoardId: string;
  const auth = () => ({ Authorization: `Bearer ${api.token('sam', 'secretary')}` });
  const meetingsOfBoard = async () => {
    const body = (await api.http().get(`/api/boards/${boardId}/meetings`).set(auth()).expect(200)).body;
    return (body.items ?? body) as {
      id: string;
      date: string;
      stage: string;
      provisional: boolean;
      version: number;
    }[];
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    const establish = async (name: string, code: string, cadence?: object) =>
      (
        await api
          .http()
          .post('/api/boards')
          .set(auth())
          .send({ name, code, members: [], ...(cadence ? { cadence } : {}) })
          .expect(201)
      ).body.id as string;
    boardId = await establish('Police and Crime Panel', 'PCP', { every: 2, unit: 'months' });
    plainBoardId = await establish('Audit Committee', 'AC');
    await api
      .http()
      .post(`/api/boards/${boardId}/meetings`)
      .set(auth())
      .send({ date: '2015-09-18', time: '10:00', place: 'County Hall' })
      .expect(201);
  });
  afterAll(() => api?.close());

  it('plans a year from the cadence, shown before anything is written, skipping days already scheduled', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const board = await secretary.get(`/boards/${boardId}`).expect(200);
    expect(board.text).toContain(`href="/boards/${boardId}/calendar"`);
    const form = await secretary.get(`/boards/${boardId}/calendar`).expect(200);
    expect(form.text).toContain('meets every 2 months');
    const plan = {
      _csrf: csrfOf(form.text),
      date: '17/7/2015',
      time: '12:30',
      place: 'County Hall, Glenfield',
      access: 'public',
    };
    const refused = await secretary
      .post(`/boards/${boardId}/calendar`)
      .type('form')
      .send({ ...plan, date: '', place: '' })
      .expect(400);
    expect(refused.text).toContain('Enter the date of the meeting');
    const before = await eventCountOf(api);
    const check = await secretary.post(`/boards/${boardId}/calendar`).type('form').send(plan).expect(200);
    const rows = [
      ...check.text.matchAll(
        /<tr class="govuk-table__row">\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>/g,
      ),
    ].map((m) => `${m[1]}: ${textOf(m[2])}`);
    expect(rows).toEqual([
      '17 July 2015: Scheduled, provisional',
      '18 September 2015: Already scheduled left as it is',
      '20 November 2015: Scheduled, provisional',
      '15 January 2016: Scheduled, provisional',
      '18 March 2016: Scheduled, provisional',
      '20 May 2016: Scheduled, provisional',
    ]);
    expect(await eventCountOf(api)).toBe(before);

    await secretary
      .post(`/boards/${boardId}/calendar`)
      .type('form')
      .send({ ...plan, step: 'plan' })
      .expect(303);
    const planned = await secretary.get(`/boards/${boardId}`).expect(200);
    expect(planned.text).toContain('5 provisional meetings scheduled; 1 already scheduled');
    expect(planned.text.match(/Provisional/g)).toHaveLength(5);
    const meetings = await meetingsOfBoard();
    expect(meetings.filter((each) => each.provisional).map((each) => each.date)).toEqual([
      '2015-07-17',
      '2015-11-20',
      '2016-01-15',
      '2016-03-18',
      '2016-05-20',
    ]);
    // Planned again: nothing twice.
    await secretary
      .post(`/boards/${boardId}/calendar`)
      .type('form')
      .send({ ...plan, step: 'plan' })
      .expect(303);
    expect((await secretary.get(`/boards/${boardId}`).expect(200)).text).toContain(
      '0 provisional meetings scheduled; 6 already scheduled',
    );
    expect(await meetingsOfBoard()).toHaveLength(6);
  });

  it('confirms a provisional meeting before its agenda is issued, then moves one and cancels another', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const [july, , november, january] = await meetingsOfBoard();
    const path = `/boards/${boardId}/meetings/${july.id}`;
    let page = await secretary.get(path).expect(200);
    expect(page.text).toContain('Provisional: not yet confirmed');
    expect(page.text).not.toContain('Issue the agenda today');
    const refused = await api
      .http()
      .post(`/api${path}/agenda-issue`)
      .set(auth())
      .send({ expectedVersion: july.version })
      .expect(409);
    expect(refused.body.message).toContain('confirm it before issuing its agenda');
    await secretary
      .post(`${path}/confirmation`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text) })
      .expect(303);
    page = await secretary.get(path).expect(200);
    expect(page.text).toContain('Meeting confirmed');
    expect(page.text).toContain('Issue the agenda today');

    const novemberPath = `/boards/${boardId}/meetings/${november.id}`;
    page = await secretary.get(novemberPath).expect(200);
    const move = {
      _csrf: csrfOf(page.text),
      version: versionOf(page.text),
      newDate: '27/11/2015',
      newTime: '12:30',
      newPlace: 'City Hall',
    };
    const noReason = await secretary.post(`${novemberPath}/rescheduling`).type('form').send(move).expect(400);
    expect(noReason.text).toContain('Say why the meeting is moved');
    await secretary
      .post(`${novemberPath}/rescheduling`)
      .type('form')
      .send({ ...move, moveReason: 'The hall is booked.' })
      .expect(303);
    page = await secretary.get(novemberPath).expect(200);
    expect(page.text).toContain('Meeting moved to 2015-11-27');
    expect(textOf(page.text)).toContain('Place City Hall');

    const januaryPath = `/boards/${boardId}/meetings/${january.id}`;
    page = await secretary.get(januaryPath).expect(200);
    const cancel = { _csrf: csrfOf(page.text), version: versionOf(page.text) };
    const why = await secretary.post(`${januaryPath}/cancellation`).type('form').send(cancel).expect(400);
    expect(why.text).toContain('Say why the meeting is cancelled');
    await secretary
      .post(`${januaryPath}/cancellation`)
      .type('form')
      .send({ ...cancel, cancelReason: 'Not quorate.' })
      .expect(303);
    expect((await secretary.get(januaryPath).expect(200)).text).toContain('Cancelled');
  });

  it('offers no plan to a board with no cadence, and says why through the API', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const board = await secretary.get(`/boards/${plainBoardId}`).expect(200);
    expect(board.text).not.toContain('Plan a year of meetings');
    await secretary.get(`/boards/${plainBoardId}/calendar`).expect(404);
    const refused = await api
      .http()
      .post(`/api/boards/${plainBoardId}/calendar`)
      .set(auth())
      .send({ from: '2015-07-17', place: 'County Hall' })
      .expect(409);
    expect(refused.body).toMatchObject({ field: 'cadence' });
    expect(refused.body.message).toContain('has no cadence');
  });
});
