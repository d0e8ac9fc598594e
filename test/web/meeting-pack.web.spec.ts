import { seedAction } from '../support/action-api';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, versionOf } from '../support/web-session';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('a meeting’s pack in the web pages (%s)', (kind) => {
  let api: TestApi;
  let meetingPath: string;
  const auth = () => ({ Authorization: `Bearer ${api.token('sam', 'secretary')}` });

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    await addPerson(api, { name: 'Carol Reid', email: 'carol@opcc.example', roles: ['officer'] }, password);
    const action = (await api.http().post('/api/actions').set(auth()).send(seedAction('7C02')).expect(201))
      .body as { id: string; version: number };
    await api
      .http()
      .post(`/api/actions/${action.id}/status`)
      .set(auth())
      .send({
        status: 'AMBER',
        commentary: 'Savings plan slipped a quarter.',
        effectiveDate: '2017-09-30',
        expectedVersion: action.version,
      })
      .expect(200);
    const boardId = (
      await api
        .http()
        .post('/api/boards')
        .set(auth())
        .send({ name: 'Police and Crime Panel', code: 'PCP', members: [] })
        .expect(201)
    ).body.id as string;
    const meetingId = (
      await api
        .http()
        .post(`/api/boards/${boardId}/meetings`)
        .set(auth())
        .send({ date: '2017-10-17', place: 'County Hall' })
        .expect(201)
    ).body.id as string;
    meetingPath = `/boards/${boardId}/meetings/${meetingId}`;
  });
  afterAll(() => api?.close());

  it('adds an item with its questions and the actions it reports on, and shows their updates in the pack', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const page = await secretary.get(meetingPath).expect(200);
    const item = {
      _csrf: csrfOf(page.text),
      version: versionOf(page.text),
      title: 'Medium Term Financial Strategy - Update.',
      reportAuthor: 'Chief Finance Officer',
      questions: 'What is the savings gap?\nWhen will the reserves strategy be reviewed?',
      responseForm: '',
      linkedActions: '7C02\n7Z99',
    };
    const refused = await secretary.post(`${meetingPath}/agenda-items`).type('form').send(item).expect(400);
    expect(refused.text).toContain('No action of this body has the ref &quot;7Z99&quot;');
    expect(refused.text).toContain('Say how the questions are to be answered');
    // A decision expected near the meeting may be linked to the item; one of another time is not offered.
    const decisionId = (
      await api
        .http()
        .post('/api/decisions')
        .set(auth())
        .send({
          subject: 'Precept for 2018/19',
          decisionMaker: 'Police and Crime Commissioner',
          expectedOn: '2017-11-30',
          keyDecision: false,
          significantPublicInterest: true,
        })
        .expect(201)
    ).body.id as string;
    const withDecision = await secretary.get(meetingPath).expect(200);
    expect(withDecision.text).toContain(`value="${decisionId}"`);
    await secretary
      .post(`${meetingPath}/agenda-items`)
      .type('form')
      .send(
        `${new URLSearchParams({ ...item, _csrf: csrfOf(withDecision.text), version: versionOf(withDecision.text), responseForm: 'written', linkedActions: '7C02' })}` +
          `&linkedDecisions=${decisionId}`,
      )
      .expect(303);
    const officer = await signedInAgent(api.app, 'carol@opcc.example', password);
    const workspace = await officer.get(meetingPath).expect(200);
    expect(workspace.text).toContain(`href="${meetingPath}/pack"`);
    const pack = await officer.get(`${meetingPath}/pack`).expect(200);
    const section =
      /<section[^>]*data-pack-item="Medium Term Financial Strategy - Update."[^>]*>([\s\S]*?)<\/section>/.exec(
        pack.text,
      )![1];
    expect(section).toContain('Report of the Chief Finance Officer.');
    expect(section).toContain('Questions, to be answered in writing');
    expect(section).toContain('<li>When will the reserves strategy be reviewed?</li>');
    expect(section).toMatch(/>7C02<\/a>:/);
    expect(section).toContain('30 September 2017 (Q2 2017/18): Amber. Savings plan slipped a quarter.');
    expect(section).toMatch(/Decision: <a class="govuk-link" href="[^"]*">Precept for 2018\/19<\/a>/);
  });
});
