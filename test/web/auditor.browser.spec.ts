import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { actionApi, correctFirstQ2ToAmber, REPORT_PLAN, seedReportPlan } from '../support/action-api';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';

describeInBrowser('an auditor looks back, in a browser', () => {
  const browser = chromiumForJourneys();

  // Once, in one mode: the suite has 30 minutes; the journeys between them cover both.
  describe.each([true])('with JavaScript %s', (javaScript) => {
    let now = new Date('2017-10-01T09:00:00Z');
    let given: Awaited<ReturnType<typeof actionApi>>;
    let url: string;
    beforeAll(async () => {
      given = await actionApi('pglite', () => now);
      const ids = await seedReportPlan(given);
      // 10 October: R01's Q2 Green was wrong, and is corrected to Amber.
      now = new Date('2017-10-10T14:00:00Z');
      await correctFirstQ2ToAmber(given, ids);
      now = new Date('2017-10-20T09:00:00Z');
      await addPerson(
        given.api,
        { name: 'Ada Auditor', email: 'ada@audit.example', roles: ['auditor'] },
        password,
      );
      url = (await given.api.app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    afterAll(() => given?.api.close());

    it('sees the register as at 30 September with the late correction, and as known on 5 October without it, and can change nothing', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      const key = async () => (await page.locator('[data-status-count]').allTextContents()).slice(0, 2);
      try {
        await page.goto(`${url}/sign-in`);
        await page.getByLabel('Email address').fill('ada@audit.example');
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('link', { name: 'Action register' }).click();
        expect(await page.getByRole('button', { name: 'Add an action' }).count()).toBe(0);
        await page.getByLabel('Plan', { exact: true }).selectOption(REPORT_PLAN);
        await page.getByLabel('Status as at', { exact: true }).selectOption('2017-09-30');
        await page.getByRole('button', { name: 'Show the register' }).click();
        expect(await key()).toEqual(['11/20 (55%)', '9/20 (45%)']);
        await journey.checkPage();

        await page.getByLabel('As known at (optional)').fill('5/10/2017');
        await page.getByRole('button', { name: 'Show the register' }).click();
        expect(await key()).toEqual(['12/20 (60%)', '8/20 (40%)']);
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
          'as known at 11:59pm (UK time) on 5 October 2017',
        );
        await page.getByRole('link', { name: 'R01', exact: true }).click();
        expect(await page.locator('.govuk-summary-list').textContent()).toContain('Green');
        expect(await page.getByRole('button', { name: 'Update this action' }).count()).toBe(0);
        await journey.checkPage();

        // A form forged in the auditor's own session: refused, nothing written.
        const before = await given.eventCount();
        const forged = await page.request.post(`${page.url().split('?')[0]}/status`, {
          form: { status: 'RED', commentary: 'Forged', version: '4' },
        });
        expect(forged.status()).toBe(403);
        expect(await given.eventCount()).toBe(before);
      } catch (error) {
        await keepEvidence(page, `auditor-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });
  });
});
