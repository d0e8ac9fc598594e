import { spokenDate } from '../support/spoken-date';
import { addDays } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';
import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { startTestApi, TestApi } from '../support/test-engine';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';

describeInBrowser('a secretary takes a key decision through its life, in a browser', () => {
  const browser = chromiumForJourneys();
  let api: TestApi;
  let url: string;
  beforeAll(async () => {
    api = await startTestApi('pglite');
    await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
    await addPerson(api, { name: 'Rupert Matthews', email: 'pcc@opcc.example', roles: ['officer'] });
    url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => api?.close());

  it('proposes it, sees the earliest lawful date, is refused a day early, takes it on the day and publishes it', async () => {
    // Without JavaScript: every step is a plain form.
    const journey = await journeyPage(browser(), { javaScript: false });
    const { page } = journey;
    const today = localDateOf(new Date(), 'Europe/London');
    const earliest = addDays(today, 29);
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
      await page.getByLabel('Subject').fill('Award of the custody healthcare contract');
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
      await page.getByLabel('Reasons').fill('The best value tender.');
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
      await page.getByLabel('Published on').fill(earliest);
      await page.getByRole('button', { name: 'Publish the record' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('record published');
      await journey.checkPage();
    } catch (error) {
      await keepEvidence(page, 'decision-journey');
      throw error;
    } finally {
      await journey.close();
    }
  });
});
