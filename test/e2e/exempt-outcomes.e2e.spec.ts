import { startTestApi, TestApi } from '../support/test-engine';

const SECRET = 'SECRET-tender for the custody contract';

describe('what an exempt agenda item causes stays exempt, with its paragraph', () => {
  let api: TestApi;
  let secretary: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = async (path: string, body: object, status = 200) => {
    const response = await api.http().post(`/api${path}`).set(auth(secretary)).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status });
    return response.body;
  };
  const get = async (path: string) =>
    (await api.http().get(`/api${path}`).set(auth(secretary)).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi('pglite');
    secretary = api.token('sam', 'secretary');
  });
  afterAll(() => api?.close());

  it('marks the decision requested and the action raised by an exempt item exempt, and publishes neither', async () => {
    const board = await post('/boards', { name: 'Strategic Assurance Board', code: 'SAB', members: [] }, 201);
    const meeting = await post(`/boards/${board.id}/meetings`, { date: '2025-07-03', place: 'HQ' }, 201);
    const base = `/boards/${board.id}/meetings/${meeting.id}`;
    const { itemId } = await post(`${base}/agenda-items`, {
      expectedVersion: 1,
      title: SECRET,
      exemption: { category: 3, reason: 'Commercial terms of a live tender.' },
    });
    await post(`${base}/holding`, { expectedVersion: 2, on: '2025-07-03' });
    await post(`${base}/agenda-items/${itemId}/outcome`, {
      expectedVersion: 4, // holding numbered the minutes too
      outcome: { kind: 'decision requested' },
      actions: [{ title: `${SECRET}: evaluate bids`, owner: 'Head of Procurement', dueOn: '2025-09-01' }],
      decisions: [
        {
          subject: `${SECRET}: award`,
          decisionMaker: 'PCC',
          expectedOn: '2025-10-01',
          keyDecision: false,
          significantPublicInterest: false,
        },
      ],
    });

    const [decision] = (await get('/decisions?q=SECRET')).items;
    expect(decision.exemption).toMatchObject({
      category: 3,
      reason: 'Commercial terms of a live tender.',
      parts: expect.arrayContaining(['subject', 'decisionText', 'reasons']),
    });
    const published = await api.http().get(`/api/public/bodies/default/decisions/${decision.id}`);
    expect(published.text).not.toContain('SECRET');
    const register = await api.http().get('/api/public/bodies/default/decision-register.csv');
    expect(register.text).not.toContain('SECRET');

    const [action] = (await get(`/boards/${board.id}/action-log`)) as { actionId: string }[];
    expect((await get(`/actions/${action.actionId}`)).exemption).toEqual({
      category: 3,
      reason: 'Commercial terms of a live tender.',
    });
    const history = (await get(`/audit?entityId=${action.actionId}`)).items.map(
      (entry: { eventType: string }) => entry.eventType,
    );
    expect(history).toEqual(['ActionCreated', 'ActionMarkedExempt']);
  });
});
