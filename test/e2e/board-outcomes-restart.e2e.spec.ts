import { handleCommand } from '#application/command-handling';
import { meetingStream } from '#domain/shared/record-ids';
import { meetingDecider } from '#domain/meeting/meeting.decider';
import { DATABASES, openTestDatabase, startTestApi, TestApi } from '../support/test-engine';

describe.each(DATABASES)('board outcomes across retries, crashes and restarts (%s)', (kind) => {
  let api: TestApi;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const actionsCreated = async () =>
    (
      await api.engine.db.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM events WHERE event_type = 'ActionCreated'",
      )
    )[0].n;

  afterAll(async () => {
    await api?.stop();
    await api?.database.dispose();
  });

  it('creates each raised action once: on a retried request, after a crash, and after a restart that replays everything', async () => {
    const database = await openTestDatabase(kind);
    api = await startTestApi(kind, database);
    const secretary = api.token('sam', 'secretary');
    const send = (path: string, body: object, headers: Record<string, string> = {}) =>
      api.http().post(`/api${path}`).set(auth(secretary)).set(headers).send(body);
    const { body: board } = await send('/boards', {
      name: 'Strategic Assurance Board',
      code: 'SAB',
      members: [],
    }).expect(201);
    const { body: meeting } = await send(`/boards/${board.id}/meetings`, {
      date: '2025-07-03',
      place: 'HQ',
    }).expect(201);
    const first = await send(`/boards/${board.id}/meetings/${meeting.id}/agenda-items`, {
      expectedVersion: 1,
      title: 'Estates',
    }).expect(200);
    const second = await send(`/boards/${board.id}/meetings/${meeting.id}/agenda-items`, {
      expectedVersion: 2,
      title: 'Fleet',
    }).expect(200);
    await send(`/boards/${board.id}/meetings/${meeting.id}/holding`, {
      expectedVersion: 3,
      on: '2025-07-03',
    }).expect(200);

    // A retried request (same Idempotency-Key) answers as the first and raises nothing new.
    const outcome = {
      expectedVersion: 5,
      outcome: { kind: 'action raised' },
      actions: [
        { title: 'Estates strategy to the next board', owner: 'Director of Estates', dueOn: '2025-09-01' },
      ],
    };
    const headers = { 'Idempotency-Key': 'outcome-estates' };
    const recorded = await send(
      `/boards/${board.id}/meetings/${meeting.id}/agenda-items/${first.body.itemId}/outcome`,
      outcome,
      headers,
    ).expect(200);
    const created = await actionsCreated();
    const retried = await send(
      `/boards/${board.id}/meetings/${meeting.id}/agenda-items/${first.body.itemId}/outcome`,
      outcome,
      headers,
    ).expect(200);
    expect(retried.body).toEqual(recorded.body);
    expect(await actionsCreated()).toBe(created);

    // A crash right after the outcome was stored: nothing ran the process in the request.
    await handleCommand(
      api.engine.store,
      meetingDecider,
      {
        type: 'RecordOutcome',
        itemId: second.body.itemId,
        narrative: [],
        discussion: [],
        outcome: { kind: 'action raised' },
        actions: [{ title: 'Fleet replacement plan', owner: 'Head of Fleet', dueOn: '2025-09-01' }],
        decisions: [
          {
            subject: 'Fleet replacement contract',
            decisionMaker: 'PCC',
            expectedOn: '2025-10-01',
            keyDecision: true,
            significantPublicInterest: true,
          },
        ],
        board: { code: 'SAB', actionLogPlan: 'Strategic Assurance Board action log' },
      },
      {
        actor: 'sam',
        actorRole: 'secretary',
        bodies: ['default'],
        command: 'RecordOutcome',
        recordedAt: new Date(),
      },
      { streamId: meetingStream(meeting.id), bodyOf: (m) => m.bodyId },
    );
    // The background process finds it in the log.
    const deadline = Date.now() + 10_000;
    while ((await actionsCreated()) < created + 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await actionsCreated()).toBe(created + 1);

    // Restart on the same database with the process's checkpoint lost: it replays the whole log.
    await api.stop();
    await api.engine.db.query(
      "DELETE FROM projection_checkpoints WHERE projection = 'process:board-outcomes'",
    );
    api = await startTestApi(kind, database, kind === 'postgres' ? database.open() : undefined);
    const last = (await api.engine.store.readAll()).at(-1)!.position;
    const until = Date.now() + 10_000;
    for (;;) {
      const [row] = await api.engine.db.query<{ c: number; p: number }>(
        "SELECT commit_position AS c, prepare_position AS p FROM projection_checkpoints WHERE projection = 'process:board-outcomes'",
      );
      if (
        (row && (row.c > last.commit || (row.c === last.commit && row.p >= last.prepare))) ||
        Date.now() > until
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await actionsCreated()).toBe(created + 1);
    const refs = await api.engine.db.query<{ ref: string }>('SELECT ref FROM board_actions ORDER BY ref');
    expect(refs.map((r) => r.ref)).toEqual(['SAB-2025-07/1', 'SAB-2025-07/2']);
    const proposed = await api.engine.db.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM events WHERE event_type = 'DecisionProposed'",
    );
    expect(proposed[0].n).toBe(1);
  });
});

describe.each(DATABASES)('minute numbering a crash interrupted (%s)', (kind) => {
  let api: TestApi;
  afterAll(() => api?.close());

  it('is finished from the log: the held meeting gets its run of numbers once, without a restart', async () => {
    api = await startTestApi(kind);
    const auth = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    const { body: board } = await api
      .http()
      .post('/api/boards')
      .set(auth)
      .send({ name: 'Panel', code: 'PCP', members: [], firstMinuteNumber: 145 })
      .expect(201);
    const { body: meeting } = await api
      .http()
      .post(`/api/boards/${board.id}/meetings`)
      .set(auth)
      .send({ date: '2015-07-17', place: 'County Hall' })
      .expect(201);
    for (const [i, title] of ['Minutes.', 'Declarations of Interest.'].entries()) {
      await api
        .http()
        .post(`/api/boards/${board.id}/meetings/${meeting.id}/agenda-items`)
        .set(auth)
        .send({ expectedVersion: i + 1, title })
        .expect(200);
    }
    // Held, then the process died before the minutes were numbered.
    const held = await handleCommand(
      api.engine.store,
      meetingDecider,
      { type: 'HoldMeeting', heldOn: '2015-07-17', startTime: null, endTime: null },
      {
        actor: 'sam',
        actorRole: 'secretary',
        bodies: ['default'],
        command: 'HoldMeeting',
        recordedAt: new Date(),
      },
      { streamId: meetingStream(meeting.id), bodyOf: (m) => m.bodyId },
    );
    expect(held.position).not.toBeNull();

    // The numbering process finds the held meeting in the log, without a restart.
    const numbers = async () =>
      (
        await api.http().get(`/api/boards/${board.id}/meetings/${meeting.id}`).set(auth).expect(200)
      ).body.items.map((item: { minuteNumber: number | null }) => item.minuteNumber);
    const deadline = Date.now() + 20_000;
    while ((await numbers())[0] === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const { body } = await api
      .http()
      .get(`/api/boards/${board.id}/meetings/${meeting.id}`)
      .set(auth)
      .expect(200);
    expect(body.items.map((item: { minuteNumber: number }) => item.minuteNumber)).toEqual([145, 146]);
    expect(await api.engine.store.readStream(`minutenumbers-${board.id}`)).toHaveLength(1);
  });
});
