import { addPerson, csrfOf, signedInAgent } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('personal API tokens (%s)', (kind) => {
  let api: TestApi;
  let carolId: string;
  const root = () => ({ Authorization: `Bearer ${api.token('root', 'admin', 'all')}` });

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Ann Admin', email: 'ann@example.gov.uk', roles: ['admin'] });
    carolId = await addPerson(
      api,
      { name: 'Carol Reid', email: 'carol@example.gov.uk', roles: ['secretary'] },
      password,
    );
  });
  afterAll(() => api?.close());

  /** Carol signs in, makes a token on her account page, and reads it off the page shown once. */
  const madeToken = async (name: string) => {
    const agent = await signedInAgent(api.app, 'carol@example.gov.uk', password);
    const account = await agent.get('/account').expect(200);
    const made = await agent
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: csrfOf(account.text), name, days: '30' })
      .expect(200);
    expect(made.text).toContain('it is not kept, and will not be shown again');
    const secret = /<code class="app-token" id="token">(gep_[\w-]+)<\/code>/.exec(made.text)![1];
    return { agent, secret };
  };
  const createAction = (secret: string, ref: string) =>
    api
      .http()
      .post('/api/actions')
      .set({ Authorization: `Bearer ${secret}` })
      .send({ ref, plan: 'Plan', title: 'Action', leadOfficers: ['CR'], dueDate: 'Mar-27' });

  it('acts as its person, with their role in its body, and says so in the events', async () => {
    const { secret } = await madeToken('the finance system');
    const created = await createAction(secret, 'TOK-1').expect(201);
    // Read through the store: the actor's email is stored sealed with their key.
    const [event] = await api.engine.store.readStream(`action-${created.body.id}`);
    expect({ actor: event.metadata.actor, role: event.metadata.actorRole }).toEqual({
      actor: 'carol@example.gov.uk',
      role: 'secretary',
    });
    const stored = await api.engine.db.query<{ secret_hash: string }>('SELECT secret_hash FROM api_tokens');
    expect(stored.map((row) => row.secret_hash)).not.toContain(secret);
  });

  it('stops working when revoked, and the account page says so', async () => {
    const { agent, secret } = await madeToken('a script');
    await createAction(secret, 'TOK-2').expect(201);
    const account = await agent.get('/account').expect(200);
    const tokenId = new RegExp(
      `/account/tokens/([\\w-]+)/revocation[\\s\\S]*?Revoke<span class="govuk-visually-hidden"> a script`,
    ).exec(account.text)![1];
    await agent
      .post(`/account/tokens/${tokenId}/revocation`)
      .type('form')
      .send({ _csrf: csrfOf(account.text) })
      .expect(303);
    const refused = await createAction(secret, 'TOK-3').expect(401);
    expect(refused.body.message).toMatch(/unknown, revoked or out of date/);
    expect((await agent.get('/account')).text).toContain('Revoked');
  });

  it('takes the role its person holds now: a role removed stops it at once', async () => {
    const { secret } = await madeToken('short-lived');
    await createAction(secret, 'TOK-4').expect(201);
    await api
      .http()
      .post(`/api/people/${carolId}/role-grants`)
      .set(root())
      .send({ bodyId: 'default', role: 'auditor', reason: 'Audit' })
      .expect(200);
    await api
      .http()
      .post(`/api/people/${carolId}/role-removals`)
      .set(root())
      .send({ bodyId: 'default', role: 'secretary', reason: 'Moved' })
      .expect(200);
    const forbidden = await createAction(secret, 'TOK-5').expect(403);
    expect(forbidden.body.message).toMatch(/role auditor may not do this/);
  });

  it('refuses a token that was never made', async () => {
    await createAction('gep_not-a-real-token-at-all', 'TOK-6').expect(401);
  });
});
