import { handleCommand } from '#application/command-handling';
import { decisionNumbersStream, decisionStream } from '#domain/shared/record-ids';
import { decisionDecider } from '#domain/decision/decision.decider';
import { DEFAULT_STATUTORY_PERIODS } from '#domain/decision/statutory-clock';
import { DATABASES, openTestDatabase, startTestApi, TestApi } from '../support/test-engine';

const TAKES = 50;

describe.each(DATABASES)('decision numbering under concurrency (%s)', (kind) => {
  let first: TestApi;
  let second: TestApi;
  const auth = (api: TestApi) => ({ Authorization: `Bearer ${api.token('sam.secretary', 'secretary')}` });
  const proposal = {
    subject: 'A routine decision',
    decisionMaker: 'Chief Executive',
    expectedOn: '2026-05-01',
    keyDecision: false,
    significantPublicInterest: false,
  };

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    first = await startTestApi(kind, database);
    // A second API instance on the same database: its own pool on PostgreSQL, the one PGlite otherwise.
    second = await startTestApi(kind, database, kind === 'postgres' ? database.open() : undefined);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await first?.database.dispose();
  });

  it(`gives ${TAKES} simultaneous takes on two instances the numbers 1-${TAKES}, no gap, no duplicate`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < TAKES; i++) {
      const response = await first.http().post('/api/decisions').set(auth(first)).send(proposal).expect(201);
      ids.push(response.body.id);
    }
    const responses = await Promise.all(
      ids.map((id, i) => {
        const api = i % 2 === 0 ? first : second;
        return api.http().post(`/api/decisions/${id}/taking`).set(auth(api)).send({
          expectedVersion: 1,
          on: '2026-05-01',
          decisionText: 'Agreed.',
          reasons: 'Needed.',
          decidedBy: 'CEO',
        });
      }),
    );
    // Every take is written and numbered; on a busy machine two instances' read models may lag past
    // the wait, which the answer says with 202 (the write stands, its number is in the answer).
    for (const response of responses) expect([200, 202]).toContain(response.status);
    const numbers = responses.map((r) => r.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: TAKES }, (_, i) => i + 1));

    // The body's numbering stream holds exactly one assignment per decision, in order.
    const assigned = await first.engine.store.readStream(decisionNumbersStream('default'));
    expect(assigned.map((e) => (e.data as { number: number }).number)).toEqual(numbers);
    expect(new Set(assigned.map((e) => (e.data as { decisionId: string }).decisionId))).toEqual(new Set(ids));
    // Each decision carries the number the stream gave it, as the other instance reads it.
    await second.engine.projector.waitFor((await second.engine.store.readAll()).at(-1)!.position, 60_000);
    for (const [i, id] of ids.entries()) {
      const { body } = await second.http().get(`/api/decisions/${id}`).set(auth(second)).expect(200);
      expect(body.number).toBe(responses[i].body.number);
    }
  });

  it('finishes a numbering that a crash interrupted, from the log and without a restart, once, whoever runs it', async () => {
    const { body } = await first.http().post('/api/decisions').set(auth(first)).send(proposal).expect(201);
    // Taken, then the process "dies" before numbering: the event is there, the number is not.
    const context = {
      actor: 'sam.secretary',
      actorRole: 'secretary',
      bodies: ['default'],
      command: 'TakeDecision',
      recordedAt: new Date(),
    };
    const taken = await handleCommand(
      first.engine.store,
      decisionDecider,
      {
        type: 'TakeDecision',
        periods: DEFAULT_STATUTORY_PERIODS,
        decisionText: 'Agreed.',
        reasons: 'Needed.',
        alternativesRejected: [],
        conflictsOfInterest: [],
        dispensations: [],
        takenOn: '2026-05-02',
        decidedBy: 'CEO',
      },
      context,
      { streamId: decisionStream(body.id), bodyOf: (d) => d.bodyId },
    );
    expect(taken.position).not.toBeNull();

    // The numbering process of either instance finds the taken decision in the log, without a restart.
    const deadline = Date.now() + 20_000;
    let decision: { number: number | null } = { number: null };
    while (decision.number === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ body: decision } = await first.http().get(`/api/decisions/${body.id}`).set(auth(first)).expect(200));
    }
    expect(decision.number).toBe(TAKES + 1); // the next after the first test's 1-50
    // Both instances run the process; still one number given and one recorded.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await first.engine.store.readStream(decisionNumbersStream('default'));
    expect(
      after.filter((event) => (event.data as { decisionId: string }).decisionId === body.id),
    ).toHaveLength(1);
    const numbered = (await first.engine.store.readStream(decisionStream(body.id))).filter(
      (e) => e.type === 'DecisionNumbered',
    );
    expect(numbered).toHaveLength(1);
  });
});
