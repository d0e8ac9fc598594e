import { startTestApi, TestApi } from '../support/test-engine';

/** Seed 003: the Commissioner's decisions run on from Executive Decision 66; a PCC has no call-in. */
describe("a body's own decision series and call-in", () => {
  let api: TestApi;
  let secretary: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const act = async (path: string, body: object, status = 200) => {
    const response = await api.http().post(`/api${path}`).set(auth(secretary)).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status });
    return response.body;
  };
  const read = async (id: string) =>
    (await api.http().get(`/api/decisions/${id}`).set(auth(secretary)).expect(200)).body;
  const settings = async (change: object, status = 200) => {
    const admin = auth(api.token('root', 'admin', 'all'));
    const { body } = await api.http().get('/api/bodies/pcc').set(admin).expect(200);
    const response = await api
      .http()
      .patch('/api/bodies/pcc/settings')
      .set(admin)
      .send({ expectedVersion: body.version, ...change });
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    return response.body;
  };
  /** Proposed, taken on `takenOn` and its record published the next day. */
  const decided = async (subject: string, takenOn: string, publishedOn: string) => {
    const { id } = await act(
      '/decisions',
      {
        subject,
        decisionMaker: 'Police and Crime Commissioner',
        expectedOn: takenOn,
        keyDecision: false,
        significantPublicInterest: false,
      },
      201,
    );
    const taken = await act(`/decisions/${id}/taking`, {
      expectedVersion: 1,
      on: takenOn,
      decisionText: 'Approved.',
      reasons: 'Value for money.',
      decidedBy: 'Sir Clive Loader',
    });
    await act(`/decisions/${id}/record-publication`, { expectedVersion: taken.version, on: publishedOn });
    return read(id);
  };

  beforeAll(async () => {
    api = await startTestApi('pglite');
    await api
      .http()
      .post('/api/bodies')
      .set(auth(api.token('root', 'admin', 'all')))
      .send({ id: 'pcc', name: 'Leicestershire OPCC' })
      .expect(201);
    secretary = api.token('sam', 'secretary', ['pcc']);
  });
  afterAll(() => api?.close());

  it('numbers from the paper series, under its label, with no call-in for a PCC', async () => {
    const refused = await settings({ decisions: { firstNumber: 0, seriesLabel: '' } }, 400);
    expect(refused.message).toMatch(/decisions\.firstNumber/);
    await settings({
      decisions: { subjectToCallIn: false, firstNumber: 66, seriesLabel: 'Executive Decision' },
    });

    const estates = await decided('Estates Strategy - Northern Accommodation', '2016-07-20', '2016-07-21');
    expect(estates).toMatchObject({
      number: 66,
      title: 'Executive Decision 66',
      callIn: 'not applicable',
      status: 'awaiting implementation',
    });
    await settings({ decisions: { seriesLabel: 'Executive Order' } });
    const audit = await decided('Public Sector Audit Appointments', '2016-07-25', '2016-07-26');
    expect(audit).toMatchObject({ number: 67, title: 'Executive Order 67' });
  });

  it("shows a council's call-in window that ran out long ago as over, though nobody closed it", async () => {
    await settings({ decisions: { subjectToCallIn: true } });
    // Published Thursday 21 July 2016: five working days run to Thursday 28 July.
    const old = await decided('Contract for Building Cleaning Services', '2016-07-20', '2016-07-21');
    expect(old).toMatchObject({
      callIn: 'cleared',
      callInClosesOn: '2016-07-28',
      status: 'awaiting implementation',
    });
  });
});
