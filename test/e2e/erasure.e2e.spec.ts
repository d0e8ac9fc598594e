import { actionApi, plan, seedAction } from '../support/action-api';
import { DATABASES, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, textOf } from '../support/web-session';

const NAME = 'Chris Rowe';
const EMAIL = 'chris.rowe@opcc.example';
const password = 'correct horse battery staple';

/**
 * A lead officer asks to be erased (UK GDPR): the words naming them were sealed with their key
 * when recorded; destroying the key leaves the events and every chain as they were, and every
 * view reads "erased person" where their name was.
 */
describe.each(DATABASES)('erasing a lead officer (%s)', (kind) => {
  let now = new Date('2017-09-01T09:00:00Z');
  let given: Awaited<ReturnType<typeof actionApi>>;
  let api: TestApi;
  let chris: string;
  let actionId: string;
  let boardId: string;
  let meetingId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const admin = () => auth(given.admin);
  const call = async (
    method: 'get' | 'post',
    path: string,
    body?: object,
    headers = path.startsWith('/people') ? admin() : auth(given.secretary),
  ) => {
    const request = api.http()[method](`/api${path}`).set(headers);
    const response = await (body ? request.send(body) : request);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.type.includes('json') ? response.body : response.text;
  };
  /** What the log holds of them in plain words, in any event's data or metadata. */
  const plainInLog = async () =>
    (
      await api.engine.db.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM events
          WHERE data::text ILIKE '%' || $1 || '%' OR metadata::text ILIKE '%' || $1 || '%'
             OR data::text ILIKE '%' || $2 || '%' OR metadata::text ILIKE '%' || $2 || '%'`,
        [NAME, EMAIL],
      )
    )[0].n;
  const namesThem = (text: string) => text.includes(NAME) || text.toLowerCase().includes(EMAIL);

  beforeAll(async () => {
    given = await actionApi(kind, () => now);
    api = given.api;
    chris = await addPerson(api, {
      name: NAME,
      email: EMAIL,
      roles: ['officer'],
    });
    await addPerson(api, { name: 'Ada Admin', email: 'ada@opcc.example', roles: ['admin'] }, password);
    actionId = (await given.create(seedAction('E01', { leadOfficers: [EMAIL] }))).id;
    // Chris records the status himself: the actor is his name.
    await call(
      'post',
      `/actions/${actionId}/status`,
      { status: 'GREEN', commentary: 'On track', effectiveDate: '2017-06-30', expectedVersion: 1 },
      auth(api.token(NAME, 'officer')),
    );
    // Free text is not searched: a note that names them inside a sentence keeps the name.
    const other = (await given.create(seedAction('E02', { plan: 'Another plan' }))).id;
    await call('post', `/actions/${other}/progress`, {
      note: `${NAME} to report in October`,
      expectedVersion: 1,
    });
    boardId = (
      await call('post', '/boards', {
        name: 'Police and Crime Panel',
        code: 'PCP',
        members: [{ name: 'Cllr Orson', role: 'Chairman' }],
      })
    ).id;
    meetingId = (
      await call('post', `/boards/${boardId}/meetings`, { date: '2017-09-20', place: 'County Hall' })
    ).id;
    const step = async (path: string, body: object) => {
      const { version } = await call('get', `/boards/${boardId}/meetings/${meetingId}`);
      return call('post', `/boards/${boardId}/meetings/${meetingId}/${path}`, {
        expectedVersion: version,
        ...body,
      });
    };
    const { itemId } = await step('agenda-items', { title: 'Finance report', reportAuthor: NAME });
    await step('attendance', {
      chair: 'Cllr Orson',
      present: ['Cllr Orson'],
      apologies: [],
      inAttendance: [NAME],
    });
    await step('holding', { on: '2017-09-20' });
    await step(`agenda-items/${itemId}/outcome`, {
      narrative: [],
      outcome: { kind: 'noted', text: 'Noted.' },
    });
    now = new Date('2017-10-01T09:00:00Z');
  });
  afterAll(() => api?.close());
  /** The action's leads as a reader of its event type alone finds them (a projection catching up). */
  const leadsAsRead = async () => {
    const { events } = await api.engine.store.readAllOfTypes({ types: ['ActionCreated'], maxCount: 1000 });
    const created = events.find((event) => event.streamId === `action-${actionId}`);
    return (created?.data as { leadOfficers: string[] }).leadOfficers;
  };

  it('stores their name or email in plain words only inside free text, and shows them while their key exists', async () => {
    expect(await plainInLog()).toBe(1);
    const register = await call('get', '/actions', undefined, auth(given.auditor));
    expect(register.items.find((a: { id: string }) => a.id === actionId).leadOfficers).toEqual([NAME]);
    expect(namesThem(await call('get', `/boards/${boardId}/meetings/${meetingId}/minutes.md`))).toBe(true);
    expect(await leadsAsRead()).toEqual([NAME]);
  });

  it('refuses to erase someone still working here, or twice', async () => {
    const { version } = await call('get', `/people/${chris}`);
    const refused = await api
      .http()
      .post(`/api/people/${chris}/erasure`)
      .set(admin())
      .send({ expectedVersion: version });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('Disable Chris Rowe first');
  });

  it('erases them: every view reads "erased person", the chains verify, and a replay agrees', async () => {
    const disabled = await call('post', `/people/${chris}/disabling`, {
      reason: 'Left the organisation',
      expectedVersion: (await call('get', `/people/${chris}`)).version,
    });
    const erased = await call('post', `/people/${chris}/erasure`, { expectedVersion: disabled.version });
    // The note that names them inside a sentence is counted: an erasure cannot reach it.
    expect(erased).toMatchObject({ id: chris, erased: true, eventsStillNaming: 1 });

    const register = await call(
      'get',
      `/actions?plan=${encodeURIComponent(plan)}`,
      undefined,
      auth(given.auditor),
    );
    expect(register.items.find((a: { id: string }) => a.id === actionId).leadOfficers).toEqual([
      'erased person',
    ]);
    expect(await leadsAsRead()).toEqual(['erased person']);
    const trail = JSON.stringify(
      await call('get', `/audit?entityId=${actionId}`, undefined, auth(given.auditor)),
    );
    expect(namesThem(trail)).toBe(false);
    expect(trail).toContain('erased person');
    const minutes = await call('get', `/boards/${boardId}/meetings/${meetingId}/minutes.md`);
    expect(namesThem(minutes)).toBe(false);
    expect(minutes).toContain('erased person');
    expect(namesThem(JSON.stringify(await call('get', `/people/${chris}`)))).toBe(false);

    const web = await signedInAgent(api.app, 'ada@opcc.example', password);
    const csv = await web.get(`/actions/register.csv?plan=${encodeURIComponent(plan)}`).expect(200);
    expect(namesThem(csv.text)).toBe(false);
    expect(csv.text).toContain('erased person');

    // The events are as they were: every hash still holds.
    const verified = await call('get', '/audit/verify', undefined, auth(given.auditor));
    expect(verified).toMatchObject({
      verified: true,
      firstBrokenSeq: null,
      store: { verified: true, firstBreak: null },
    });
    // A replay of the log to an instant before the erasure reads the same.
    const replayed = await call('get', '/actions', undefined, auth(given.auditor));
    const known = await call('get', `/actions?knownAt=2017-09-30T00:00:00Z`, undefined, auth(given.auditor));
    expect(known.items.find((a: { id: string }) => a.id === actionId).leadOfficers).toEqual([
      'erased person',
    ]);
    expect(known.items).toEqual(replayed.items);
    expect(await plainInLog()).toBe(1);
  });

  it('records the erasure as an event with nothing about them, and refuses anything more of them', async () => {
    const [erasure] = await api.engine.db.query<{ data: unknown }>(
      `SELECT data FROM events WHERE event_type = 'PersonErased' AND stream_id = $1`,
      [`person-${chris}`],
    );
    expect(erasure.data).toEqual({});
    const again = await api
      .http()
      .post(`/api/people/${chris}/enabling`)
      .set(admin())
      .send({ reason: 'Back', expectedVersion: (await call('get', `/people/${chris}`)).version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PERSON_ERASED');
  });

  it("erases from the person's page, once the admin confirms", async () => {
    const pat = await addPerson(api, {
      name: 'Pat Smith',
      email: 'pat.smith@opcc.example',
      roles: ['officer'],
    });
    await call('post', `/people/${pat}/disabling`, {
      reason: 'Left',
      expectedVersion: (await call('get', `/people/${pat}`)).version,
    });
    const web = await signedInAgent(api.app, 'ada@opcc.example', password);
    const page = await web.get(`/people/${pat}`).expect(200);
    expect(page.text).toContain('data-erasure');
    const form = {
      _csrf: csrfOf(page.text),
      version: /data-erasure>[\s\S]*?name="version" value="(\d+)"/.exec(page.text)![1],
    };
    await web.post(`/people/${pat}/erasure`).type('form').send(form).expect(303);
    expect((await call('get', `/people/${pat}`)).erased).toBe(false);
    await web
      .post(`/people/${pat}/erasure`)
      .type('form')
      .send({ ...form, understood: 'yes' })
      .expect(303);
    const after = textOf((await web.get(`/people/${pat}`).expect(200)).text);
    expect(after).toContain('The person is erased');
    expect(after).not.toContain('Pat Smith');
    expect(await call('get', `/people/${pat}`)).toMatchObject({ erased: true, name: 'erased person' });
  });
});
