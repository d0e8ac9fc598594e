import { INestApplication } from '@nestjs/common';
import pino from 'pino';
import request from 'supertest';
import { Engine, openEngine } from '#engine/engine';
import { createHttpApp } from '../../apps/api/src/http-app';
import { DATABASES, openTestDatabase, testConfig } from '../support/test-engine';
import { TestDatabase } from '../support/databases';

/**
 * Every write that answers with a version is seen at that version by the very next read. The
 * projector here sleeps a minute between looks unless someone waits on it, so a write that
 * answered before its read models showed it would be read stale, and this would fail.
 */
describe.each(DATABASES)('reads after a write (%s)', (kind) => {
  let database: TestDatabase;
  let engine: Engine;
  let app: INestApplication;
  let secretary: string;
  let admin: string;
  const exercised = new Set<string>();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    engine = await openEngine(testConfig(), {
      db: database.db,
      log: pino({ level: 'silent' }),
      projectorIdleMs: 60_000,
    });
    app = await createHttpApp(engine);
    await app.listen(0, '127.0.0.1');
    secretary = engine.tokens.issue({ user: 'sam.secretary', role: 'secretary', bodies: ['default'] });
    admin = engine.tokens.issue({ user: 'root', role: 'admin', bodies: 'all' });
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await database?.dispose();
  });

  const http = () => request(app.getHttpServer());
  const read = async (path: string, token = secretary) =>
    (
      await http()
        .get(path)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200)
    ).body as {
      version: number;
    } & Record<string, unknown>;

  /**
   * Writes, then reads `readPath` at once and expects the version the write answered with.
   * `route` is the OpenAPI path the write was sent to (checked against the document below).
   */
  const write = async (
    route: string,
    path: string,
    body: object,
    readPath: string,
    options: { method?: 'post' | 'patch'; token?: string } = {},
  ) => {
    const method = options.method ?? 'post';
    const sent = { expectedVersion: (await read(readPath, options.token)).version, ...body };
    const agent = http();
    const response = await (method === 'patch' ? agent.patch(path) : agent.post(path))
      .set({ Authorization: `Bearer ${options.token ?? secretary}` })
      .send(sent);
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`${route} answered ${response.status}: ${JSON.stringify(response.body)}`);
    const answered = response.body as { id?: string; version: number } & Record<string, unknown>;
    expect(typeof answered.version).toBe('number');
    expect({ route, version: (await read(readPath, options.token)).version }).toEqual({
      route,
      version: answered.version,
    });
    exercised.add(`${method.toUpperCase()} ${route}`);
    return answered;
  };
  /** A creation: the record to read is named by the answer. */
  const create = async (
    route: string,
    path: string,
    body: object,
    readOf: (id: string) => string,
    token = secretary,
  ) => {
    const response = await http()
      .post(path)
      .set({ Authorization: `Bearer ${token}` })
      .send(body);
    if (response.status !== 201)
      throw new Error(`${route} answered ${response.status}: ${JSON.stringify(response.body)}`);
    // Where its time went, for the caller to see (issue 16's breakdown).
    expect(response.headers['server-timing']).toMatch(/load;dur=.*append;dur=.*wait;dur=.*total;dur=/);
    const answered = response.body as { id: string; version: number };
    expect({ route, version: (await read(readOf(answered.id), token)).version }).toEqual({
      route,
      version: answered.version,
    });
    exercised.add(`POST ${route}`);
    return answered;
  };

  it('shows every action step at once', async () => {
    const action = (id: string) => `/api/actions/${id}`;
    const { id } = await create(
      '/api/actions',
      '/api/actions',
      { ref: 'RYW-1', plan: 'Plan', title: 'Action', leadOfficers: ['CR'], dueDate: 'Mar-27' },
      action,
    );
    const step = (name: string, body: object) =>
      write(`/api/actions/{id}/${name}`, `${action(id)}/${name}`, body, action(id));
    await step('status', { status: 'GREEN', commentary: 'On track.' });
    await step('progress', { note: 'Met the supplier.' });
    await step('due-date', { dueDate: 'Jun-27', reason: 'Supplier late.' });
    await step('lead', { leadOfficers: ['KH'], reason: 'New post holder.' });
    const history = (
      await http()
        .get(`${action(id)}/rag-history`)
        .set({ Authorization: `Bearer ${secretary}` })
        .expect(200)
    ).body as { history: { eventId: string; status?: string }[] };
    const status = history.history.find((entry) => entry.status === 'GREEN')!;
    await step('corrections', { correctsEventId: status.eventId, reason: 'Mistyped.', status: 'AMBER' });
    await step('complete', { commentary: 'Done.' });
    await step('reopen', { reason: 'Not done after all.' });
    await step('complete', { commentary: 'Done now.' });
    await step('close', { commentary: 'Closed by the board.' });
    const other = await create(
      '/api/actions',
      '/api/actions',
      { ref: 'RYW-2', plan: 'Plan', title: 'Another', leadOfficers: ['CR'], dueDate: 'Mar-27' },
      action,
    );
    await write(
      '/api/actions/{id}/cancel',
      `${action(other.id)}/cancel`,
      { reason: 'Dropped.' },
      action(other.id),
    );
  });
  it('shows every board, meeting and minutes step at once', async () => {
    const board = (id: string) => `/api/boards/${id}`;
    const { id: boardId } = await create(
      '/api/boards',
      '/api/boards',
      {
        name: 'Joint Audit Committee',
        code: 'JAC',
        members: [{ name: 'Cllr Chair', role: 'Chair' }],
        cadence: { every: 3, unit: 'months' },
      },
      board,
    );
    const boards = (route: string, body: object) =>
      write(`/api/boards/{boardId}/${route}`, `${board(boardId)}/${route}`, body, board(boardId));
    await boards('members', {
      members: [
        { name: 'Cllr Chair', role: 'Chair' },
        { name: 'Cllr Member', role: 'Member' },
      ],
    });
    const { matterId } = (await boards('assurance-matters', {
      title: 'Treasury management',
      owner: 'Chief Finance Officer',
      frequencyMonths: 6,
      firstDueOn: '2027-03-01',
    })) as unknown as { matterId: string };
    await write(
      '/api/boards/{boardId}/assurance-matters/{matterId}/retirement',
      `${board(boardId)}/assurance-matters/${matterId}/retirement`,
      { reason: 'Now reported elsewhere.' },
      board(boardId),
    );

    const meetingPath = (id: string) => `${board(boardId)}/meetings/${id}`;
    const schedule = (date: string) =>
      create(
        '/api/boards/{boardId}/meetings',
        `${board(boardId)}/meetings`,
        { date, place: 'HQ' },
        meetingPath,
      );
    const first = (await schedule('2026-06-01')).id;
    const second = (await schedule('2026-07-01')).id;
    const cancelled = (await schedule('2026-08-01')).id;
    const meeting = (id: string, route: string, body: object = {}) =>
      write(
        `/api/boards/{boardId}/meetings/{meetingId}/${route}`,
        `${meetingPath(id)}/${route.replace('{itemId}', String(body && (body as { itemId?: string }).itemId))}`,
        body,
        meetingPath(id),
      );
    await meeting(cancelled, 'cancellation', { reason: 'No business.' });
    await meeting(first, 'rescheduling', { date: '2026-06-02', place: 'HQ', reason: 'Clash.' });
    const items: string[] = [];
    for (const title of ['Minutes', 'Treasury report', 'Late item'])
      items.push(((await meeting(first, 'agenda-items', { title })) as unknown as { itemId: string }).itemId);
    await meeting(first, 'agenda-order', { order: [items[1], items[0], items[2]] });
    await write(
      '/api/boards/{boardId}/meetings/{meetingId}/agenda-items/{itemId}/withdrawal',
      `${meetingPath(first)}/agenda-items/${items[2]}/withdrawal`,
      { reason: 'Not ready.' },
      meetingPath(first),
    );
    await meeting(first, 'agenda-issue', { on: '2026-05-20' });
    await meeting(first, 'attendance', { chair: 'Cllr Chair', present: ['Cllr Member'] });
    await meeting(first, 'declarations', { member: 'Cllr Member', nature: 'a personal interest' });
    await meeting(first, 'declarations', { member: 'Cllr Chair', nature: 'recorded in error' });
    await write(
      '/api/boards/{boardId}/meetings/{meetingId}/declarations/{declaration}/withdrawal',
      `${meetingPath(first)}/declarations/1/withdrawal`,
      { reason: 'Recorded in error.' },
      meetingPath(first),
    );
    await meeting(first, 'holding', { on: '2026-06-02' });
    for (const itemId of items.slice(0, 2))
      await write(
        '/api/boards/{boardId}/meetings/{meetingId}/agenda-items/{itemId}/outcome',
        `${meetingPath(first)}/agenda-items/${itemId}/outcome`,
        { outcome: { kind: 'noted', text: 'Noted.' } },
        meetingPath(first),
      );
    await write(
      '/api/boards/{boardId}/meetings/{meetingId}/agenda-items/{itemId}/outcome-amendment',
      `${meetingPath(first)}/agenda-items/${items[0]}/outcome-amendment`,
      { outcome: { kind: 'noted', text: 'Noted as read.' }, reason: 'The wording.' },
      meetingPath(first),
    );
    await meeting(first, 'minutes-draft', { on: '2026-06-05' });
    await meeting(second, 'agenda-items', { title: 'Minutes of the last meeting' });
    await meeting(second, 'holding', { on: '2026-07-01' });
    const { items: secondItems } = (await read(meetingPath(second))) as unknown as {
      items: { minuteNumber: number }[];
    };
    await meeting(first, 'minutes-approval', {
      on: '2026-07-01',
      approvedAtMeetingId: second,
      minuteNumber: secondItems[0].minuteNumber,
    });
    await meeting(first, 'minutes-publication', { on: '2026-07-02' });
    await meeting(first, 'minutes-correction', {
      on: '2026-07-01',
      correctedAtMeetingId: second,
      minuteNumber: secondItems[0].minuteNumber,
      correction: 'For noted read noted as read.',
    });

    // A year planned answers with the meetings it scheduled: each is read at once.
    const planned = await http()
      .post(`${board(boardId)}/calendar`)
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ from: '2027-01-14', place: 'HQ' })
      .expect(201);
    const scheduled = planned.body.scheduled as { id: string; date: string }[];
    expect(scheduled.map((each) => each.date)).toEqual([
      '2027-01-14',
      '2027-04-08',
      '2027-07-08',
      '2027-10-14',
    ]);
    for (const { id } of scheduled)
      expect(await read(meetingPath(id))).toMatchObject({ version: 1, provisional: true });
    exercised.add('POST /api/boards/{boardId}/calendar');
    await meeting(scheduled[0].id, 'confirmation', { on: '2026-12-01' });
  });

  it('shows every decision step at once', async () => {
    const decision = (id: string) => `/api/decisions/${id}`;
    const propose = async (keyDecision: boolean) =>
      (
        await create(
          '/api/decisions',
          '/api/decisions',
          {
            subject: 'Custody healthcare contract',
            decisionMaker: 'Police and Crime Commissioner',
            expectedOn: '2026-04-15',
            keyDecision,
            significantPublicInterest: keyDecision,
          },
          decision,
        )
      ).id;
    const step = (id: string, route: string, body: object) =>
      write(`/api/decisions/{id}/${route}`, `${decision(id)}/${route}`, body, decision(id));
    const taking = (on: string) => ({
      on,
      decisionText: 'To award the contract.',
      reasons: 'Best value.',
      decidedBy: 'The Commissioner',
    });

    const key = await propose(true);
    const exemption = { category: 3, reason: 'Commercial terms.', parts: ['reasons'] };
    await step(key, 'exemption', { exemption });
    await step(key, 'exemption-lifting', { reason: 'Contract signed.' });
    await step(key, 'notice', { on: '2026-03-01' });
    await step(key, 'deferral', { expectedOn: '2026-05-01', reason: 'Bids late.' });
    await step(key, 'taking', taking('2026-04-01'));
    await step(key, 'record-publication', { on: '2026-04-02' });
    await step(key, 'call-in', { on: '2026-04-03', calledInBy: ['Cllr Jones'], reason: 'Cost.' });
    await step(key, 'call-in-outcome', { on: '2026-04-10', outcome: 'referred back to decision maker' });
    await step(key, 'reconsideration', { on: '2026-04-15', outcome: 'confirmed' });
    await step(key, 'implementation', { on: '2026-04-20' });

    const exception = await propose(true);
    await step(exception, 'notice', { on: '2026-03-01' });
    await step(exception, 'general-exception', { scrutinyChairInformedOn: '2026-03-02', reason: 'Urgent.' });

    const urgent = await propose(true);
    await step(urgent, 'special-urgency', {
      on: '2026-03-01',
      agreedBy: 'Cllr Chair',
      agreedByRole: 'scrutiny chair',
      reason: 'Danger to life.',
    });

    const withdrawn = await propose(false);
    await step(withdrawn, 'withdrawal', { on: '2026-02-01', reason: 'Not needed.' });

    const earlier = await propose(false);
    await step(earlier, 'taking', taking('2026-05-01'));
    await step(earlier, 'record-publication', { on: '2026-05-01' });
    await step(earlier, 'call-in-window-closure', {});
    const later = await propose(false);
    await step(later, 'taking', taking('2026-07-01'));
    await step(earlier, 'supersession', { on: '2026-07-01', supersededBy: later });
    await step(later, 'revocation', { on: '2026-07-02', reason: 'Quashed.' });
  });

  it("shows a body's registration and settings at once", async () => {
    const body = (id: string) => `/api/bodies/${id}`;
    await create('/api/bodies', '/api/bodies', { id: 'ryw-body', name: 'A PCC' }, body, admin);
    await write(
      '/api/bodies/{id}/settings',
      `${body('ryw-body')}/settings`,
      { statutoryPeriods: { callInWorkingDays: 3 } },
      body('ryw-body'),
      { method: 'patch', token: admin },
    );
  });

  it('shows every directory step at once', async () => {
    const person = (id: string) => `/api/people/${id}`;
    const add = (email: string, roles: string[]) =>
      create(
        '/api/people',
        '/api/people',
        { bodyId: 'default', name: 'Carol Reid', email, roles, reason: 'Appointed.' },
        person,
        admin,
      );
    await add('first.admin@ryw.test', ['admin']);
    const { id } = await add('carol@ryw.test', ['officer']);
    const step = (route: string, body: object) =>
      write(`/api/people/{id}/${route}`, `${person(id)}/${route}`, body, person(id), { token: admin });
    await write(
      '/api/people/{id}',
      person(id),
      { name: 'Carol Reid-Smith', email: 'carol@ryw.test' },
      person(id),
      {
        method: 'patch',
        token: admin,
      },
    );
    await step('disabling', { reason: 'Left.' });
    await step('enabling', { reason: 'Back.' });
    // A role is the body's record: its version is the appointment's, shown beside the roles.
    for (const route of ['role-grants', 'role-removals']) {
      const response = await http()
        .post(`${person(id)}/${route}`)
        .set({ Authorization: `Bearer ${admin}` })
        .send({ bodyId: 'default', role: 'auditor', reason: 'Audit season.' })
        .expect(200);
      const { bodies } = (await read(person(id), admin)) as unknown as {
        bodies: { bodyId: string; roles: string[]; version: number }[];
      };
      expect(bodies).toEqual([
        { bodyId: 'default', roles: response.body.roles, version: response.body.version },
      ]);
      exercised.add(`POST /api/people/{id}/${route}`);
    }
    // Erasure rebuilds the read models before it answers: its version is read at once too.
    await step('disabling', { reason: 'Left for good.' });
    await step('erasure', {});
  });

  it('covers every write the API documents that answers with a version', async () => {
    const document = (await http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method !== 'get')
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Answers with no version: retrying a parked event changes no record; an import answers with
    // its counts (imports.e2e.spec reads the register straight after one and finds every row).
    const unversioned = ['POST /api/projections/retry', 'POST /api/imports'];
    expect(writes.filter((route) => !unversioned.includes(route)).sort()).toEqual([...exercised].sort());
  });
});
