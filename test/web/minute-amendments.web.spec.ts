import { panelApiOf, seedPanelMeetings } from '../support/panel-meetings';
import { WEB_DATABASES, eventCountOf, startTestApi, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, versionOf } from '../support/web-session';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('amending draft minutes and withdrawing a declaration (%s)', (kind) => {
  let api: TestApi;
  let meetingPath: string;
  let budget: string;
  let july: string;
  let boardId: string;
  const auth = () => ({ Authorization: `Bearer ${api.token('sam.weston', 'secretary', ['default'])}` });
  const read = async () => (await api.http().get(`/api${meetingPath}`).set(auth()).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    const panel = await seedPanelMeetings(await panelApiOf(api));
    boardId = panel.boardId;
    meetingPath = `/boards/${boardId}/meetings/${panel.june.id}`;
    budget = panel.june.items[1];
    for (const itemId of panel.june.items)
      await api
        .http()
        .post(`/api${meetingPath}/agenda-items/${itemId}/outcome`)
        .set(auth())
        .send({ expectedVersion: (await read()).version, outcome: { kind: 'noted', text: 'Noted.' } })
        .expect(200);
    const meetings = (await api.http().get(`/api/boards/${boardId}/meetings`).set(auth()).expect(200)).body;
    july = (meetings.items ?? meetings).find((each: { date: string }) => each.date === '2015-07-17').id;
  });
  afterAll(() => api?.close());

  it('amends a draft minute as a new event that names what it read before', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const page = await secretary.get(meetingPath).expect(200);
    const amendPath = `${meetingPath}/items/${budget}/amendment`;
    expect(page.text).toContain(`href="${amendPath}"`);
    const form = await secretary.get(amendPath).expect(200);
    expect(form.text).toMatch(/name="kind" type="radio" value="noted" checked/);
    expect(form.text).toContain('Noted.</textarea>');
    const amendment = {
      _csrf: csrfOf(form.text),
      version: versionOf(form.text),
      narrative: 'The Panel considered a report on the budget.',
      discussion: '',
      kind: 'resolved',
      notedText: '',
      parts: 'That the report be noted.\nThat the precept be frozen.',
      reason: '',
      amendReason: '',
    };
    const before = await eventCountOf(api);
    const noReason = await secretary.post(amendPath).type('form').send(amendment).expect(400);
    expect(noReason.text).toContain('Say why the minute is amended, for the record');
    expect(await eventCountOf(api)).toBe(before);
    // Refused by the domain's rule: the form comes back as typed, with the rule's words.
    const raisedNothing = await secretary
      .post(amendPath)
      .type('form')
      .send({ ...amendment, kind: 'action raised', amendReason: 'An action was agreed.' })
      .expect(400);
    expect(raisedNothing.text).toContain('The item raised no action: an amendment does not raise one.');
    expect(raisedNothing.text).toContain('An action was agreed.</textarea>');
    expect(await eventCountOf(api)).toBe(before);
    await secretary
      .post(amendPath)
      .type('form')
      .send({ ...amendment, amendReason: 'The Chairman asked that the resolution be recorded in full.' })
      .expect(303);
    const [, item] = (await read()).items;
    expect(item.outcome).toMatchObject({
      minuteNumber: 141,
      narrative: ['The Panel considered a report on the budget.'],
      outcome: {
        kind: 'resolved',
        parts: [{ letter: 'a' }, { letter: 'b', text: 'That the precept be frozen.' }],
      },
    });
    const trail = (
      await api
        .http()
        .get(`/api/audit?entityId=${meetingPath.split('/').pop()}`)
        .set({ Authorization: `Bearer ${api.token('root', 'admin', ['default'])}` })
        .expect(200)
    ).body.items;
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventType: 'ItemOutcomeAmended',
          summary: 'Draft minute 141 amended (was noted, now resolved)',
          reason: 'The Chairman asked that the resolution be recorded in full.',
          data: expect.objectContaining({
            amends: { narrative: [], discussion: [], outcome: { kind: 'noted', text: 'Noted.' } },
          }),
        }),
      ]),
    );
  });

  it('withdraws a declaration recorded in error: struck through, and gone from the minutes and the register', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    let page = await secretary.get(meetingPath).expect(200);
    const post = (body: Record<string, string>) =>
      secretary
        .post(`${meetingPath}/declarations/0/withdrawal`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), ...body });
    const missing = await post({ 'withdrawReason-0': '' }).expect(400);
    expect(missing.text).toContain('Say why the declaration is withdrawn, for the record');
    await post({ 'withdrawReason-0': 'Recorded against the wrong member.' }).expect(303);
    page = await secretary.get(meetingPath).expect(200);
    expect(page.text).toMatch(
      /<s>Cllr\. Roger Begy, OBE: a personal interest[^<]*<\/s> Withdrawn: Recorded against the wrong member\./,
    );
    expect(page.text).not.toContain('name="withdrawReason-0"');
    const minutes = await secretary.get(`${meetingPath}/minutes`).expect(200);
    expect(minutes.text).not.toContain('Independent Advisory Panel');
    const register = (await api.http().get('/api/interests').set(auth()).expect(200)).body;
    expect(register.items.map((entry: { member: string }) => entry.member)).toEqual(['Mrs. Helen Carter']);
    await secretary
      .post(`${meetingPath}/declarations/7/withdrawal`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(404);
  });

  it('never changes approved minutes', async () => {
    let meeting = await read();
    await api
      .http()
      .post(`/api${meetingPath}/minutes-draft`)
      .set(auth())
      .send({ expectedVersion: meeting.version })
      .expect(200);
    meeting = await read();
    await api
      .http()
      .post(`/api${meetingPath}/minutes-approval`)
      .set(auth())
      .send({ expectedVersion: meeting.version, approvedAtMeetingId: july, minuteNumber: 142 })
      .expect(200);
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const page = await secretary.get(meetingPath).expect(200);
    expect(page.text).not.toContain('/amendment"');
    await secretary.get(`${meetingPath}/items/${budget}/amendment`).expect(404);
    const refused = await api
      .http()
      .post(`/api${meetingPath}/agenda-items/${budget}/outcome-amendment`)
      .set(auth())
      .send({
        expectedVersion: (await read()).version,
        outcome: { kind: 'noted', text: 'x' },
        reason: 'Late change.',
      })
      .expect(409);
    expect(refused.body.message).toContain('correct them by a resolution of a later meeting');
    const notAPlace = await api
      .http()
      .post(`/api${meetingPath}/declarations/first/withdrawal`)
      .set(auth())
      .send({ expectedVersion: 1, reason: 'x' })
      .expect(400);
    expect(notAPlace.body).toMatchObject({ field: 'declaration' });
  });
});
