import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { PANEL, panelApiOf, seedPanelMeetings } from '../support/panel-meetings';
import { startTestApi, TestApi } from '../support/test-engine';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';

describeInBrowser('a secretary reads attendance and the register of interests, in a browser', () => {
  const browser = chromiumForJourneys();

  // Once, in one mode: the suite has 30 minutes; the journeys between them cover both.
  describe.each([false])('with JavaScript %s', (javaScript) => {
    let api: TestApi;
    let url: string;
    beforeAll(async () => {
      api = await startTestApi('pglite');
      await seedPanelMeetings(await panelApiOf(api));
      await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
      url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    afterAll(() => api?.close());

    it('finds the panel, its members’ attendance for July, and the declarations one member made', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      try {
        await page.goto(`${url}/sign-in`);
        await page.getByLabel('Email address').fill('sam@opcc.example');
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('link', { name: 'Boards' }).click();
        await journey.checkPage();
        await page.getByRole('link', { name: PANEL }).click();
        expect(await page.locator('[data-attendance]').count()).toBe(4);
        await journey.checkPage();

        await page.getByLabel('From (optional)').fill('1/7/2015');
        await page.getByLabel('To (optional)').fill('31/7/2015');
        await page.getByRole('button', { name: 'Show attendance' }).click();
        expect(await page.locator('[data-meetings-counted]').textContent()).toContain('1 held meeting');
        expect(await page.locator('[data-attendance="Cllr. Roger Begy, OBE"] td').allTextContents()).toEqual([
          'Cllr. Roger Begy, OBE',
          'Member',
          '1',
          '0',
          '0',
          '1',
          '0%',
        ]);
        await journey.checkPage();

        await page.getByRole('link', { name: 'Declarations of interest at its meetings' }).click();
        expect(await page.locator('[data-declarations-total]').textContent()).toBe('2');
        await page.getByLabel('Person').selectOption({ label: 'Cllr. Roger Begy, OBE' });
        await page.getByRole('button', { name: 'Show declarations' }).click();
        expect(await page.locator('[data-declarations-total]').textContent()).toBe('1');
        expect(await page.locator('tbody').textContent()).toContain('141. Budget.');
        await journey.checkPage();
      } catch (error) {
        await keepEvidence(page, `boards-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });
  });
});
