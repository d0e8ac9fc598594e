import { actionApi, plan } from '../support/action-api';
import { KNOWN_ON_5_OCTOBER as KNOWN, Q2_END as Q2, recordLate } from '../support/late-records';
import { DATABASES, TestApi } from '../support/test-engine';

/**
 * An auditor's two questions on every read: what was in effect on 30 September 2017 (`asOf`), and
 * what had been recorded by 5 October (`knownAt`). The Q2 statuses and a decision taken on 29
 * September are recorded late, on 10 October.
 */
describe.each(DATABASES)('reading as of a day and as known at an instant (%s)', (kind) => {
  let now = new Date('2017-07-05T09:00:00Z');
  let api: TestApi;
  let auth: (token: string) => { Authorization: string };
  let auditor: string;
  let boardId: string;
  let meetingId: string;
  let registerAction: string;
  let decisionId: string;

  const get = async (path: string, query: Record<string, string> = {}) => {
    const response = await api.http().get(`/api${path}`).query(query).set(auth(auditor));
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.type.includes('json') ? response.body : response.text;
  };

  /** Every read the test asks of, as of a day and as known at an instant. */
  const reads = () => [
    `/actions?plan=${encodeURIComponent(plan)}`,
    `/actions/${registerAction}`,
    `/actions/${registerAction}/rag-history`,
    `/reports/rag?plan=${encodeURIComponent(plan)}`,
    `/boards/${boardId}/action-log`,
    `/boards/${boardId}/meetings`,
    `/boards/${boardId}/meetings/${meetingId}`,
    `/boards/${boardId}/meetings/${meetingId}/pack`,
    `/boards/${boardId}/meetings/${meetingId}/minutes.md`,
    `/boards/${boardId}/schedule-of-assurance`,
    `/boards/${boardId}/attendance`,
    `/decisions`,
    `/decisions/register`,
    `/decisions/${decisionId}`,
  ];
  const readAll = async (query: Record<string, string>) => {
    const answers: Record<string, unknown> = {};
    for (const path of reads()) {
      const [route, search] = path.split('?');
      answers[path] = await get(route, {
        ...Object.fromEntries(new URLSearchParams(search ?? '')),
        ...query,
      });
    }
    return answers;
  };
  let knownThen: Record<string, unknown>;

  beforeAll(async () => {
    const fixture = await actionApi(kind, () => now);
    ({ api, auth, auditor } = fixture);
    // What an auditor reading on 5 October saw, before the late records.
    ({ boardId, meetingId, registerAction, decisionId } = await recordLate(
      fixture,
      (instant) => (now = new Date(instant)),
      async (records) => {
        ({ boardId, meetingId, registerAction, decisionId } = records);
        knownThen = await readAll({ asOf: '2017-10-05' });
      },
    ));
  });
  afterAll(() => api?.close());

  it('answers every read known at an instant as it answered then', async () => {
    const known = await readAll({ asOf: '2017-10-05', knownAt: KNOWN });
    // The report says which instant it was asked for; the rest is the same.
    const report = `/reports/rag?plan=${encodeURIComponent(plan)}`;
    expect(known[report]).toMatchObject({ knownAt: KNOWN });
    known[report] = { ...(known[report] as object), knownAt: null };
    expect(known).toEqual(knownThen);
  });

  it('counts the late Q2 statuses as of 30 September, but not as known on 5 October, on every action read', async () => {
    const asOf = { asOf: Q2 };
    const known = { asOf: Q2, knownAt: KNOWN };
    const register = async (query: Record<string, string>) =>
      (await get('/actions', { plan, ...query })).items.map((a: { ref: string; status: string }) => [
        a.ref,
        a.status,
      ]);
    expect(await register(asOf)).toEqual([['T01', 'GREEN']]);
    expect(await register(known)).toEqual([['T01', 'AMBER']]);
    expect((await get(`/actions/${registerAction}`, asOf)).status).toBe('GREEN');
    expect((await get(`/actions/${registerAction}`, known)).status).toBe('AMBER');
    const history = async (query: Record<string, string>) =>
      (await get(`/actions/${registerAction}/rag-history`, query)).history.map(
        (e: { status: string }) => e.status,
      );
    expect(await history(asOf)).toEqual(['AMBER', 'GREEN']);
    expect(await history(known)).toEqual(['AMBER']);
    expect(await history({ asOf: '2017-08-31' })).toEqual(['AMBER']);
    const report = async (query: Record<string, string>) =>
      (await get('/reports/rag', { plan, ...query })).counts.GREEN.count;
    expect(await report(asOf)).toBe(1);
    expect(await report(known)).toBe(0);
    const logStatus = async (query: Record<string, string>) =>
      (await get(`/boards/${boardId}/action-log`, query))[0].status;
    expect(await logStatus(asOf)).toBe('GREEN');
    expect(await logStatus(known)).toBeNull();
    expect(await get(`/boards/${boardId}/action-log`, { asOf: '2017-09-19' })).toEqual([]);
    const pack = async (query: Record<string, string>) => {
      const { items } = await get(`/boards/${boardId}/meetings/${meetingId}/pack`, query);
      return [items[0].actions[0].action.status, items[0].decisions[0].status];
    };
    expect(await pack(asOf)).toEqual(['GREEN', 'taken']);
    expect(await pack(known)).toEqual(['AMBER', 'notice published']);
  });

  it('counts the decision taken on 29 September as of 30 September, but not as known on 5 October', async () => {
    const statusOf = async (query: Record<string, string>) =>
      (await get(`/decisions/${decisionId}`, query)).status;
    expect(await statusOf({ asOf: Q2 })).toBe('taken');
    expect(await statusOf({ asOf: Q2, knownAt: KNOWN })).toBe('notice published');
    expect(await statusOf({ asOf: '2017-09-28' })).toBe('notice published');
    const registered = async (query: Record<string, string>) =>
      (await get('/decisions/register', query)).items.map((d: { id: string }) => d.id);
    expect(await registered({ asOf: Q2 })).toEqual([decisionId]);
    expect(await registered({ asOf: Q2, knownAt: KNOWN })).toEqual([]);
    expect(await registered({ asOf: '2017-09-28' })).toEqual([]);
    // Not yet proposed on 31 July.
    expect((await get('/decisions', { asOf: '2017-07-31' })).items).toEqual([]);
    const missing = await api
      .http()
      .get(`/api/decisions/${decisionId}`)
      .query({ asOf: '2017-07-31' })
      .set(auth(auditor));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('in effect on 2017-07-31');
    const planned = async (query: Record<string, string>) =>
      (await get('/forward-plan', { from: '2017-09-01', to: '2017-12-31', ...query })).items.map(
        (d: { id: string }) => d.id,
      );
    expect(await planned({ knownAt: KNOWN })).toEqual([decisionId]);
    expect(await planned({})).toEqual([]);
  });

  it('shows the meeting as it stood on a day, and as known before its outcome was recorded', async () => {
    const meeting = async (query: Record<string, string>) =>
      get(`/boards/${boardId}/meetings/${meetingId}`, query);
    expect(await meeting({ asOf: '2017-09-19' })).toMatchObject({ stage: 'scheduled', held: null });
    expect((await meeting({ asOf: '2017-09-19' })).items[0]).toMatchObject({
      outcome: null,
      minuteNumber: null,
    });
    expect(await meeting({ asOf: Q2 })).toMatchObject({ stage: 'held' });
    expect(await meeting({ knownAt: '2017-09-20T14:00:00Z' })).toMatchObject({ stage: 'scheduled' });
    const listed = await get(`/boards/${boardId}/meetings`, { asOf: '2017-09-19' });
    expect(listed.map((m: { stage: string }) => m.stage)).toEqual(['scheduled', 'scheduled']);
    const minutes = async (query: Record<string, string>) =>
      get(`/boards/${boardId}/meetings/${meetingId}/minutes.md`, query);
    expect(await minutes({ asOf: Q2 })).toContain('That the custody audit be reported back.');
    expect(await minutes({ knownAt: '2017-09-20T14:00:00Z' })).not.toContain(
      'That the custody audit be reported back.',
    );
    const gone = await api
      .http()
      .get(`/api/boards/${boardId}`)
      .query({ knownAt: '2017-07-31T00:00:00Z' })
      .set(auth(auditor));
    expect(gone.status).toBe(404);
  });

  it('refuses a malformed time with 400 naming it', async () => {
    for (const [query, field] of [
      [{ asOf: '2017-13-01' }, 'asOf'],
      [{ knownAt: 'yesterday' }, 'knownAt'],
    ] as const) {
      for (const path of [
        `/api/actions/${registerAction}`,
        `/api/boards/${boardId}/meetings`,
        `/api/decisions`,
      ]) {
        const response = await api.http().get(path).query(query).set(auth(auditor));
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(JSON.stringify(response.body)).toContain(field);
      }
    }
  });
});
