import pino from 'pino';
import { EmailNotifier, LogNotifier } from '#reminders/notifiers';
import { ReminderDelivery } from '#reminders/reminder-delivery';
import { TestSmtpServer } from './smtp';
import { startTestApi, TestApi } from './test-engine';

export const log = pino({ level: 'silent' });
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The engine, its clock that tests move, an SMTP server, and helpers to drive actions and read reminders. */
export async function reminderHarness(kind: 'pglite' | 'postgres') {
  let now = new Date('2026-03-01T09:00:00.000Z');
  const clock = () => now;
  // The webhook test's receiver listens on 127.0.0.1, which a deployment must allow explicitly.
  const api: TestApi = await startTestApi(kind, undefined, undefined, clock, {
    webhookAllowPrivateNetworks: true,
  });
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

export type Harness = Awaited<ReturnType<typeof reminderHarness>>;

/** Every reminder of the subject that went out went out exactly once, by email and in the log. */
export async function expectEachSentOnce(h: Harness, subjectId: string): Promise<string[]> {
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
