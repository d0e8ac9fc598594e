import { spokenDate } from '../support/spoken-date';
import { addDays } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';
import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { startTestApi, TestApi } from '../support/test-engine';
import { SECRET } from '../support/published-record';
import { mailArriving, TestSmtpServer } from '../support/smtp';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';

describeInBrowser('a secretary takes a key decision through its life, in a browser', () => {
  const browser = chromiumForJourneys();
  let api: TestApi;
  let url: string;
  const smtp = new TestSmtpServer();
  beforeAll(async () => {
    await smtp.start();
    api = await startTestApi('pglite', undefined, undefined, undefined, { smtpUrl: smtp.url });
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    await addPerson(api, { name: 'Rupert Matthews', email: 'pcc@opcc.example', roles: ['officer'] });
    url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await api?.close();
    await smtp.stop();
  });

  it('proposes it, sees the earliest lawful date, is refused a day early, takes it on the day and publishes it; the public finds it, subscribes, and is emailed its record without the exempt reasons', async () => {
    // Without JavaScript: every step is a plain form.
    const journey = await journeyPage(browser(), { javaScript: false });
    const { page } = journey;
    const today = localDateOf(new Date(), 'Europe/London');
    const earliest = addDays(today, 29);
    /** A member of the public, in a browser of their own: finds the decision by search, and subscribes. */
    const findAndSubscribe = async () => {
      const visitor = await journeyPage(browser(), { javaScript: false });
      try {
        await visitor.page.goto(`${url}/public/default`);
        await visitor.checkPage();
        await visitor.page
          .getByLabel('Search decisions, agendas and minutes')
          .fill('custody healthcare contracts');
        await visitor.page.getByRole('button', { name: 'Search' }).click();
        await visitor.checkPage();
        await visitor.page.getByRole('link', { name: /Award of the custody healthcare contract/ }).click();
        expect(await visitor.page.locator('[data-decision]').textContent()).toContain('Healthcare Ltd');
        expect(await visitor.page.content()).not.toContain(SECRET);
        await visitor.checkPage();
        await visitor.page.getByRole('link', { name: 'Get updates' }).click();
        await visitor.page.getByLabel('Email address').fill('reader@example.org');
        await visitor.page.getByRole('button', { name: 'Subscribe' }).click();
        expect(await visitor.page.locator('h1').textContent()).toContain('Check your email');
        await visitor.checkPage();
        const confirmation = await mailArriving(smtp, (mail) =>
          mail.includes('Subject: Confirm your email updates'),
        );
        const link = /\/public\/subscriptions\/confirm\/[\w-]+/.exec(confirmation)?.[0];
        await visitor.page.goto(`${url}${link}`);
        await visitor.checkPage();
        await visitor.page.getByRole('button', { name: 'Confirm' }).click();
        expect(await visitor.page.locator('.govuk-notification-banner').textContent()).toContain(
          'Subscribed',
        );
        await visitor.checkPage();
      } catch (error) {
        await keepEvidence(visitor.page, 'public-visitor-journey');
        throw error;
      } finally {
        await visitor.close();
      }
    };
    try {
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('Email address').fill('sam@opcc.example');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Decisions' }).click();
      await page.getByRole('link', { name: 'Propose a decision' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Enter what the decision is about',
      );
      await journey.checkPage();
      await page.getByLabel('Subject', { exact: true }).fill('Award of the custody healthcare contract');
      await page
        .getByLabel('Decision maker', { exact: true })
        .selectOption({ label: 'Rupert Matthews (pcc@opcc.example)' });
      await page.getByLabel('Expected date').fill(addDays(today, 35).split('-').reverse().join('/'));
      await page.getByRole('group', { name: 'Is it a key decision?' }).getByLabel('Yes').check();
      await page
        .getByRole('group', { name: 'Is it of significant public interest?' })
        .getByLabel('Yes')
        .check();
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await page.locator('[data-earliest]').textContent()).toBe(spokenDate(earliest));
      await journey.checkPage();
      await page.getByRole('button', { name: 'Propose the decision' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Decision proposed');
      await journey.checkPage();

      await page.getByRole('button', { name: 'Publish the notice' }).click();
      await page.getByRole('link', { name: 'Record the decision as taken' }).click();
      expect(await page.locator('[data-earliest-lawful]').textContent()).toContain(spokenDate(earliest));
      await journey.checkPage();
      await page.getByLabel('The decision', { exact: true }).fill('To award the contract to Healthcare Ltd.');
      await page.getByLabel('Reasons').fill(`The best value tender: ${SECRET}.`);
      await page.getByLabel('Taken on').fill(addDays(earliest, -1));
      await page.getByRole('button', { name: 'Record the decision' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        `earliest lawful date is ${earliest}`,
      );
      await journey.checkPage();
      await page.getByLabel('Taken on').fill(earliest);
      await page.getByRole('button', { name: 'Record the decision' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('decision taken');
      expect(await page.locator('h1').textContent()).toMatch(/ 1: Award of the custody healthcare contract$/);
      await page.getByLabel('Paragraph of Schedule 12A to the Local Government Act 1972').selectOption('3');
      await page
        .getByRole('group', { name: 'Parts that hold exempt information' })
        .getByLabel('Reasons')
        .check();
      await page.getByLabel('Why they are exempt').fill('Prices tendered by the bidders.');
      await page.getByRole('button', { name: 'Mark them exempt' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('parts marked exempt');
      await journey.checkPage();

      await findAndSubscribe();

      await page.getByLabel('Published on').fill(earliest);
      await page.getByRole('button', { name: 'Publish the record' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('record published');
      await journey.checkPage();
      const update = await mailArriving(smtp, (mail) => mail.includes('Subject: Decision published'));
      expect(update).toContain('To: reader@example.org');
      expect(update).toContain('Decision: To award the contract to Healthcare Ltd.');
      expect(update).not.toContain(SECRET);
    } catch (error) {
      await keepEvidence(page, 'decision-journey');
      throw error;
    } finally {
      await journey.close();
    }
  });
});
