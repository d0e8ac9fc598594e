import request from 'supertest';
import { addPerson, csrfOf, signedInAgent } from '../support/web-session';
import { TestSmtpServer } from '../support/smtp';
import { startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each([false, true])('sign-in links (email sent: %s)', (withEmail) => {
  let api: TestApi;
  let smtp: TestSmtpServer;
  let carolId: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    api = await startTestApi('pglite', undefined, undefined, undefined, {
      smtpUrl: withEmail ? smtp.url : null,
    });
    await addPerson(api, { name: 'Ann Admin', email: 'ann@example.gov.uk', roles: ['admin'] }, password);
    carolId = await addPerson(api, { name: 'Carol Reid', email: 'carol@example.gov.uk', roles: ['officer'] });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  const browser = () => request.agent(api.app.getHttpServer());
  const linkIn = (text: string) => /\/sign-in\/link\/[\w-]+/.exec(text)?.[0];

  it('an admin makes a person a link: emailed to them, or shown to pass on where there is no email', async () => {
    const admin = await signedInAgent(api.app, 'ann@example.gov.uk', password);
    const page = await admin.get(`/people/${carolId}`).expect(200);
    const made = await admin
      .post(`/people/${carolId}/sign-in-link`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(200);
    let link: string | undefined;
    if (withEmail) {
      expect(made.text).toContain('A sign-in link is emailed to carol@example.gov.uk');
      expect(linkIn(made.text)).toBeUndefined();
      await until(() => smtp.received.some((mail) => mail.to.includes('carol@example.gov.uk')), 'the email');
      link = linkIn(
        smtp.received.find((mail) => mail.to.includes('carol@example.gov.uk'))!.raw.replace(/=\r?\n/g, ''),
      );
    } else {
      expect(made.text).toContain('This engine cannot send email');
      link = linkIn(made.text);
    }
    const chosen = await browser().get(link!).expect(200);
    expect(chosen.text).toContain('You are signing in as <strong>Carol Reid</strong>');
  });

  it('a person who forgot their password asks for a link, and learns nothing of others', async () => {
    const sent = smtp.received.length;
    for (const email of ['carol@example.gov.uk', 'nobody@example.gov.uk']) {
      const agent = browser();
      const form = await agent.get('/sign-in/forgotten').expect(200);
      if (!withEmail) {
        expect(form.text).toContain('Ask an admin of your body to make you a sign-in link');
        continue;
      }
      const answer = await agent
        .post('/sign-in/forgotten')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email })
        .expect(200);
      expect(answer.text).toContain(`If an account that may sign in has the email address ${email}`);
    }
    if (!withEmail) return;
    await until(() => smtp.received.length > sent, 'the reset email');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const mails = smtp.received.slice(sent);
    expect(mails.map((mail) => mail.to)).toEqual([['carol@example.gov.uk']]);
    expect(mails[0].raw).toContain('Reset your password');
    expect(mails[0].raw).toMatch(/within 1 hour/);
  });
});
