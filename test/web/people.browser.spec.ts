import { Page } from 'playwright-core';
import { firstAdminLink } from '#engine/admins';
import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { startTestApi, TestApi } from '../support/test-engine';

describeInBrowser('an admin adds people, in a browser', () => {
  const browser = chromiumForJourneys();

  // Run once (the suite has 30 minutes): without JavaScript, the stricter case for its forms.
  describe.each([false])('with JavaScript %s', (javaScript) => {
    let api: TestApi;
    let url: string;
    beforeAll(async () => {
      api = await startTestApi('pglite');
      url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    afterAll(() => api?.close());

    const add = async (page: Page, person: { name: string; email: string; roles: string[] }) => {
      await page.getByRole('link', { name: 'People', exact: true }).click();
      await page.getByRole('button', { name: 'Add a person' }).click();
      await page.getByLabel('Full name').fill(person.name);
      await page.getByLabel('Email address').fill(person.email);
      for (const role of person.roles) await page.getByLabel(role, { exact: true }).check();
      await page.getByLabel('Why are they being added?').fill('Joined the governance team');
      await page.getByRole('button', { name: 'Add person' }).click();
      expect(await page.locator('h1').textContent()).toBe(person.name);
    };

    it('signs in from the first-start link, adds a secretary and two officers, and changes a role', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      try {
        await page.goto(`${url}${new URL((await firstAdminLink(api.engine))!).pathname}`);
        await page.getByLabel('Choose a password').fill('the first admin passphrase');
        await page.getByLabel('Type it again').fill('the first admin passphrase');
        await page.getByRole('button', { name: 'Save password and sign in' }).click();

        await page.getByRole('link', { name: 'People', exact: true }).click();
        await page.getByRole('button', { name: 'Add a person' }).click();
        await page.getByRole('button', { name: 'Add person' }).click();
        expect(await page.title()).toMatch(/^Error: Add a person/);
        expect(await page.locator('.govuk-error-summary').textContent()).toContain(
          'Select at least one role',
        );
        await journey.checkPage();

        await add(page, { name: 'Sam Weston', email: 'sam.weston@example.gov.uk', roles: ['secretary'] });
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
          'Sam Weston is added',
        );
        await journey.checkPage();
        await add(page, { name: 'Carol Reid', email: 'carol.reid@example.gov.uk', roles: ['officer'] });
        await add(page, { name: 'Kay Hill', email: 'kay.hill@example.gov.uk', roles: ['officer'] });

        await page.getByLabel('auditor', { exact: true }).check();
        await page.getByLabel('Why do their roles change?').fill('Audits this year too');
        await page.getByRole('button', { name: 'Save roles' }).click();
        expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/officer, auditor/);
        await journey.checkPage();

        await page.getByRole('link', { name: 'People', exact: true }).click();
        const names = await page.locator('.govuk-table tbody tr td:first-child').allTextContents();
        expect(names.map((name) => name.trim())).toEqual([
          'Carol Reid',
          'First admin',
          'Kay Hill',
          'Sam Weston',
        ]);
        await journey.checkPage();

        await page.getByRole('link', { name: 'Your account' }).click();
        await page.getByLabel('Name of a new token').fill('the finance system');
        await page.getByRole('button', { name: 'Make token' }).click();
        expect(await page.locator('#token').textContent()).toMatch(/^gep_/);
        await journey.checkPage();
        await page.getByRole('link', { name: 'Back to your account' }).click();
        expect(await page.locator('.govuk-table').textContent()).toContain('the finance system');
        await journey.checkPage();
      } catch (error) {
        await keepEvidence(page, `people-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });
  });
});
