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
  let boardId: string;
  let orson: string;
  let begy: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = async (path: string, body: object, status = 200) => {
    const response = await api.http().post(`/api${path}`).set(auth(secretary)).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status });
    return response.body;
  };
  const get = async (path: string, token = auditor, status = 200) =>
    (await api.http().get(`/api${path}`).set(auth(token)).expect(status)).body;
  const step = async (meetingId: string, name: string, body: object = {}) =>
    post(`/boards/${boardId}/meetings/${meetingId}/${name}`, {
      expectedVersion: (await get(`/boards/${boardId}/meetings/${meetingId}`)).version,
      ...body,
    });
  const meeting = async (date: string, titles: string[]) => {
    const id = (await post(`/boards/${boardId}/meetings`, { date, place: 'County Hall' }, 201)).id as string;
    const items: string[] = [];
    for (const title of titles) items.push((await step(id, 'agenda-items', { title })).itemId);
    return { id, items };
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    const admin = api.token('ann.admin', 'admin', ['default']);
    secretary = api.token('sam.weston', 'secretary', ['default']);
    auditor = api.token('ada.auditor', 'auditor', ['default']);
    const register = async (name: string, email: string, roles: string[]) =>
      (
        await api
          .http()
          .post('/api/people')
          .set(auth(admin))
          .send({ name, email, roles, reason: 'Member of the Police and Crime Panel' })
          .expect(201)
      ).body.id as string;
    // A member who never signs in is in the directory all the same, with no role.
    orson = await register('Mr. J. T. Orson JP CC', 'orson@panel.test', []);
    begy = await register('Cllr. Roger Begy, OBE', 'begy@panel.test', ['officer']);
    boardId = (
      await post(
        '/boards',
        {
          name: 'Police and Crime Panel',
          code: 'PCP',
          members: [
            { name: 'orson@panel.test', role: 'Chairman' },
            { name: 'cllr. roger begy, obe', role: 'Member' },
            { name: 'Mrs. Helen Carter', role: 'Independent member' },
          ],
          firstMinuteNumber: 140,
        },
        201,
      )
    ).id;
  });
  afterAll(() => api?.close());

  it('keeps members written by email or name as people of the directory, and others as written', async () => {
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
    const june = await meeting('2015-06-25', ['Declarations of Interest.', 'Budget.']);
    await step(june.id, 'attendance', {
      chair: 'orson@panel.test',
      present: ['begy@panel.test'],
      apologies: ['Mrs. Helen Carter'],
      inAttendance: ['Paul Stock, Chief Executive (OPCC)'],
    });
    await step(june.id, 'declarations', {
      member: 'begy@panel.test',
      itemId: june.items[1],
      nature: 'a personal interest as a member of the Independent Advisory Panel',
    });
    await step(june.id, 'holding', { on: '2015-06-25' });
    const july = await meeting('2015-07-17', ['Declarations of Interest.']);
    await step(july.id, 'attendance', {
      chair: 'Mr. J. T. Orson JP CC',
      present: ['Mrs. Helen Carter', 'Cllr. Kirk Master'],
      apologies: [],
      inAttendance: [],
    });
    await step(july.id, 'declarations', { member: 'Mrs. Helen Carter', nature: 'a personal interest' });
    await step(july.id, 'holding', { on: '2015-07-17' });
    // Scheduled, not held: nobody is counted absent from it.
    await meeting('2015-09-16', ['Minutes.']);

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
    const august = await meeting('2015-08-20', ['Estates strategy.']);
    await step(august.id, 'holding', { on: '2015-08-20' });
    await step(august.id, `agenda-items/${august.items[0]}/outcome`, {
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
    await get(`/boards/${boardId}/attendance`, outsider, 404);
    expect(await get('/interests', outsider)).toMatchObject({ total: 0, items: [] });
  });
});
