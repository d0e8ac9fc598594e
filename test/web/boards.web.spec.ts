import { panelApiOf, seedPanelMeetings } from '../support/panel-meetings';
import { addPerson, signedInAgent } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

/** The text of a page's table rows, a row a line, cells joined by |. */
const rows = (html: string, marker: string) =>
  [...html.matchAll(new RegExp(`<tr class="govuk-table__row" ${marker}="[^"]*">([\\s\\S]*?)</tr>`, 'g'))].map(
    (row) =>
      [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
        .map((cell) =>
          cell[1]
            .replace(/<[^>]+>/g, '')
            .replace(/\s+/g, ' ')
            .trim(),
        )
        .join('|'),
  );

describe.each(WEB_DATABASES)('the board and register of interests pages (%s)', (kind) => {
  let api: TestApi;
  let boardId: string;
  let begy: string;
  const auditor = () => signedInAgent(api.app, 'ada@audit.example', password);

  beforeAll(async () => {
    api = await startTestApi(kind);
    ({ boardId, begy } = await seedPanelMeetings(await panelApiOf(api)));
    await addPerson(api, { name: 'Ada Auditor', email: 'ada@audit.example', roles: ['auditor'] }, password);
    const root = { Authorization: `Bearer ${api.token('root', 'admin', 'all')}` };
    await api.http().post('/api/bodies').set(root).send({ id: 'other-pcc', name: 'Another PCC' }).expect(201);
    await addPerson(
      api,
      { bodyId: 'other-pcc', name: 'Otto Outsider', email: 'otto@other.test', roles: ['auditor'] },
      password,
    );
  });
  afterAll(() => api?.close());

  it('lists the boards and shows each member’s attendance, for any period', async () => {
    const agent = await auditor();
    const list = await agent.get('/boards').expect(200);
    expect(list.text).toContain(`href="/boards/${boardId}">Police and Crime Panel</a>`);
    const board = await agent.get(`/boards/${boardId}`).expect(200);
    expect(board.text).toContain('2 held meetings with attendance recorded');
    expect(rows(board.text, 'data-attendance')).toEqual([
      'Mr. J. T. Orson JP CC|Chairman|2|2|0|0|100%',
      'Cllr. Roger Begy, OBE|Member|2|1|0|1|50%',
      'Mrs. Helen Carter|Independent member|2|1|1|0|50%',
      'Cllr. Kirk Master|Not a member now|1|1|0|0|100%',
    ]);
    const july = await agent.get(`/boards/${boardId}?from=1/7/2015&to=31/7/2015`).expect(200);
    expect(july.text).toContain('1 held meeting with attendance recorded in this period');
    expect(rows(july.text, 'data-attendance')[1]).toBe('Cllr. Roger Begy, OBE|Member|1|0|0|1|0%');
  });

  it('says which date it cannot read, and counts nothing', async () => {
    const page = await (await auditor()).get(`/boards/${boardId}?from=31/13/2015`).expect(400);
    expect(page.text).toContain('Write the first day like 1/4/2015');
    expect(page.text).not.toContain('data-attendance=');
  });

  it('lists declarations latest first, by person, and as CSV', async () => {
    const agent = await auditor();
    const all = await agent.get('/interests').expect(200);
    expect(all.text).toMatch(/data-declarations-total>2</);
    expect(all.text.indexOf('a personal interest as a magistrate')).toBeLessThan(
      all.text.indexOf('a personal interest as a member of the Independent Advisory Panel'),
    );
    expect(all.text).toContain('141. Budget.');
    const begys = await agent.get(`/interests?person=${begy}`).expect(200);
    expect(begys.text).toMatch(/data-declarations-total>1</);
    expect(begys.text).not.toContain('magistrate');
    const csv = await agent.get(`/interests/register.csv?board=${boardId}&from=1/7/2015`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.trim().split('\n')).toEqual([
      'date,board,member,minute,item,interest',
      '2015-07-17,Police and Crime Panel,Mrs. Helen Carter,,,a personal interest as a magistrate',
    ]);
  });

  it('shows another body’s people neither the board nor its declarations', async () => {
    const outsider = await signedInAgent(api.app, 'otto@other.test', password);
    await outsider.get(`/boards/${boardId}`).expect(404);
    const interests = await outsider.get('/interests').expect(200);
    expect(interests.text).toContain('No declarations match.');
  });
});
