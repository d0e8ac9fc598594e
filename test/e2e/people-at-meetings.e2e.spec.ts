import { panelApiOf, PanelMeetings, seedPanelMeetings } from '../support/panel-meetings';
import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

interface AttendanceLine {
  name: string;
  personId: string | null;
  role: string | null;
  expected: number;
  present: number;
  apologies: number;
  absent: number;
  percentPresent: number | null;
}

/**
 * Board members, attendance, declarations and decision makers name people of the directory:
 * written by email or name, kept as the person's name and id, so attendance and interests can be
 * counted per person, whatever the minutes called them.
 */
describe.each(DATABASES)('people at board meetings (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let auditor: string;
  let panel: PanelMeetings;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = async (path: string, body: object, status = 200) => {
    const response = await api.http().post(`/api${path}`).set(auth(secretary)).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status });
    return response.body;
  };
  const get = async (path: string, token = auditor, status = 200) =>
    (await api.http().get(`/api${path}`).set(auth(token)).expect(status)).body;
  const step = async (meetingId: string, name: string, body: object = {}) =>
    post(`/boards/${panel.boardId}/meetings/${meetingId}/${name}`, {
      expectedVersion: (await get(`/boards/${panel.boardId}/meetings/${meetingId}`)).version,
      ...body,
    });

  beforeAll(async () => {
    api = await startTestApi(kind);
    secretary = api.token('sam.weston', 'secretary', ['default']);
    auditor = api.token('ada.auditor', 'auditor', ['default']);
    panel = await seedPanelMeetings(await panelApiOf(api));
    // Scheduled, not held: nobody is counted absent from it.
    await post(`/boards/${panel.boardId}/meetings`, { date: '2015-09-16', place: 'County Hall' }, 201);
  });
  afterAll(() => api?.close());

  it('keeps members written by email or name as people of the directory, and others as written', async () => {
    const { boardId, orson, begy } = panel;
    const board = await get(`/boards/${boardId}`);
    expect(board.members).toEqual([
      { name: 'Mr. J. T. Orson JP CC', role: 'Chairman', personId: orson },
      { name: 'Cllr. Roger Begy, OBE', role: 'Member', personId: begy },
      { name: 'Mrs. Helen Carter', role: 'Independent member', personId: null },
    ]);
    const refused = await api
      .http()
      .post(`/api/boards/${boardId}/members`)
      .set(auth(secretary))
      .send({
        expectedVersion: board.version,
        members: [
          { name: 'orson@panel.test', role: 'Chairman' },
          { name: 'Mr. J. T. Orson JP CC', role: 'Member' },
        ],
      })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'MEMBER_LISTED_TWICE', field: 'members[1]' });
  });

  it('counts attendance per person and lists declarations in the register of interests', async () => {
    const { boardId, orson, begy, june } = panel;
    const recorded = await get(`/boards/${boardId}/meetings/${june.id}`);
    expect(recorded.attendance).toEqual({
      chair: 'Mr. J. T. Orson JP CC',
      present: ['Cllr. Roger Begy, OBE'],
      apologies: ['Mrs. Helen Carter'],
      inAttendance: ['Paul Stock, Chief Executive (OPCC)'],
      people: { 'Mr. J. T. Orson JP CC': orson, 'Cllr. Roger Begy, OBE': begy },
    });

    const attendance = await get(`/boards/${boardId}/attendance`);
    expect(attendance.meetings).toBe(2);
    const lines = attendance.lines as AttendanceLine[];
    expect(
      lines.map((l) => [l.name, l.role, l.expected, l.present, l.apologies, l.absent, l.percentPresent]),
    ).toEqual([
      ['Mr. J. T. Orson JP CC', 'Chairman', 2, 2, 0, 0, 100],
      ['Cllr. Roger Begy, OBE', 'Member', 2, 1, 0, 1, 50],
      ['Mrs. Helen Carter', 'Independent member', 2, 1, 1, 0, 50],
      ['Cllr. Kirk Master', null, 1, 1, 0, 0, 100],
    ]);
    const july2015 = await get(`/boards/${boardId}/attendance?from=2015-07-01&to=2015-07-31`);
    expect(july2015).toMatchObject({ from: '2015-07-01', to: '2015-07-31', meetings: 1 });

    const interests = await get('/interests');
    expect(interests).toMatchObject({ total: 2, page: 1, pageSize: 100 });
    expect(interests.items).toEqual([
      expect.objectContaining({
        date: '2015-07-17',
        member: 'Mrs. Helen Carter',
        memberPersonId: null,
        item: null,
      }),
      expect.objectContaining({
        date: '2015-06-25',
        boardId,
        boardName: 'Police and Crime Panel',
        member: 'Cllr. Roger Begy, OBE',
        memberPersonId: begy,
        item: { itemId: june.items[1], title: 'Budget.', minuteNumber: 141 },
      }),
    ]);
    expect((await get(`/interests?person=${begy}`)).items).toHaveLength(1);
    expect((await get(`/interests?board=${boardId}&to=2015-06-30`)).items).toHaveLength(1);
    expect((await get('/interests?pageSize=1&page=2')).items[0].date).toBe('2015-06-25');
    expect(await get('/interests?person=begy', auditor, 400)).toMatchObject({
      message: expect.stringMatching(/person must be a person id/),
    });
  });

  it('keeps a decision maker who is a person of the directory as that person, and an office as written', async () => {
    const { boardId, orson, begy } = panel;
    const propose = async (decisionMaker: string) =>
      (
        await post(
          '/decisions',
          {
            subject: 'Police and Crime Plan refresh',
            decisionMaker,
            expectedOn: '2026-04-15',
            keyDecision: false,
            significantPublicInterest: false,
          },
          201,
        )
      ).id as string;
    const byPerson = await get(`/decisions/${await propose('orson@panel.test')}`);
    expect(byPerson).toMatchObject({ decisionMaker: 'Mr. J. T. Orson JP CC', decisionMakerPersonId: orson });
    const byOffice = await get(`/decisions/${await propose('Police and Crime Commissioner')}`);
    expect(byOffice).toMatchObject({
      decisionMaker: 'Police and Crime Commissioner',
      decisionMakerPersonId: null,
    });

    // A decision a board asks for names its maker the same way, through the minutes.
    const august = (
      await post(`/boards/${boardId}/meetings`, { date: '2015-08-20', place: 'County Hall' }, 201)
    ).id as string;
    const { itemId } = await step(august, 'agenda-items', { title: 'Estates strategy.' });
    await step(august, 'holding', { on: '2015-08-20' });
    await step(august, `agenda-items/${itemId}/outcome`, {
      outcome: { kind: 'decision requested' },
      decisions: [
        {
          subject: 'Estates strategy: disposal of the old headquarters',
          decisionMaker: 'begy@panel.test',
          expectedOn: '2015-10-01',
          keyDecision: false,
          significantPublicInterest: false,
        },
      ],
    });
    const [requested] = (await get('/decisions?q=old%20headquarters')).items;
    expect(requested).toMatchObject({ decisionMaker: 'Cllr. Roger Begy, OBE', decisionMakerPersonId: begy });
  });

  it('shows another body neither the board’s attendance nor its declarations', async () => {
    const root = api.token('root', 'admin', 'all');
    await api.http().post('/api/bodies').set(auth(root)).send({ id: 'other-pcc', name: 'Another PCC' });
    const outsider = api.token('otto', 'auditor', ['other-pcc']);
    await get(`/boards/${panel.boardId}/attendance`, outsider, 404);
    expect(await get('/interests', outsider)).toMatchObject({ total: 0, items: [] });
  });
});
