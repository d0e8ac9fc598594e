import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { markRebuildFinished, markRebuildStarted } from '../../libs/projections/src/rebuild-in-progress';
import { BullmqReminders } from '../../libs/reminders/src/bullmq-reminders';
import { InProcessReminders } from '../../libs/reminders/src/in-process-reminders';
import { EmailNotifier, LogNotifier, WebhookNotifier } from '../../libs/reminders/src/notifiers';
import { ReminderDelivery } from '../../libs/reminders/src/reminder-delivery';
import { describeWithRedis, redisUrl } from '../support/databases';
import { TestSmtpServer } from '../support/smtp';
import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The engine, its clock that tests move, an SMTP server, and helpers to drive actions and read reminders. */
async function reminderHarness(kind: 'pglite' | 'postgres') {
  let now = new Date('2026-03-01T09:00:00.000Z');
  const clock = () => now;
  const api: TestApi = await startTestApi(kind, undefined, undefined, clock);
  const smtp = new TestSmtpServer();
  await smtp.start();
  const admin = api.token('root', 'admin', 'all');
  const secretary = api.token('sam', 'secretary');
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  await api
    .http()
    .patch('/api/bodies/default/settings')
    .set(auth(admin))
    .send({
      expectedVersion: 1,
      reminders: {
        contacts: [
          { name: 'CR', email: 'cr@force.example', manager: 'DCC' },
          { name: 'DCC', email: 'dcc@force.example' },
          { name: 'Secretary', email: 'secretary@opcc.example' },
        ],
      },
    })
    .expect(200);

  const delivery = (options: { maxAttempts?: number } = {}) =>
    new ReminderDelivery(
      api.engine.db,
      api.engine.store,
      clock,
      { log: new LogNotifier(log), email: new EmailNotifier(smtp.url, 'reminders@opcc.example') },
      log,
      { leaseMs: 60_000, backoffMs: () => 30_000, ...options },
    );

  return {
    api,
    smtp,
    delivery,
    setTime: (iso: string) => {
      now = new Date(iso);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    async createAction(ref: string, dueDate: string): Promise<string> {
      const { body } = await api
        .http()
        .post('/api/actions')
        .set(auth(secretary))
        .send({ ref, plan: 'Reminders plan', title: `Action ${ref}`, leadOfficers: ['CR'], dueDate })
        .expect(201);
      return body.id;
    },
    async change(actionId: string, step: string, body: object): Promise<void> {
      const { body: action } = await api
        .http()
        .get(`/api/actions/${actionId}`)
        .set(auth(secretary))
        .expect(200);
      await api
        .http()
        .post(`/api/actions/${actionId}/${step}`)
        .set(auth(secretary))
        .send({ expectedVersion: action.version, ...body })
        .expect(200);
    },
    async reminders(
      subjectId: string,
    ): Promise<{ id: string; status: string; kind: string; recipient: string; fireAt: string }[]> {
      const { body } = await api
        .http()
        .get(`/api/reminders?subjectId=${subjectId}&limit=500`)
        .set(auth(secretary))
        .expect(200);
      return body.items;
    },
    async sentEvents(reminderId: string): Promise<number> {
      const rows = await api.engine.db.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM events WHERE stream_id = $1 AND event_type = 'ReminderSent'",
        [`reminder-${reminderId}`],
      );
      return rows[0].n;
    },
    /** Nothing due by the engine's clock is left unsent. */
    async settled(): Promise<boolean> {
      const rows = await api.engine.db.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM reminders
          WHERE (status = 'pending' AND coalesce(next_attempt_at, fire_at) <= $1) OR status = 'sending'`,
        [clock().toISOString()],
      );
      return rows[0].n === 0;
    },
    async close() {
      await api.close();
      await smtp.stop();
    },
  };
}

type Harness = Awaited<ReturnType<typeof reminderHarness>>;

/** Every reminder of the subject that went out went out exactly once, by email and in the log. */
async function expectEachSentOnce(h: Harness, subjectId: string): Promise<string[]> {
  const sent = (await h.reminders(subjectId)).filter((r) => r.status === 'sent');
  for (const reminder of sent) {
    expect({
      reminder: reminder.id,
      emails: h.smtp.countFor(reminder.id),
      events: await h.sentEvents(reminder.id),
    }).toEqual({
      reminder: reminder.id,
      emails: 1,
      events: 1,
    });
  }
  return sent.map((r) => r.kind);
}

describe.each(DATABASES)('reminders sent by the in-process scheduler (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await reminderHarness(kind);
  });
  afterAll(() => h?.close());

  it('sends what is due once per pass and nothing again', async () => {
    const actionId = await h.createAction('IP1', '2026-03-20');
    const loop = new InProcessReminders(h.delivery(), log);
    h.setTime('2026-03-13T08:00:00.000Z');
    expect(await loop.tick()).toBe(2); // 14 and 7 days before
    expect(await loop.tick()).toBe(0);
    expect(await expectEachSentOnce(h, actionId)).toEqual(['due soon', 'due soon']);
  });

  it('does not send again a reminder whose worker recorded it and died before marking the row', async () => {
    h.setTime('2026-03-21T09:00:00.000Z');
    const actionId = await h.createAction('IP6', '2026-04-10');
    h.setTime('2026-03-27T08:00:00.000Z');
    const [first] = await h.reminders(actionId);
    const recorded = await h.api.engine.store.append(
      `reminder-${first.id}`,
      [
        {
          id: randomUUID(),
          type: 'ReminderSent',
          schemaVersion: 1,
          data: {
            kind: first.kind,
            subjectType: 'action',
            subjectId: actionId,
            subjectLabel: 'IP6',
            recipient: 'CR',
            targetDate: '2026-04-10',
            fireAt: first.fireAt,
            message: 'x',
            channel: 'email',
            address: 'cr@force.example',
            attempts: 1,
          },
          metadata: { actor: 'reminders', bodyId: 'default', recordedAt: '2026-03-27T08:00:00.000Z' },
        },
      ],
      'no_stream',
    );
    await h.api.engine.projector.waitFor(recorded.position);
    // The row as the dead worker left it: claimed, not yet marked sent.
    await h.api.engine.db.query(
      "UPDATE reminders SET status = 'sending', claimed_at = $2, attempts = 1 WHERE reminder_id = $1",
      [first.id, '2026-03-27T08:00:00.000Z'],
    );
    h.advance(61_000);
    expect(await h.delivery().deliver(first.id)).toBe('skipped');
    expect(h.smtp.countFor(first.id)).toBe(0);
    expect((await h.reminders(actionId))[0].status).toBe('sent');
  });

  it('lists what is still to go out for a person', async () => {
    const { body } = await h.api
      .http()
      .get('/api/reminders/upcoming?recipient=CR&limit=500')
      .set({ Authorization: `Bearer ${h.api.token('ada', 'auditor')}` })
      .expect(200);
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items)
      expect(item).toMatchObject({ recipient: 'CR', status: expect.stringMatching(/^(pending|sending)$/) });
    const fireTimes = body.items.map((item: { fireAt: string }) => item.fireAt);
    expect(fireTimes).toEqual([...fireTimes].sort());
  });

  it('plans the secretary’s reminders for a key decision’s notice and a meeting’s agenda', async () => {
    const secretary = { Authorization: `Bearer ${h.api.token('sam', 'secretary')}` };
    const { body: decision } = await h.api
      .http()
      .post('/api/decisions')
      .set(secretary)
      .send({
        subject: 'Custody contract',
        decisionMaker: 'PCC',
        expectedOn: '2026-06-15',
        keyDecision: true,
        significantPublicInterest: false,
      })
      .expect(201);
    expect((await h.reminders(decision.id)).map((r) => [r.kind, r.recipient, r.fireAt.slice(0, 10)])).toEqual(
      [
        ['notice deadline', 'Secretary', '2026-05-10'],
        ['notice deadline', 'Secretary', '2026-05-17'],
      ],
    );
    // Publishing the notice cancels them.
    await h.api
      .http()
      .post(`/api/decisions/${decision.id}/notice`)
      .set(secretary)
      .send({ expectedVersion: 1 })
      .expect(200);
    expect((await h.reminders(decision.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);

    const { body: board } = await h.api
      .http()
      .post('/api/boards')
      .set(secretary)
      .send({ name: 'SAB', code: 'SAB', members: [] })
      .expect(201);
    const { body: meeting } = await h.api
      .http()
      .post(`/api/boards/${board.id}/meetings`)
      .set(secretary)
      .send({ date: '2026-06-30', place: 'HQ' })
      .expect(201);
    expect((await h.reminders(meeting.id)).map((r) => [r.kind, r.fireAt.slice(0, 10)])).toEqual([
      ['agenda issue', '2026-06-23'],
    ]);
  });

  it('sends a daily digest to those who want one, once a day', async () => {
    const admin = { Authorization: `Bearer ${h.api.token('root', 'admin', 'all')}` };
    const { body: current } = await h.api.http().get('/api/bodies/default').set(admin).expect(200);
    await h.api
      .http()
      .patch('/api/bodies/default/settings')
      .set(admin)
      .send({
        expectedVersion: current.version,
        reminders: {
          contacts: [
            { name: 'CR', email: 'cr@force.example', manager: 'DCC', dailyDigest: true },
            { name: 'DCC', email: 'dcc@force.example' },
            { name: 'Secretary', email: 'secretary@opcc.example' },
          ],
        },
      })
      .expect(200);
    await h.createAction('IP2', '2026-03-18');
    const loop = new InProcessReminders(h.delivery(), log);
    h.setTime('2026-03-16T09:00:00.000Z'); // a Monday: the no-due-date digest goes to the secretary too
    await loop.tick();
    await loop.tick();
    const digests = h.smtp.received.filter((m) =>
      /Subject: Reminder: (Daily digest|Items with no due date)/.test(m.raw),
    );
    expect(digests.map((m) => m.to[0]).sort()).toEqual(['cr@force.example', 'secretary@opcc.example']);
    const daily = digests.find((m) => m.to[0] === 'cr@force.example')!;
    expect(daily.raw).toContain('IP2 Action IP2 (due 2026-03-18)');
  });

  it('replans when the lead is reassigned: the old lead hears no more, the new one does', async () => {
    h.setTime('2026-04-01T09:00:00.000Z');
    const actionId = await h.createAction('IP4', '2026-04-30');
    await h.change(actionId, 'lead', { leadOfficers: ['DCC'], reason: 'CR moved to another role.' });
    const reminders = await h.reminders(actionId);
    expect(reminders.filter((r) => r.recipient === 'CR').map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(
      reminders.filter((r) => r.status === 'pending' && r.kind !== 'overdue').map((r) => r.recipient),
    ).toEqual(['DCC', 'DCC', 'DCC', 'DCC']);
  });

  it('posts signed webhooks, retrying with backoff until the receiver takes them', async () => {
    const received: { signature: string; key: string; body: string }[] = [];
    let failuresLeft = 1;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (failuresLeft-- > 0) {
          response.writeHead(503).end();
          return;
        }
        received.push({
          signature: String(request.headers['x-signature']),
          key: String(request.headers['idempotency-key']),
          body,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const admin = { Authorization: `Bearer ${h.api.token('root', 'admin', 'all')}` };
      const { body: current } = await h.api.http().get('/api/bodies/default').set(admin).expect(200);
      await h.api
        .http()
        .patch('/api/bodies/default/settings')
        .set(admin)
        .send({
          expectedVersion: current.version,
          reminders: { contacts: [{ name: 'CR', webhookUrl: url }, { name: 'Secretary' }] },
        })
        .expect(200);
      h.setTime('2026-05-01T09:00:00.000Z');
      const actionId = await h.createAction('IP5', '2026-05-20');
      const secret = 'webhook-secret-for-tests';
      const delivery = new ReminderDelivery(
        h.api.engine.db,
        h.api.engine.store,
        () => h.api.engine.clock(),
        { log: new LogNotifier(log), webhook: new WebhookNotifier(secret) },
        log,
        {
          backoffMs: () => 30_000,
        },
      );
      h.setTime('2026-05-06T08:00:00.000Z');
      const [first] = await h.reminders(actionId);
      expect(await delivery.deliver(first.id)).toBe('retry');
      expect(await delivery.deliver(first.id)).toBe('skipped'); // not before the backoff
      h.advance(30_000);
      expect(await delivery.deliver(first.id)).toBe('sent');
      expect(received).toHaveLength(1);
      expect(received[0].key).toBe(first.id);
      expect(received[0].signature).toBe(
        `sha256=${createHmac('sha256', secret).update(received[0].body).digest('hex')}`,
      );
      expect(JSON.parse(received[0].body)).toMatchObject({
        id: first.id,
        subject: expect.stringContaining('IP5'),
      });
    } finally {
      server.close();
    }
  });
  it('never sends a reminder again, even when a replay of the log shows it pending', async () => {
    h.setTime('2027-05-01T09:00:00.000Z');
    const actionId = await h.createAction('IP7', '2027-05-20');
    h.setTime('2027-05-06T08:00:00.000Z');
    const [sent] = await h.reminders(actionId);
    expect(await h.delivery().deliver(sent.id)).toBe('sent');
    // Midway through a rebuild the row is back as it was planned, before the replay reaches its record.
    await h.api.engine.db.query(
      "UPDATE reminders SET status = 'pending', attempts = 0, claimed_at = NULL WHERE reminder_id = $1",
      [sent.id],
    );
    expect(await h.delivery().deliver(sent.id)).toBe('skipped');
    expect(await h.sentEvents(sent.id)).toBe(1);
    expect((await h.reminders(actionId)).find((r) => r.id === sent.id)?.status).toBe('sent');
  });

  it('sends nothing while a rebuild is replaying the log, and goes on when it ends', async () => {
    h.setTime('2027-06-01T09:00:00.000Z');
    const actionId = await h.createAction('IP8', '2027-06-20');
    h.setTime('2027-06-06T08:00:00.000Z');
    const [due] = await h.reminders(actionId);
    await markRebuildStarted(h.api.engine.db);
    expect(await h.delivery().due(100)).toEqual([]);
    expect(await h.delivery().deliver(due.id)).toBe('skipped');
    await markRebuildFinished(h.api.engine.db);
    expect(await h.delivery().due(100)).toContain(due.id);
    expect(await h.delivery().deliver(due.id)).toBe('sent');
    expect(await h.sentEvents(due.id)).toBe(1);
  });
});

describeWithRedis('reminders on BullMQ with two workers', () => {
  describe.each(DATABASES)('on %s', (kind) => {
    let h: Harness;
    let workers: BullmqReminders[];
    const queueName = `reminders-test-${kind}-${process.pid}`;
    const syncAll = async () => {
      for (const worker of workers) await worker.sync();
      await until(() => h.settled(), 'due reminders to be sent');
    };

    beforeAll(async () => {
      h = await reminderHarness(kind);
      workers = [0, 1].map(
        () =>
          new BullmqReminders(
            h.api.engine.db,
            h.delivery(),
            { url: redisUrl },
            () => h.api.engine.clock(),
            log,
            {
              queueName,
              syncIntervalMs: 3_600_000, // the tests sync by hand
            },
          ),
      );
      for (const worker of workers) await worker.start();
      await workers[0].jobs.obliterate({ force: true });
    });
    afterAll(async () => {
      await workers[0]?.jobs.obliterate({ force: true }).catch(() => undefined);
      for (const worker of workers ?? []) await worker.stop();
      await h?.close();
    });

    it('reminds the lead at each threshold and escalates to the manager, each exactly once', async () => {
      const actionId = await h.createAction('R1', '2026-03-20');
      expect((await h.reminders(actionId)).map((r) => [r.kind, r.recipient, r.fireAt.slice(0, 10)])).toEqual([
        ['due soon', 'CR', '2026-03-06'],
        ['due soon', 'CR', '2026-03-13'],
        ['due soon', 'CR', '2026-03-19'],
        ['due today', 'CR', '2026-03-20'],
        ['overdue', 'DCC', '2026-03-21'],
        ['overdue', 'DCC', '2026-03-27'],
      ]);
      await syncAll(); // jobs queued, nothing due yet
      expect(await expectEachSentOnce(h, actionId)).toEqual([]);
      for (const [day, count] of [
        ['2026-03-06', 1],
        ['2026-03-13', 2],
        ['2026-03-19', 3],
        ['2026-03-20', 4],
        ['2026-03-21', 5],
        ['2026-03-27', 6],
      ] as const) {
        h.setTime(`${day}T08:00:00.000Z`);
        await syncAll();
        expect({ day, sent: (await expectEachSentOnce(h, actionId)).length }).toEqual({ day, sent: count });
      }
      const escalation = h.smtp.received.filter((m) => m.to.includes('dcc@force.example'));
      expect(escalation.length).toBeGreaterThanOrEqual(2);
      h.setTime('2026-03-31T08:00:00.000Z');
      await syncAll();
      expect((await expectEachSentOnce(h, actionId)).length).toBe(6);
    });

    it('follows a due date moved later, then earlier, and sends nothing for the old dates', async () => {
      h.setTime('2026-04-01T09:00:00.000Z');
      const actionId = await h.createAction('R2', '2026-04-30');
      await h.change(actionId, 'due-date', { dueDate: '2026-05-31', reason: 'Awaiting the budget.' });
      const statuses = await h.reminders(actionId);
      expect(statuses.filter((r) => r.status === 'cancelled').map((r) => r.fireAt.slice(0, 10))).toContain(
        '2026-04-16',
      );
      h.setTime('2026-04-16T08:00:00.000Z');
      await syncAll();
      expect(await expectEachSentOnce(h, actionId)).toEqual([]);
      h.setTime('2026-05-17T08:00:00.000Z');
      await syncAll();
      expect(await expectEachSentOnce(h, actionId)).toEqual(['due soon']);
      // Moved earlier to 20 May on the 18th: the 14- and 7-day reminders are already past, not sent late.
      h.setTime('2026-05-18T09:00:00.000Z');
      await h.change(actionId, 'due-date', { dueDate: '2026-05-20', reason: 'Board brought it forward.' });
      h.setTime('2026-05-19T08:00:00.000Z');
      await syncAll();
      const sent = (await h.reminders(actionId)).filter((r) => r.status === 'sent');
      expect(sent.map((r) => r.fireAt.slice(0, 10))).toEqual(['2026-05-17', '2026-05-19']);
      await expectEachSentOnce(h, actionId);
    });

    it('sends nothing for an action completed before its reminders', async () => {
      h.setTime('2026-06-01T09:00:00.000Z');
      const actionId = await h.createAction('R3', '2026-06-20');
      await syncAll();
      h.setTime('2026-06-02T09:00:00.000Z');
      await h.change(actionId, 'complete', { commentary: 'Done early.', completedOn: '2026-06-02' });
      h.setTime('2026-06-30T08:00:00.000Z');
      await syncAll();
      const reminders = await h.reminders(actionId);
      expect(reminders.map((r) => r.status)).toEqual(reminders.map(() => 'cancelled'));
      expect(reminders.every((r) => h.smtp.countFor(r.id) === 0)).toBe(true);
    });

    it('takes up a reminder whose worker died after claiming it, once its lease runs out', async () => {
      h.setTime('2026-07-01T09:00:00.000Z');
      const actionId = await h.createAction('R4', '2026-07-20');
      h.setTime('2026-07-06T08:00:00.000Z');
      const [first] = await h.reminders(actionId);
      // What a worker does just before sending; then it is killed.
      await h.api.engine.db.query(
        "UPDATE reminders SET status = 'sending', claimed_at = $2, attempts = attempts + 1 WHERE reminder_id = $1",
        [first.id, '2026-07-06T08:00:00.000Z'],
      );
      for (const worker of workers) await worker.sync();
      await sleep(300);
      expect(h.smtp.countFor(first.id)).toBe(0);
      h.advance(61_000); // past the lease
      await syncAll();
      expect(await expectEachSentOnce(h, actionId)).toEqual(['due soon']);
    });

    it('retries while the SMTP server is down and sends once when it is back', async () => {
      h.setTime('2026-08-01T09:00:00.000Z');
      const actionId = await h.createAction('R5', '2026-08-20');
      await h.smtp.stop();
      h.setTime('2026-08-06T08:00:00.000Z');
      for (const worker of workers) await worker.sync();
      // The first attempt has failed and waits for its retry (attempts counts from the claim, before sending).
      await until(async () => {
        const [row] = await h.api.engine.db.query<{ status: string; last_error: string | null }>(
          'SELECT status, last_error FROM reminders WHERE subject_id = $1 ORDER BY fire_at LIMIT 1',
          [actionId],
        );
        return row.status === 'pending' && row.last_error !== null;
      }, 'the first attempt to fail');
      await h.smtp.start();
      h.advance(31_000); // past the backoff
      await syncAll();
      const [first] = await h.reminders(actionId);
      expect(first).toMatchObject({ status: 'sent', attempts: 2 });
      expect(await expectEachSentOnce(h, actionId)).toEqual(['due soon']);
      const event = await h.api.engine.store.readStream(`reminder-${first.id}`);
      expect(event[0].data).toMatchObject({ channel: 'email', address: 'cr@force.example', attempts: 2 });
    });

    it('lists a reminder that failed every attempt, and records the failure in the audit trail', async () => {
      h.setTime('2026-09-01T09:00:00.000Z');
      const actionId = await h.createAction('R6', '2026-09-20');
      await h.smtp.stop();
      h.setTime('2026-09-06T08:00:00.000Z');
      const delivery = h.delivery({ maxAttempts: 2 });
      const [first] = await h.reminders(actionId);
      expect(await delivery.deliver(first.id)).toBe('retry');
      h.advance(31_000);
      expect(await delivery.deliver(first.id)).toBe('failed');
      await h.smtp.start();
      const token = h.api.token('ada', 'auditor');
      const { body } = await h.api
        .http()
        .get('/api/reminders/failed')
        .set({ Authorization: `Bearer ${token}` })
        .expect(200);
      expect(body.items.map((r: { id: string }) => r.id)).toContain(first.id);
      await h.api.engine.projector.waitFor((await h.api.engine.store.readAll()).at(-1)!.position);
      const { body: audit } = await h.api
        .http()
        .get(`/api/audit?eventType=ReminderFailed`)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200);
      expect(audit.items.map((e: { entityId: string }) => e.entityId)).toContain(first.id);
    });
  });
});

describeWithRedis('reminders when Redis restarts', () => {
  let redis: ChildProcess | null = null;
  const port = 6300 + (process.pid % 500);
  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
      {
        stdio: 'ignore',
      },
    );
    await sleep(300);
  };
  const stopRedis = async () => {
    redis?.kill('SIGKILL');
    await new Promise((resolve) => redis?.once('exit', resolve));
    redis = null;
  };
  afterAll(async () => {
    if (redis) await stopRedis();
  });

  it('re-adds the jobs Redis lost and sends each reminder once', async () => {
    await startRedis();
    const h = await reminderHarness('pglite');
    const worker = new BullmqReminders(
      h.api.engine.db,
      h.delivery(),
      { url: `redis://127.0.0.1:${port}` },
      () => h.api.engine.clock(),
      log,
      {
        syncIntervalMs: 3_600_000,
      },
    );
    try {
      await worker.start();
      const actionId = await h.createAction('RR1', '2026-03-20');
      await worker.sync();
      expect(await worker.jobs.getDelayedCount()).toBeGreaterThan(0);
      await stopRedis(); // every job is gone: this Redis keeps nothing on disk
      await startRedis();
      h.setTime('2026-03-06T08:00:00.000Z');
      await until(async () => {
        await worker.sync().catch(() => undefined); // fails until the connection is back
        return h.settled();
      }, 'the reminder after Redis came back');
      expect(await expectEachSentOnce(h, actionId)).toEqual(['due soon']);
    } finally {
      await worker.stop(2_000);
      await h.close();
    }
  });
});
