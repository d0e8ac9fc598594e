import request from 'supertest';
import { PublicationMailService } from '../../apps/api/src/publishing/publication-mail.service';
import { SECRET, seedPublishedRecord } from '../support/published-record';
import { mailArriving, readableMail, TestSmtpServer } from '../support/smtp';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';
import { addPerson, csrfOf, signedInAgent, textOf } from '../support/web-session';

describe.each(WEB_DATABASES)(
  'emails of what is published: updates for the public (double opt-in, sent once, one-click stop), agendas to members (%s)',
  (kind) => {
    let api: TestApi;
    let smtp: TestSmtpServer;
    const auth = () => ({ Authorization: `Bearer ${api.token('sam', 'secretary')}` });
    const mailTo = (address: string) =>
      smtp.received.filter((mail) => mail.to.includes(address)).map(readableMail);
    /** One full pass of the sender (the background loop may run beside it: claims keep each email to one). */
    const sendDue = () =>
      (api.app.get(PublicationMailService).mail as NonNullable<PublicationMailService['mail']>).tick();
    const decide = async (subject: string) => {
      const id = (
        (
          await api
            .http()
            .post('/api/decisions')
            .set(auth())
            .send({
              subject,
              decisionMaker: 'Police and Crime Commissioner',
              expectedOn: '2015-08-01',
              keyDecision: false,
              significantPublicInterest: true,
            })
            .expect(201)
        ).body as { id: string }
      ).id;
      const at = async () =>
        ((await api.http().get(`/api/decisions/${id}`).set(auth()).expect(200)).body as { version: number })
          .version;
      await api
        .http()
        .post(`/api/decisions/${id}/exemption`)
        .set(auth())
        .send({
          expectedVersion: await at(),
          exemption: { category: 3, reason: 'Prices tendered.', parts: ['reasons'] },
        })
        .expect(200);
      await api
        .http()
        .post(`/api/decisions/${id}/taking`)
        .set(auth())
        .send({
          expectedVersion: await at(),
          decisionText: `${subject}: approved.`,
          reasons: `${SECRET} was the cheapest.`,
          on: '2015-08-01',
          decidedBy: 'Police and Crime Commissioner',
        })
        .expect(200);
      await api
        .http()
        .post(`/api/decisions/${id}/record-publication`)
        .set(auth())
        .send({ expectedVersion: await at(), on: '2015-08-02' })
        .expect(200);
      // The reader of the log notes the publication for subscribers (a process, beside the projections).
      for (let tries = 0; ; tries++) {
        const noted = await api.engine.db.query('SELECT 1 FROM public_notices WHERE subject_id = $1', [id]);
        if (noted.length > 0 || tries > 200) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return id;
    };

    beforeAll(async () => {
      smtp = new TestSmtpServer();
      await smtp.start();
      api = await startTestApi(kind, undefined, undefined, undefined, { smtpUrl: smtp.url });
      // Published before anyone subscribed: never emailed.
      await seedPublishedRecord(api);
    });
    afterAll(async () => {
      await api?.close();
      await smtp?.stop();
    });

    it('subscribes after a confirmation, emails what is published from then on once, never exempt text, and stops in one click', async () => {
      const visitor = request.agent(api.app.getHttpServer());
      const form = await visitor.get('/public/default/subscribe').expect(200);
      const refused = await visitor
        .post('/public/default/subscribe')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: 'not an address' })
        .expect(400);
      expect(textOf(refused.text)).toContain('Enter an email address like name@example.com');
      expect(textOf(refused.text)).toContain('Choose at least one kind of update');
      const ask = () =>
        visitor
          .post('/public/default/subscribe')
          .type('form')
          .send(
            `_csrf=${encodeURIComponent(csrfOf(form.text))}&email=reader%40example.org&topics=decisions&topics=minutes`,
          )
          .expect(303);
      await ask();
      expect(
        textOf((await visitor.get('/public/default/subscribe/check-your-email').expect(200)).text),
      ).toContain('We have sent a link to reader@example.org');
      // Asking again at once sends nothing more: the form cannot flood an inbox.
      await ask();
      const confirmations = mailTo('reader@example.org');
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]).toContain('Subject: Confirm your email updates from');
      const link = /\/public\/subscriptions\/confirm\/[\w-]+/.exec(confirmations[0])?.[0] as string;

      // Nothing is sent before confirming, and a link followed (a mail scanner) confirms nothing.
      await decide('Purchase of body-worn cameras');
      const confirmPage = await visitor.get(link).expect(200);
      await sendDue();
      expect(mailTo('reader@example.org')).toHaveLength(1);
      const confirmed = await visitor
        .post(link)
        .type('form')
        .send({ _csrf: csrfOf(confirmPage.text) })
        .expect(303);
      expect(confirmed.headers.location).toBe('/public/default');
      expect(textOf((await visitor.get('/public/default').expect(200)).text)).toContain(
        'Subscribed: reader@example.org will get an email when decisions and minutes of meetings are published.',
      );
      await visitor.get(link).expect(404);

      await decide('Replacement of the custody suite roof');
      // The background sender may have claimed it first: wait for it to arrive, then for more passes.
      await mailArriving(
        smtp,
        (mail) => mail.includes('To: reader@example.org') && mail.includes('Decision published'),
      );
      await sendDue();
      await sendDue();
      const updates = mailTo('reader@example.org').slice(1);
      expect(updates).toHaveLength(1);
      expect(updates[0]).toContain('Subject: Decision published: Executive Decision');
      expect(updates[0]).toContain('Replacement of the custody suite roof: approved.');
      expect(updates[0]).toContain('exempt information');
      expect(updates[0]).not.toContain(SECRET);
      expect(updates[0]).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      // An agenda issued is not what they asked for.
      expect(updates[0]).not.toContain('Agenda published');

      const unsubscribe =
        /List-Unsubscribe: <http:\/\/engine\.test(\/public\/subscriptions\/unsubscribe\?s=[\w-]+)>/.exec(
          updates[0],
        )?.[1] as string;
      expect(textOf((await request(api.app.getHttpServer()).get(unsubscribe).expect(200)).text)).toContain(
        'Stop every email update from',
      );
      // A mail client's one-click post: no session, no CSRF token, the link's secret alone.
      await request(api.app.getHttpServer())
        .post(unsubscribe)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      await decide('Sale of the old police station');
      await sendDue();
      expect(mailTo('reader@example.org')).toHaveLength(2);
    });

    it('emails an issued agenda to the board’s members who are people of the directory, and the workspace records it', async () => {
      await addPerson(
        api,
        { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] },
        'correct horse battery staple',
      );
      await addPerson(api, { name: 'Joe Orson', email: 'orson@panel.example', roles: [] });
      await addPerson(api, { name: 'Pam Begy', email: 'begy@panel.example', roles: [] });
      const post = async (path: string, body: object, status = 201) =>
        (await api.http().post(`/api${path}`).set(auth()).send(body).expect(status)).body as {
          id: string;
          itemId: string;
        };
      const board = await post('/boards', {
        name: 'Strategic Assurance Board',
        code: 'SAB',
        members: [
          { name: 'orson@panel.example', role: 'chair' },
          { name: 'Pam Begy', role: 'member' },
          { name: 'Councillor Carter', role: 'member' },
        ],
      });
      const meeting = `/boards/${board.id}/meetings/${(await post(`/boards/${board.id}/meetings`, { date: '2031-07-17', place: 'County Hall', access: 'private' })).id}`;
      const version = async () =>
        ((await api.http().get(`/api${meeting}`).set(auth()).expect(200)).body as { version: number })
          .version;
      await post(
        `${meeting}/agenda-items`,
        { expectedVersion: await version(), title: 'Estates strategy' },
        200,
      );
      await post(
        `${meeting}/agenda-items`,
        {
          expectedVersion: await version(),
          title: `${SECRET} land sale`,
          exemption: { category: 3, reason: 'Price not yet agreed.' },
        },
        200,
      );
      await post(`${meeting}/agenda-issue`, { expectedVersion: await version() }, 200);
      // The background sender sends them (or a pass of our own, whichever claims them first).
      await sendDue();
      const orson = await mailArriving(smtp, (mail) => mail.includes('To: orson@panel.example'));
      const begy = await mailArriving(smtp, (mail) => mail.includes('To: begy@panel.example'));
      expect(begy).toContain('Subject: Agenda issued: Strategic Assurance Board, 17 July 2031');
      expect(begy).toContain('1. Estates strategy');
      expect(begy).toContain('2. Exempt item (Schedule 12A, paragraph 3): see the papers');
      expect(begy).not.toContain(SECRET);
      // A private meeting's papers are read signed in: the link is to its pack.
      expect(begy).toMatch(new RegExp(`The agenda and papers: http://engine.test${meeting}/pack`));
      expect(begy).not.toContain('List-Unsubscribe');
      expect(orson).toContain('Subject: Agenda issued');
      await sendDue();
      expect(mailTo('begy@panel.example')).toHaveLength(1);
      // Received is not yet recorded: the sender marks each sent once the server has taken it.
      for (let tries = 0; tries < 200; tries++) {
        const waiting = await api.engine.db.query(
          'SELECT 1 FROM publication_emails WHERE person_id IS NOT NULL AND sent_at IS NULL',
        );
        if (waiting.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }

      const secretary = await signedInAgent(api.app, 'sam@opcc.example', 'correct horse battery staple');
      const workspace = textOf((await secretary.get(meeting).expect(200)).text);
      expect(workspace).toContain('Emailed to 2 members');
      expect(workspace).toContain('Pam Begy (begy@panel.example): sent');
      expect(workspace).toContain('Joe Orson (orson@panel.example): sent');
      expect(workspace).toContain('Councillor Carter: no email sent (not a person of the directory)');
    });
  },
);
