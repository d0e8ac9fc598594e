import { addPerson, csrfOf, signedInAgent, versionOf } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi, eventCountOf } from '../support/test-engine';

const password = 'correct horse battery staple';

/** The agenda's titles in the page's order. */
const agendaOf = (html: string) => [...html.matchAll(/data-agenda-item="([^"]*)"/g)].map((match) => match[1]);

describe.each(WEB_DATABASES)('a board’s meetings in the web pages (%s)', (kind) => {
  let api: TestApi;
  let boardId: string;
  const eventCount = () => eventCountOf(api);

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    await addPerson(api, { name: 'Carol Reid', email: 'carol@opcc.example', roles: ['officer'] }, password);
    boardId = (
      await api
        .http()
        .post('/api/boards')
        .set({ Authorization: `Bearer ${api.token('sam', 'secretary')}` })
        .send({ name: 'Police and Crime Panel', code: 'PCP', members: [] })
        .expect(201)
    ).body.id;
  });
  afterAll(() => api?.close());

  it('schedules a meeting, says what is wrong with a form, and builds and issues its agenda', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const form = await secretary.get(`/boards/${boardId}/meetings/new`).expect(200);
    const refused = await secretary
      .post(`/boards/${boardId}/meetings`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), date: '31/6/2015', time: '25:00', place: '', access: 'public' })
      .expect(400);
    expect(refused.text).toContain('Write the date like 17/7/2015');
    expect(refused.text).toContain('Write the time like 12:30');
    expect(refused.text).toContain('Enter where the meeting is held');
    const scheduled = await secretary
      .post(`/boards/${boardId}/meetings`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        date: '17/7/2015',
        time: '12.30',
        place: 'County Hall, Glenfield',
        access: 'public',
      })
      .expect(303);
    const meetingPath = scheduled.headers.location as string;
    expect(meetingPath).toMatch(new RegExp(`^/boards/${boardId}/meetings/[0-9a-f-]{36}$`));
    let page = await secretary.get(meetingPath).expect(200);
    expect(page.text).toContain('Meeting of 2015-07-17 scheduled');
    expect(page.text).toContain('17 July 2015, 12:30');
    // Five clear working days before Friday 17 July 2015: Friday 10 to Thursday 16 July.
    expect(page.text).toContain('Draft: to be issued by 9 July 2015, five clear working days before');

    const post = async (path: string, body: Record<string, string>, status = 303) => {
      const response = await secretary
        .post(`${meetingPath}/${path}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), ...body })
        .expect(status);
      page = status === 303 ? await secretary.get(meetingPath).expect(200) : response;
      return response;
    };
    const missing = await post('agenda-items', { title: '', exemptParagraph: '3' }, 400);
    expect(missing.text).toContain('Enter the item’s title');
    expect(missing.text).toContain('Say why the item is exempt');
    page = await secretary.get(meetingPath).expect(200);
    for (const title of ['Minutes.', 'Declarations of Interest.', 'Medium Term Financial Strategy - Update.'])
      await post('agenda-items', {
        title,
        reportAuthor: title.startsWith('Medium') ? 'Police and Crime Commissioner' : '',
      });
    await post('agenda-items', {
      title: 'Contract award.',
      exemptParagraph: '3',
      exemptReason: 'Commercial terms.',
    });
    expect(page.text).toContain('Exempt: paragraph 3');
    const [minutes, declarations, mtfs] = [...page.text.matchAll(/name="item" value="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(mtfs).toBeDefined();
    await post('agenda-order', { item: declarations, direction: 'up' });
    expect(agendaOf(page.text)).toEqual([
      'Declarations of Interest.',
      'Minutes.',
      'Medium Term Financial Strategy - Update.',
      'Contract award.',
    ]);
    await post('agenda-withdrawal', { withdrawItem: minutes, reason: 'No previous meeting to confirm.' });
    expect(page.text).toContain('No previous meeting to confirm.');
    expect(page.text).toMatch(/<s>Minutes\.<\/s>/);

    // A form read before the last change: who changed it is said, and nothing is written.
    const before = await eventCount();
    const stale = await secretary
      .post(`${meetingPath}/agenda-items`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: '2', title: 'Any other business.' })
      .expect(409);
    expect(stale.text).toMatch(/sam@opcc.example changed this at .*Your changes were not saved/s);
    expect(stale.text).toContain('value="Any other business."');
    expect(await eventCount()).toBe(before);

    await post('agenda-issue', {});
    expect(page.text).toMatch(/Issued on \d{4}-\d{2}-\d{2}/);
    expect(page.text).not.toContain('Issue the agenda today');
    const board = await secretary.get(`/boards/${boardId}`).expect(200);
    expect(board.text).toContain('17 July 2015</a>, 12:30');
  });

  it('shows an officer the meeting with no form, and refuses their post', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const board = await secretary.get(`/boards/${boardId}`).expect(200);
    const meetingPath = /href="(\/boards\/[^"]+\/meetings\/[0-9a-f-]{36})"/.exec(board.text)![1];
    const officer = await signedInAgent(api.app, 'carol@opcc.example', password);
    const page = await officer.get(meetingPath).expect(200);
    expect(page.text).toContain('Declarations of Interest.');
    expect(page.text).not.toContain('Add to the agenda');
    const before = await eventCount();
    await officer
      .post(`${meetingPath}/agenda-items`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text) || '7', title: 'Forged item.' })
      .expect(403);
    expect(await eventCount()).toBe(before);
    await officer.get(`/boards/${boardId}/meetings/new`).expect(403);
  });

  it('answers 404 for a meeting of another board or none, and its forms write nothing', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const board = await secretary.get(`/boards/${boardId}`).expect(200);
    const meetingId = /\/meetings\/([0-9a-f-]{36})"/.exec(board.text)![1];
    await secretary.get(`/boards/${meetingId}/meetings/${meetingId}`).expect(404);
    await secretary.get(`/boards/${boardId}/meetings/not-a-meeting`).expect(404);
    const before = await eventCount();
    const _csrf = csrfOf((await secretary.get(`/boards/${boardId}/meetings/${meetingId}`).expect(200)).text);
    for (const meetingPath of [
      `/boards/${meetingId}/meetings/${meetingId}`,
      `/boards/${boardId}/meetings/${boardId}`,
    ])
      for (const form of [
        'confirmation',
        'cancellation',
        'agenda-issue',
        'minutes-draft',
        'holding',
        'declarations/0/withdrawal',
      ])
        await secretary
          .post(`${meetingPath}/${form}`)
          .type('form')
          .send({ _csrf, version: '1', cancelReason: 'Not quorate.' })
          .expect(404);
    expect(await eventCount()).toBe(before);
  });

  it('takes a meeting from attendance, a declaration and the holding to its outcome and minutes, approved and published', async () => {
    const admin = { Authorization: `Bearer ${api.token('root', 'admin', 'all')}` };
    const secretaryToken = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    const person = async (name: string, email: string) =>
      (
        await api
          .http()
          .post('/api/people')
          .set(admin)
          .send({ bodyId: 'default', name, email, roles: [], reason: 'Panel member' })
          .expect(201)
      ).body.id as string;
    const orson = await person('Mr. J. T. Orson JP CC', 'orson@panel.test');
    const begy = await person('Cllr. Roger Begy, OBE', 'begy@panel.test');
    const panel = (
      await api
        .http()
        .post('/api/boards')
        .set(secretaryToken)
        .send({
          name: 'Members panel',
          code: 'MP',
          members: [
            { name: 'orson@panel.test', role: 'Chairman' },
            { name: 'begy@panel.test', role: 'Member' },
            { name: 'Mrs. Helen Carter', role: 'Independent member' },
          ],
        })
        .expect(201)
    ).body.id as string;
    const meetingId = (
      await api
        .http()
        .post(`/api/boards/${panel}/meetings`)
        .set(secretaryToken)
        .send({ date: '2015-07-17', place: 'County Hall' })
        .expect(201)
    ).body.id as string;
    const itemId = (
      await api
        .http()
        .post(`/api/boards/${panel}/meetings/${meetingId}/agenda-items`)
        .set(secretaryToken)
        .send({ expectedVersion: 1, title: 'Budget.' })
        .expect(200)
    ).body.itemId as string;
    const meetingPath = `/boards/${panel}/meetings/${meetingId}`;
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    let form = await secretary.get(`${meetingPath}/attendance`).expect(200);
    const attendance = {
      _csrf: csrfOf(form.text),
      version: versionOf(form.text),
      chair: '1',
      member0: 'present',
      member1: 'apologies',
      member2: 'present',
      othersPresent: '',
      othersApologies: 'Cllr. Kirk Master',
      inAttendance: 'Paul Stock, Chief Executive (OPCC)',
    };
    const refused = await secretary
      .post(`${meetingPath}/attendance`)
      .type('form')
      .send(attendance)
      .expect(400);
    expect(refused.text).toContain('Cllr. Roger Begy, OBE chaired the meeting, so was present');
    await secretary
      .post(`${meetingPath}/attendance`)
      .type('form')
      .send({ ...attendance, chair: '0' })
      .expect(303);
    const read = async () =>
      (await api.http().get(`/api${meetingPath}`).set(secretaryToken).expect(200)).body;
    expect((await read()).attendance).toEqual({
      chair: 'Mr. J. T. Orson JP CC',
      present: ['Mrs. Helen Carter'],
      apologies: ['Cllr. Roger Begy, OBE', 'Cllr. Kirk Master'],
      inAttendance: ['Paul Stock, Chief Executive (OPCC)'],
      people: { 'Mr. J. T. Orson JP CC': orson, 'Cllr. Roger Begy, OBE': begy },
    });
    form = await secretary.get(`${meetingPath}/attendance`).expect(200);
    expect(form.text).toMatch(/name="member1" type="radio" value="apologies" checked/);

    let page = await secretary.get(meetingPath).expect(200);
    await secretary
      .post(`${meetingPath}/declarations`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        version: versionOf(page.text),
        declaredBy: '1',
        declaredOther: '',
        declaredItem: itemId,
        nature: 'a personal interest as a member of the Independent Advisory Panel',
      })
      .expect(303);
    expect((await read()).declarations).toEqual([
      {
        member: 'Cllr. Roger Begy, OBE',
        memberPersonId: begy,
        itemId,
        nature: 'a personal interest as a member of the Independent Advisory Panel',
      },
    ]);
    page = await secretary.get(meetingPath).expect(200);
    const badTime = await secretary
      .post(`${meetingPath}/holding`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        version: versionOf(page.text),
        heldOn: '',
        startTime: '12h30',
        endTime: '',
      })
      .expect(400);
    expect(badTime.text).toContain('Write the time like 12:30');
    await secretary
      .post(`${meetingPath}/holding`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        version: versionOf(page.text),
        heldOn: '',
        startTime: '12.30',
        endTime: '14:15',
      })
      .expect(303);
    const held = await read();
    expect(held).toMatchObject({
      stage: 'held',
      held: { heldOn: '2015-07-17', startTime: '12:30', endTime: '14:15' },
    });
    expect(held.items[0].minuteNumber).toBe(1);
    page = await secretary.get(meetingPath).expect(200);
    expect(page.text).toContain('Change the attendance');
    expect(page.text).not.toContain('Record that it was held');

    // The item's outcome: resolved, raising an action owned by a person of the directory.
    const outcomePath = `${meetingPath}/items/${itemId}/outcome`;
    expect(page.text).toContain(`href="${outcomePath}"`);
    const outcomeForm = await secretary.get(outcomePath).expect(200);
    const outcome = {
      _csrf: csrfOf(outcomeForm.text),
      version: versionOf(outcomeForm.text),
      narrative: 'The Panel considered a report of the Commissioner\n\non the budget.',
      discussion: 'Reserves are adequate.\nThe precept is frozen.',
      kind: '',
      parts: 'That the report be noted.\nThat a further update be brought to the next meeting.',
      actionTitle: 'A further update on the budget',
      actionOwner: 'carol@opcc.example',
      actionOwnerOther: '',
      actionDue: '',
    };
    const noKind = await secretary.post(outcomePath).type('form').send(outcome).expect(400);
    expect(noKind.text).toContain('Choose how the item ended');
    await secretary
      .post(outcomePath)
      .type('form')
      .send({ ...outcome, kind: 'resolved' })
      .expect(303);
    const [item] = (await read()).items;
    expect(item.outcome).toMatchObject({
      narrative: ['The Panel considered a report of the Commissioner', 'on the budget.'],
      discussion: ['Reserves are adequate.', 'The precept is frozen.'],
      outcome: {
        kind: 'resolved',
        parts: [
          { letter: 'a', text: 'That the report be noted.' },
          { letter: 'b', text: 'That a further update be brought to the next meeting.' },
        ],
      },
    });
    expect(item.actions).toEqual([
      expect.objectContaining({ ref: 'MP-2015-07/1', owner: 'Carol Reid', dueAtNextMeeting: true }),
    ]);
    const raised = (
      await api
        .http()
        .get('/api/actions?q=further%20update%20on%20the%20budget')
        .set(secretaryToken)
        .expect(200)
    ).body.items;
    expect(raised).toEqual([expect.objectContaining({ ref: 'MP-2015-07/1', leadOfficers: ['Carol Reid'] })]);
    await secretary.get(outcomePath).expect(404);

    page = await secretary.get(meetingPath).expect(200);
    expect(page.text).toContain('Resolved: That the report be noted.');
    await secretary
      .post(`${meetingPath}/minutes-draft`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text) })
      .expect(303);
    const minutes = await secretary.get(`${meetingPath}/minutes`).expect(200);
    expect(minutes.text).toContain('Draft: not yet approved.');
    expect(minutes.text).toContain('1. Budget.');
    expect(minutes.text).toContain('(b) That a further update be brought to the next meeting.');
    expect(minutes.text).toContain('Action MP-2015-07/1: A further update on the budget');
    expect(minutes.text).toContain('Cllr. Roger Begy, OBE declared a personal interest');

    // Approved by a minute of the next meeting, then published.
    const next = (
      await api
        .http()
        .post(`/api/boards/${panel}/meetings`)
        .set(secretaryToken)
        .send({ date: '2015-09-16', place: 'County Hall' })
        .expect(201)
    ).body.id as string;
    await api
      .http()
      .post(`/api/boards/${panel}/meetings/${next}/agenda-items`)
      .set(secretaryToken)
      .send({ expectedVersion: 1, title: 'Minutes of the meeting of 17 July.' })
      .expect(200);
    await api
      .http()
      .post(`/api/boards/${panel}/meetings/${next}/holding`)
      .set(secretaryToken)
      .send({ expectedVersion: 2, on: '2015-09-16' })
      .expect(200);
    page = await secretary.get(meetingPath).expect(200);
    expect(page.text).toContain(`value="${next}:2"`);
    const notChosen = await secretary
      .post(`${meetingPath}/minutes-approval`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), approvedAt: '' })
      .expect(400);
    expect(notChosen.text).toContain('Choose the minute of a later meeting');
    await secretary
      .post(`${meetingPath}/minutes-approval`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), approvedAt: `${next}:2` })
      .expect(303);
    page = await secretary.get(meetingPath).expect(200);
    await secretary
      .post(`${meetingPath}/minutes-publication`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text) })
      .expect(303);
    expect(await read()).toMatchObject({
      minutes: 'published',
      approval: { approvedAtMeetingId: next, minuteNumber: 2, approvedOn: '2015-09-16' },
    });
    const approved = await secretary.get(`${meetingPath}/minutes`).expect(200);
    expect(approved.text).toContain('Approved at the meeting of 16 September 2015 (minute 2).');
  });
});
