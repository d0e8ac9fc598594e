import { panelApiOf, seedPanelMeetings } from '../support/panel-meetings';
import { WEB_DATABASES, eventCountOf, startTestApi, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, textOf, versionOf } from '../support/web-session';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('votes and decisions requested in the minute-taking form (%s)', (kind) => {
  let api: TestApi;
  let meetingPath: string;
  let items: string[];
  const auth = () => ({ Authorization: `Bearer ${api.token('sam.weston', 'secretary', ['default'])}` });
  const read = async () => (await api.http().get(`/api${meetingPath}`).set(auth()).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    const panel = await seedPanelMeetings(await panelApiOf(api));
    meetingPath = `/boards/${panel.boardId}/meetings/${panel.june.id}`;
    items = panel.june.items;
  });
  afterAll(() => api?.close());

  it('records a named vote carried on the chair’s casting vote, and the decision the item requested', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    // Minute-taking goes down the agenda: the first item's form offers to go on to the next.
    const first = textOf((await secretary.get(`${meetingPath}/items/${items[0]}/outcome`).expect(200)).text);
    expect(first).toMatch(/Record, then the next item Record the outcome Next: \d+\. /);
    const path = `${meetingPath}/items/${items[1]}/outcome`;
    const form = await secretary.get(path).expect(200);
    expect(form.text).not.toContain('Record, then the next item');
    // Those present vote: the chair and Begy (Carter sent apologies).
    expect(
      [...form.text.matchAll(/<label class="govuk-label" for="vote-(\d)">\s*([^<]+?)\s*<\/label>/g)].map(
        (m) => m[2],
      ),
    ).toEqual(['Mr. J. T. Orson JP CC', 'Cllr. Roger Begy, OBE']);
    const outcome = {
      _csrf: csrfOf(form.text),
      version: versionOf(form.text),
      kind: 'noted',
      notedText: 'Noted.',
      'vote-0': 'for',
      'vote-1': 'against',
      castingVote: 'for',
      decisionSubject: 'Approval of the precept for 2016/17',
      decisionMakerOther: 'Police and Crime Commissioner',
      decisionDue: '16/9/2015',
      decisionKey: 'yes',
    };
    const before = await eventCountOf(api);
    const notResolved = await secretary.post(path).type('form').send(outcome).expect(400);
    expect(notResolved.text).toContain('A vote is recorded with a resolution');
    expect(notResolved.text).toMatch(/<option value="against" selected>Voted against<\/option>/);
    expect(await eventCountOf(api)).toBe(before);
    await secretary
      .post(path)
      .type('form')
      .send({ ...outcome, kind: 'resolved', parts: 'That the precept be frozen.' })
      .expect(303);
    const item = (await read()).items[1];
    expect(item.outcome.outcome.vote).toEqual({
      for: 1,
      against: 1,
      abstained: 0,
      named: [
        { member: 'Mr. J. T. Orson JP CC', vote: 'for' },
        { member: 'Cllr. Roger Begy, OBE', vote: 'against' },
      ],
      castingVote: { by: 'Mr. J. T. Orson JP CC', vote: 'for' },
      carried: true,
    });
    expect(item.decisions).toEqual([
      expect.objectContaining({
        subject: 'Approval of the precept for 2016/17',
        decisionMaker: 'Police and Crime Commissioner',
        expectedOn: '2015-09-16',
        keyDecision: true,
        significantPublicInterest: false,
      }),
    ]);
    const minutes = await secretary.get(`${meetingPath}/minutes`).expect(200);
    expect(minutes.text).toContain('For 1, against 1, abstained 0.');
    expect(minutes.text).toContain('Voted for: Mr. J. T. Orson JP CC.');
  });

  it('says what is wrong with a count or a decision left half written', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const path = `${meetingPath}/items/${items[0]}/outcome`;
    const form = await secretary.get(path).expect(200);
    const base = {
      _csrf: csrfOf(form.text),
      version: versionOf(form.text),
      kind: 'resolved',
      parts: 'Agreed.',
    };
    const badCount = await secretary
      .post(path)
      .type('form')
      .send({ ...base, votesFor: 'five', votesAgainst: '2' })
      .expect(400);
    expect(badCount.text).toContain('Write a whole number of votes, like 5');
    const halfDecision = await secretary
      .post(path)
      .type('form')
      .send({ ...base, kind: 'decision requested' })
      .expect(400);
    expect(halfDecision.text).toContain('Write the decision requested');
    expect(halfDecision.text).toContain('Choose who takes the decision, or write their role');
    expect(halfDecision.text).toContain('Write when it is expected, like 16/9/2015');
    const casting = await secretary
      .post(path)
      .type('form')
      .send({ ...base, votesFor: '5', votesAgainst: '2', castingVote: 'against' })
      .expect(400);
    expect(casting.text).toContain('casting vote only on a tie');
    expect(casting.text).toContain('href="#castingVote"');
    expect(casting.text).toContain('name="votesFor" type="text" value="5"');
    await secretary
      .post(path)
      .type('form')
      .send({ ...base, votesFor: '5', votesAgainst: '2', votesAbstained: '' })
      .expect(303);
    expect((await read()).items[0].outcome.outcome.vote).toMatchObject({
      for: 5,
      against: 2,
      abstained: 0,
      named: [],
      carried: true,
    });
  });
});
