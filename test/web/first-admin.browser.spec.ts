import { FIRST_ADMIN, firstAdminLink } from '#engine/admins';
import { chromiumForJourneys, describeInBrowser, journeyPage, keepEvidence } from '../support/browser';
import { startTestApi, TestApi } from '../support/test-engine';

describeInBrowser('the first admin, in a browser', () => {
  let api: TestApi;
  let url: string;
  const browser = chromiumForJourneys();

  // Once, in one mode: the suite has 30 minutes; the journeys between them cover both.
  describe.each([true])('with JavaScript %s', (javaScript) => {
    // A deployment of its own: its first admin has no password yet.
    beforeAll(async () => {
      api = await startTestApi('pglite');
      url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    afterAll(() => api?.close());

    it('opens the link printed at first start, chooses a password, signs out and signs in again', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      const password = `a long passphrase for ${javaScript ? 'on' : 'off'}`;
      try {
        const link = new URL((await firstAdminLink(api.engine))!);
        await page.goto(`${url}${link.pathname}`);
        expect(await page.locator('h1').textContent()).toBe('Choose a password');
        await journey.checkPage();

        await page.getByLabel('Choose a password').fill('too short');
        await page.getByLabel('Type it again').fill('too short');
        await page.getByRole('button', { name: 'Save password and sign in' }).click();
        expect(await page.title()).toMatch(/^Error: Choose a password/);
        expect(await page.locator('.govuk-error-summary').textContent()).toContain('at least 12 characters');
        await journey.checkPage();

        await page.getByLabel('Choose a password').fill(password);
        await page.getByLabel('Type it again').fill(password);
        await page.getByRole('button', { name: 'Save password and sign in' }).click();
        expect(await page.locator('h1').textContent()).toBe('Home');
        expect(await page.textContent('body')).toContain('Welcome, First admin.');
        await journey.checkPage();

        await page.getByRole('button', { name: 'Sign out' }).click();
        expect(await page.locator('h1').textContent()).toBe('Sign in');
        await journey.checkPage();
        await page.getByLabel('Email address').fill(FIRST_ADMIN.email);
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        expect(await page.textContent('body')).toContain('Welcome, First admin.');
      } catch (error) {
        await keepEvidence(page, `first-admin-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });
  });
});
