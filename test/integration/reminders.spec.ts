import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { InProcessReminders } from '#reminders/in-process-reminders';
import { LogNotifier, WebhookNotifier } from '#reminders/notifiers';
import { ReminderDelivery } from '#reminders/reminder-delivery';
import { DATABASES } from '../support/test-engine';
import { addPerson } from '../support/web-session';
import { expectEachSentOnce, Harness, log, reminderHarness } from '../support/reminder-harness';

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

  it('emails a lead who is a person of the directory at the address the directory has then, and escalates to their manager there', async () => {
    const managerId = await addPerson(h.api, {
      name: 'Mia Grant',
      email: 'mia.grant@force.example',
      roles: ['officer'],
    });
    await addPerson(h.api, {
      name: 'Nia Walsh',
      email: 'nia.walsh@force.example',
      roles: ['officer'],
      managerId,
    });
    h.setTime('2026-05-01T09:00:00.000Z');
    const { body } = await h.api
      .http()
      .post('/api/actions')
      .set({ Authorization: `Bearer ${h.api.token('sam', 'secretary')}` })
      .send({
        ref: 'IP-D1',
        plan: 'Reminders plan',
        title: 'Directory lead',
        leadOfficers: ['nia.walsh@force.example'],
        dueDate: '2026-05-20',
      })
      .expect(201);
    const loop = new InProcessReminders(h.delivery(), log);
    h.setTime('2026-05-06T08:00:00.000Z');
    await loop.tick();
    const [sent] = (await h.reminders(body.id)).filter((r) => r.status === 'sent');
    expect(sent.recipient).toBe('Nia Walsh');
    expect(h.smtp.received.filter((m) => m.to.includes('nia.walsh@force.example'))).toHaveLength(1);
    expect(await expectEachSentOnce(h, body.id)).toEqual(['due soon']);
    h.setTime('2026-05-21T08:00:00.000Z');
    await loop.tick();
    const escalation = (await h.reminders(body.id)).find((r) => r.kind === 'overdue' && r.status === 'sent')!;
    expect(escalation.recipient).toBe('manager of Nia Walsh');
    expect(h.smtp.received.filter((m) => m.reminderId === escalation.id).map((m) => m.to)).toEqual([
      ['mia.grant@force.example'],
    ]);
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
        { log: new LogNotifier(log), webhook: new WebhookNotifier(secret, { allowPrivate: true }) },
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

  it('moves every pending reminder to a new send hour, and tells a late-entered overdue action its latest threshold once', async () => {
    const admin = { Authorization: `Bearer ${h.api.token('root', 'admin', 'all')}` };
    h.setTime('2026-05-01T09:00:00.000Z');
    const early = await h.createAction('IP10', '2026-05-20');
    const { body: current } = await h.api.http().get('/api/bodies/default').set(admin).expect(200);
    await h.api
      .http()
      .patch('/api/bodies/default/settings')
      .set(admin)
      .send({ expectedVersion: current.version, reminders: { sendHour: 15 } })
      .expect(200);
    const pending = (await h.reminders(early)).filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(6);
    // 15:00 on the body's clock: BST in May, 14:00 UTC.
    expect(new Set(pending.map((r) => r.fireAt.slice(11, 16)))).toEqual(new Set(['14:00']));

    // Entered three days overdue, after the day's send hour (17:00 BST).
    h.setTime('2026-05-23T16:00:00.000Z');
    const late = await h.createAction('IP11', '2026-05-20');
    const planned = (await h.reminders(late))
      .map((r) => [r.kind, r.fireAt, r.status])
      .sort((a, b) => a[1].localeCompare(b[1]));
    expect(planned).toEqual([
      ['overdue', '2026-05-24T14:00:00.000Z', 'pending'], // the 1-day escalation, once, next send hour
      ['overdue', '2026-05-27T14:00:00.000Z', 'pending'], // the 7-day one as planned
    ]);

    // Its later entries change nothing of that: no threshold passed over is sent after all, and
    // the catch-up keeps its send hour (it had been moved back to the day it stood for, and the
    // next passed-over threshold added, at every later event).
    h.advance(3600_000);
    await h.change(late, 'status', { status: 'RED', commentary: 'Behind.' });
    h.advance(3600_000);
    await h.change(late, 'progress', { note: 'Chased.', reportedOn: '2026-05-23' });
    const after = (await h.reminders(late))
      .map((r) => [r.kind, r.fireAt, r.status])
      .sort((a, b) => a[1].localeCompare(b[1]));
    expect(after).toEqual(planned);
  });
});
