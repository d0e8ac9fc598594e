import { spokenDate } from '../support/spoken-date';
import { addDays } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';
import { addPerson, csrfOf, signedInAgent, textOf, versionOf } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi, eventCountOf } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('decisions in the web pages (%s)', (kind) => {
  let api: TestApi;
  const today = () => localDateOf(new Date(), 'Europe/London');
  const eventCount = () => eventCountOf(api);

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    await addPerson(api, { name: 'Carol Reid', email: 'carol@opcc.example', roles: ['officer'] }, password);
    await addPerson(api, { name: 'Rupert Matthews', email: 'pcc@opcc.example', roles: ['officer'] });
    const root = { Authorization: `Bearer ${api.token('root', 'admin', 'all')}` };
    await api.http().post('/api/bodies').set(root).send({ id: 'other-pcc', name: 'Another PCC' }).expect(201);
    await addPerson(
      api,
      { bodyId: 'other-pcc', name: 'Otto Outsider', email: 'otto@other.test', roles: ['secretary'] },
      password,
    );
  });
  afterAll(() => api?.close());

  it('proposes a key decision after showing its statutory dates, refuses it a day early and takes it on the day', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const form = await secretary.get('/decisions/new').expect(200);
    expect(form.text).toContain('Rupert Matthews (pcc@opcc.example)');
    const refused = await secretary
      .post('/decisions/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), subject: '', expectedOn: '31/2/2026' })
      .expect(400);
    expect(refused.text).toContain('Enter what the decision is about');
    expect(refused.text).toContain('Choose who takes the decision');
    expect(refused.text).toContain('Write the date like 30/4/2026');
    expect(refused.text).toContain('Say whether it is a key decision');

    const expectedOn = addDays(today(), 40);
    const answers = {
      _csrf: csrfOf(form.text),
      subject: 'Award of the custody healthcare contract',
      decisionMaker: 'pcc@opcc.example',
      expectedOn,
      keyDecision: 'yes',
      significantPublicInterest: 'yes',
      documents: 'Report to the Commissioner\nTender evaluation',
    };
    const before = await eventCount();
    const check = await secretary.post('/decisions/new').type('form').send(answers).expect(200);
    const dates = textOf(
      /<div data-statutory-dates>([\s\S]*?)<\/div>\s*<div class="govuk-inset-text/.exec(check.text)![1],
    );
    expect(dates).toContain(`Publish the notice by ${spokenDate(addDays(expectedOn, -29))}`);
    expect(dates).toContain(
      `Earliest lawful date if the notice is published today ${spokenDate(addDays(today(), 29))}`,
    );
    expect(dates).toContain('Notice on the forward plan, 28 clear days (reg 9)');
    expect(textOf(check.text)).toContain('Decision maker Rupert Matthews');
    // Checking writes nothing; changing the answers goes back to the form with them.
    expect(await eventCount()).toBe(before);
    const change = await secretary
      .post('/decisions/new')
      .type('form')
      .send({ ...answers, step: 'change' })
      .expect(200);
    expect(change.text).toContain('value="Award of the custody healthcare contract"');

    const proposed = await secretary
      .post('/decisions/new')
      .type('form')
      .send({ ...answers, step: 'propose' })
      .expect(303);
    const path = proposed.headers.location as string;
    expect(path).toMatch(/^\/decisions\/[0-9a-f-]{36}$/);
    let page = await secretary.get(path).expect(200);
    expect(page.text).toContain('Decision proposed');
    expect(textOf(page.text)).toContain('Decision maker Rupert Matthews');
    expect(textOf(page.text)).toContain(`Publish the notice by ${addDays(expectedOn, -29)}`);

    const post = async (step: string, body: Record<string, string>, status = 303) => {
      const response = await secretary
        .post(`${path}/${step}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), ...body })
        .expect(status);
      if (status === 303) page = await secretary.get(path).expect(200);
      return response;
    };
    await post('notice', { noticeOn: '' });
    expect(textOf(page.text)).toContain(`Notice published ${spokenDate(today())}`);

    const taking = await secretary.get(`${path}/taking`).expect(200);
    const earliest = addDays(today(), 29);
    expect(textOf(taking.text)).toContain(`the earliest lawful date is ${spokenDate(earliest)}`);
    expect(taking.text).toContain('value="Rupert Matthews"');
    const record = {
      decisionText: 'To award the contract to Healthcare Ltd.',
      reasons: 'The best value tender.',
      alternativesRejected: 'Extend the current contract',
      decidedBy: 'Rupert Matthews, Police and Crime Commissioner',
    };
    const written = await eventCount();
    const early = await post('taking', { ...record, takenOn: addDays(earliest, -1) }, 400);
    expect(early.text).toContain(`earliest lawful date is ${earliest}`);
    expect(early.text).toContain('href="#takenOn"');
    expect(early.text).toContain('To award the contract to Healthcare Ltd.');
    expect(await eventCount()).toBe(written);

    await post('taking', { ...record, takenOn: earliest });
    expect(page.text).toContain('decision taken');
    expect(textOf(page.text)).toContain(
      `${spokenDate(earliest)} by Rupert Matthews, Police and Crime Commissioner (route: notice)`,
    );
    expect(page.text).toMatch(
      /<h1 class="govuk-heading-l">[^<]* 1: Award of the custody healthcare contract<\/h1>/,
    );
    // Each rule's evidence links to the event in the decision's history.
    const evidence = [...page.text.matchAll(/href="#event-([0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(evidence.length).toBeGreaterThan(1);
    for (const id of evidence) expect(page.text).toContain(`id="event-${id}"`);

    // Published no earlier than it was taken.
    const tooSoon = await post('record-publication', { recordOn: '' }, 400);
    expect(tooSoon.text).toContain('govuk-error-summary');
    await post('record-publication', { recordOn: earliest });
    expect(textOf(page.text)).toContain(`Record published ${spokenDate(earliest)}`);
  });

  it('proposes a decision with parts exempt from the start, shown on the check page before anything is written', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const form = await secretary.get('/decisions/new').expect(200);
    const proposal =
      `_csrf=${encodeURIComponent(csrfOf(form.text))}&subject=Sale+of+the+old+police+station` +
      `&decisionMakerOther=Police+and+Crime+Commissioner&expectedOn=${addDays(today(), 60).split('-').reverse().join('/')}` +
      '&keyDecision=no&significantPublicInterest=yes&exemptCategory=3';
    const lacking = await secretary.post('/decisions/new').type('form').send(proposal).expect(400);
    expect(textOf(lacking.text)).toContain('Choose the parts that hold exempt information');
    expect(textOf(lacking.text)).toContain('Say why the information is exempt');
    const full = `${proposal}&exemptParts=reasons&exemptParts=documents&exemptReason=Offers+received.`;
    const check = await secretary.post('/decisions/new').type('form').send(full).expect(200);
    expect(textOf(check.text)).toContain(
      'Exempt information Paragraph 3: Documents; Reasons. Offers received.',
    );
    const before = await eventCount();
    const proposed = await secretary
      .post('/decisions/new')
      .type('form')
      .send(
        `${full.replace(/exemptParts=[^&]+&exemptParts=[^&]+/, 'exemptParts=documents%2Creasons')}&step=propose`,
      )
      .expect(303);
    expect(await eventCount()).toBeGreaterThan(before);
    const id = proposed.headers.location.split('/').pop();
    const decision = (
      await api
        .http()
        .get(`/api/decisions/${id}`)
        .set({ Authorization: `Bearer ${api.token('sam', 'secretary')}` })
        .expect(200)
    ).body as { exemption: object };
    expect(decision.exemption).toMatchObject({
      category: 3,
      reason: 'Offers received.',
      parts: ['documents', 'reasons'],
    });
  });

  it('says what a step’s form lacks, and who changed the decision meanwhile', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const list = await secretary.get('/decisions?stage=taken').expect(200);
    const path = /href="(\/decisions\/[0-9a-f-]{36})"/.exec(list.text)![1];
    const page = await secretary.get(path).expect(200);
    const lacking = await secretary
      .post(`${path}/revocation`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), revokeReason: '', revokedOn: 'soon' })
      .expect(400);
    expect(lacking.text).toContain('Say why it is revoked');
    expect(lacking.text).toContain('Write the date like 30/4/2026, or leave it blank for today');
    const before = await eventCount();
    const stale = await secretary
      .post(`${path}/revocation`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: '1', revokeReason: 'Replaced.' })
      .expect(409);
    expect(stale.text).toMatch(/sam@opcc.example changed this at .*Your changes were not saved/s);
    expect(stale.text).toContain('value="Replaced."');
    expect(await eventCount()).toBe(before);

    const unexplained = await secretary
      .post(`${path}/exemption`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        version: versionOf(page.text),
        exemptCategory: '9',
        exemptReason: '',
      })
      .expect(400);
    expect(textOf(unexplained.text)).toContain('Choose the paragraph of Schedule 12A that applies');
    expect(textOf(unexplained.text)).toContain('Choose the parts that hold exempt information');
    expect(textOf(unexplained.text)).toContain('Say why the information is exempt');
    expect(await eventCount()).toBe(before);
    const marked = await secretary
      .post(`${path}/exemption`)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfOf(page.text))}&version=${versionOf(page.text)}` +
          '&exemptCategory=3&exemptParts=reasons&exemptParts=dispensations&exemptReason=Prices+tendered.',
      )
      .expect(303);
    const shown = textOf((await secretary.get(marked.headers.location).expect(200)).text);
    expect(shown).toContain('parts marked exempt');
    const decision = (
      await api
        .http()
        .get(`/api${path}`)
        .set({ Authorization: `Bearer ${api.token('sam', 'secretary')}` })
        .expect(200)
    ).body as { exemption: object };
    expect(decision.exemption).toMatchObject({
      category: 3,
      reason: 'Prices tendered.',
      parts: ['reasons', 'dispensations'],
    });
  });

  it('offers to record the closing of a call-in window that ran out unrecorded, once', async () => {
    const bearer = { Authorization: `Bearer ${api.token('sam.secretary', 'secretary')}` };
    const step = (id: string, path: string, body: object) =>
      api.http().post(`/api/decisions/${id}/${path}`).set(bearer).send(body).expect(200);
    const { id } = (
      await api
        .http()
        .post('/api/decisions')
        .set(bearer)
        .send({
          subject: 'Award of the estates maintenance contract',
          decisionMaker: 'Police and Crime Commissioner',
          expectedOn: '2026-04-15',
          keyDecision: true,
          significantPublicInterest: false,
          documents: ['Report to the Commissioner'],
        })
        .expect(201)
    ).body as { id: string };
    await step(id, 'notice', { expectedVersion: 1, on: '2026-03-01' });
    await step(id, 'taking', {
      expectedVersion: 2,
      on: '2026-03-30',
      decisionText: 'To award the contract.',
      reasons: 'Best value.',
      alternativesRejected: ['Do nothing'],
      decidedBy: 'The Commissioner',
    });
    // Published 2 April 2026: the window ran to 13 April, and nobody recorded its closing.
    await step(id, 'record-publication', { expectedVersion: 4, on: '2026-04-02' });

    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const page = await secretary.get(`/decisions/${id}`).expect(200);
    expect(page.text).toContain('Close the call-in window');
    await secretary
      .post(`/decisions/${id}/call-in-window-closure`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text) })
      .expect(303);
    const after = await secretary.get(`/decisions/${id}`).expect(200);
    expect(after.text).not.toContain('Close the call-in window');
    expect(textOf(after.text)).toContain('Record it as implemented');
  });

  it('keeps the forward plan with the day each notice is due, and lists decisions by stage', async () => {
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', password);
    const form = await secretary.get('/decisions/new').expect(200);
    const expectedOn = addDays(today(), 20);
    await secretary
      .post('/decisions/new')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        subject: 'Estates strategy refresh',
        decisionMakerOther: 'Police and Crime Commissioner',
        expectedOn,
        keyDecision: 'yes',
        significantPublicInterest: 'no',
        step: 'propose',
      })
      .expect(303);
    const plan = await secretary.get('/forward-plan').expect(200);
    const row = textOf(
      /<tr class="govuk-table__row">(?:(?!<\/tr>)[\s\S])*Estates strategy refresh[\s\S]*?<\/tr>/.exec(
        plan.text,
      )![0],
    );
    expect(row).toContain(`Publish by ${spokenDate(addDays(expectedOn, -29))} Late`);
    expect(row).toContain('Police and Crime Commissioner');
    expect(row).toContain('at risk');
    expect(row).toContain('proposed');
    expect(plan.text).not.toContain('Award of the custody healthcare contract'); // taken: off the plan
    const refused = await secretary.get('/forward-plan?from=soon').expect(400);
    expect(refused.text).toContain('Write the first day like 1/4/2026');

    const proposedOnly = await secretary.get('/decisions?stage=proposed').expect(200);
    expect(proposedOnly.text).toContain('Estates strategy refresh');
    expect(proposedOnly.text).not.toContain('Award of the custody healthcare contract');
    const searched = await secretary.get('/decisions?q=healthcare').expect(200);
    expect(searched.text).toContain('Award of the custody healthcare contract');
    expect(searched.text).not.toContain('Estates strategy refresh');
  });

  it('shows an officer the decision with no form and refuses their post; another body’s is not found', async () => {
    const officer = await signedInAgent(api.app, 'carol@opcc.example', password);
    const list = await officer.get('/decisions').expect(200);
    expect(list.text).not.toContain('Propose a decision');
    const path = /href="(\/decisions\/[0-9a-f-]{36})"/.exec(list.text)![1];
    const page = await officer.get(path).expect(200);
    expect(page.text).not.toContain('data-step=');
    await officer.get('/decisions/new').expect(403);
    await officer
      .post(`${path}/withdrawal`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: versionOf(page.text), withdrawReason: 'No.' })
      .expect(403);
    const outsider = await signedInAgent(api.app, 'otto@other.test', password);
    await outsider.get(path).expect(404);
    await outsider.get('/decisions/not-a-decision').expect(404);
    const theirs = await outsider.get('/decisions').expect(200);
    expect(theirs.text).toContain('No decisions match.');
  });
});
