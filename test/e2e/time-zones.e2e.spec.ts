import { startTestApi, TestApi } from '../support/test-engine';

/**
 * Calendar days are the body's own, in its time zone (Europe/London unless set): around midnight
 * in BST a UTC date is a day behind, and across the clock changes the send hour moves with the
 * clocks. The engine's clock is set to the instants that matter.
 */
describe('calendar days and send hours in the body’s time zone', () => {
  let api: TestApi;
  let now = new Date('2026-01-05T09:00:00Z');
  const at = (instant: string) => {
    now = new Date(instant);
  };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let secretary: string;
  let admin: string;
  /** Posts and expects `status`, or any success when none is named. */
  const post = async (path: string, body: object, token = secretary, status?: number) => {
    const response = await api.http().post(path).set(auth(token)).send(body);
    const ok = status === undefined ? response.status < 300 : response.status === status;
    expect({ path, ok, status: response.status, body: response.body }).toMatchObject({ path, ok: true });
    return response.body;
  };
  const get = async (path: string, token = secretary) =>
    (await api.http().get(path).set(auth(token)).expect(200)).body;
  const keyDecision = (expectedOn: string) => ({
    subject: 'Custody healthcare contract',
    decisionMaker: 'Police and Crime Commissioner',
    expectedOn,
    keyDecision: true,
    significantPublicInterest: false,
  });
  const taking = (on: string, expectedVersion: number) => ({
    expectedVersion,
    on,
    decisionText: 'To award the contract.',
    reasons: 'Best value.',
    alternativesRejected: [],
    decidedBy: 'The Commissioner',
  });

  beforeAll(async () => {
    api = await startTestApi('pglite', undefined, undefined, () => now);
    secretary = api.token('sam.secretary', 'secretary');
    admin = api.token('root', 'admin', 'all');
  });
  afterAll(() => api?.close());

  it('dates a key decision’s notice by the UK calendar: at 00:30 BST on 2 June it may be taken from 1 July', async () => {
    at('2027-05-20T10:00:00Z');
    const { id } = await post('/api/decisions', keyDecision('2027-07-15'));
    at('2027-06-01T23:30:00Z'); // 00:30 BST on 2 June
    await post(`/api/decisions/${id}/notice`, { expectedVersion: 1 });
    expect((await get(`/api/decisions/${id}`)).noticePublishedOn).toBe('2027-06-02');
    at('2027-06-30T10:00:00Z');
    const early = await api
      .http()
      .post(`/api/decisions/${id}/taking`)
      .set(auth(secretary))
      .send(taking('2027-06-30', 2))
      .expect(409);
    expect(early.body.message).toMatch(/earliest lawful date is 2027-07-01/);
  });

  it('runs a call-in window from the local day the record went up, over the October clock change', async () => {
    at('2026-10-01T10:00:00Z');
    const { id } = await post('/api/decisions', { ...keyDecision('2026-10-22'), keyDecision: false });
    await post(`/api/decisions/${id}/taking`, taking('2026-10-22', 1));
    at('2026-10-22T23:30:00Z'); // 00:30 BST on Friday 23 October
    const { version } = await get(`/api/decisions/${id}`);
    await post(`/api/decisions/${id}/record-publication`, { expectedVersion: version });
    const published = await get(`/api/decisions/${id}`);
    // Five working days after Friday 23 October (the clocks go back on Sunday 25th): Friday 30th.
    expect(published).toMatchObject({ recordPublishedOn: '2026-10-23', callInClosesOn: '2026-10-30' });
    at('2026-10-30T23:30:00Z'); // 23:30 GMT on the 30th: the window is still open
    await post(
      `/api/decisions/${id}/call-in-window-closure`,
      { expectedVersion: published.version },
      secretary,
      409,
    );
    at('2026-10-31T00:30:00Z');
    await post(`/api/decisions/${id}/call-in-window-closure`, { expectedVersion: published.version });
  });

  it('sends reminders at 08:00 on the UK clock on both sides of each clock change', async () => {
    at('2026-01-05T09:00:00Z');
    const fireTimes = async (dueDate: string) => {
      const { id } = await post('/api/actions', {
        ref: `TZ-${dueDate}`,
        plan: 'Time zones',
        title: `Due ${dueDate}`,
        leadOfficers: ['CR'],
        dueDate,
      });
      const { items } = await get(`/api/reminders?subjectId=${id}&limit=50`);
      return Object.fromEntries(
        (items as { kind: string; fireAt: string; offsetDays?: number }[])
          .filter((reminder) => reminder.kind !== 'overdue')
          .map((reminder) => [reminder.fireAt.slice(0, 10), reminder.fireAt.slice(11, 16)]),
      );
    };
    // 2026: forward on 29 March, back on 25 October; 2027: 28 March and 31 October.
    expect(await fireTimes('2026-03-30')).toEqual({
      '2026-03-16': '08:00',
      '2026-03-23': '08:00',
      '2026-03-29': '07:00',
      '2026-03-30': '07:00',
    });
    expect(await fireTimes('2026-10-26')).toEqual({
      '2026-10-12': '07:00',
      '2026-10-19': '07:00',
      '2026-10-25': '08:00',
      '2026-10-26': '08:00',
    });
    expect(await fireTimes('2027-03-29')).toEqual({
      '2027-03-15': '08:00',
      '2027-03-22': '08:00',
      '2027-03-28': '07:00',
      '2027-03-29': '07:00',
    });
    expect(await fireTimes('2027-11-01')).toEqual({
      '2027-10-18': '07:00',
      '2027-10-25': '07:00',
      '2027-10-31': '08:00',
      '2027-11-01': '08:00',
    });
  });

  it('completes an action on its due day when it is done at 00:30 local on that day', async () => {
    at('2026-06-01T09:00:00Z');
    const { id } = await post('/api/actions', {
      ref: 'TZ-TODAY',
      plan: 'Time zones',
      title: 'Due on the 15th',
      leadOfficers: ['CR'],
      dueDate: '2026-06-15',
    });
    at('2026-06-14T23:30:00Z'); // 00:30 BST on the 15th
    await post(`/api/actions/${id}/complete`, { expectedVersion: 1, commentary: 'Done.' });
    const action = await get(`/api/actions/${id}`);
    expect(action).toMatchObject({ lifecycle: 'completed', status: 'BLUE', statusEffectiveOn: '2026-06-15' });
  });

  it('keeps another body’s calendar in its own zone, and refuses a zone that does not exist', async () => {
    at('2027-05-20T10:00:00Z');
    await post('/api/bodies', { id: 'new-york', name: 'A body in New York' }, admin, 201);
    const { version } = await get('/api/bodies/new-york', admin);
    const refused = await api
      .http()
      .patch('/api/bodies/new-york/settings')
      .set(auth(admin))
      .send({ expectedVersion: version, timeZone: 'America/Gotham' })
      .expect(400);
    expect(refused.body).toMatchObject({ field: 'timeZone' });
    expect(refused.body.message).toMatch(/America\/Gotham" is not a time zone/);
    await api
      .http()
      .patch('/api/bodies/new-york/settings')
      .set(auth(admin))
      .send({ expectedVersion: version, timeZone: 'America/New_York' })
      .expect(200);
    const nySecretary = api.token('nina', 'secretary', ['new-york']);
    const { id } = await post('/api/decisions', keyDecision('2027-07-15'), nySecretary);
    at('2027-06-02T03:30:00Z'); // 23:30 EDT on 1 June; already 2 June in London
    await post(`/api/decisions/${id}/notice`, { expectedVersion: 1 }, nySecretary);
    expect((await get(`/api/decisions/${id}`, nySecretary)).noticePublishedOn).toBe('2027-06-01');
  });
});
