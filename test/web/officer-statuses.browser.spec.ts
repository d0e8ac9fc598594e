import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { startTestApi, TestApi } from '../support/test-engine';
import { THEME_SEVEN, THEME_SEVEN_ACTIONS, THEME_SEVEN_PLAN } from '../support/theme-seven';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';
/** How many of Theme 7's actions the secretary adds through the form. */
const BY_FORM = 3;
const PEOPLE = {
  sam: { name: 'Sam Weston', email: 'sam.weston@example.gov.uk', roles: ['secretary'] },
  carol: { name: 'Carol Reid', email: 'carol.reid@example.gov.uk', roles: ['officer'] },
  kay: { name: 'Kay Dawson', email: 'kay.dawson@example.gov.uk', roles: ['officer'] },
};

describeInBrowser('a plan’s Q2 statuses, in a browser', () => {
  const browser = chromiumForJourneys();

  // The longest journey runs once, as officers use it; the shorter journeys cover the pages without JavaScript.
  describe.each([true])('with JavaScript %s', (javaScript) => {
    let api: TestApi;
    let url: string;
    beforeAll(async () => {
      // Early October 2017: the Q2 returns are coming in.
      api = await startTestApi('pglite', undefined, undefined, () => new Date('2017-10-05T09:00:00Z'));
      url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
      for (const person of Object.values(PEOPLE)) await addPerson(api, person, password);
    });
    afterAll(() => api?.close());

    const signIn = async (page: Page, who: keyof typeof PEOPLE) => {
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('Email address').fill(PEOPLE[who].email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.locator('.app-signed-in').textContent()).toContain(PEOPLE[who].name);
    };
    const signOut = (page: Page) => page.getByRole('button', { name: 'Sign out', exact: true }).click();

    it('the secretary adds Theme 7, each officer reports on their own actions only, and the key counts 12/20 Green', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      try {
        await signIn(page, 'sam');
        await page.getByRole('link', { name: 'Action register' }).click();
        await journey.checkPage();
        // The secretary adds the first actions in the browser, and imports the rest of the plan from
        // its spreadsheet (leads by their email, in the plan since 1 April).
        const rest = THEME_SEVEN_ACTIONS.slice(BY_FORM).map((action) =>
          [
            action.ref,
            PEOPLE[action.lead].email,
            `"${action.title.replace(/"/g, '""')}"`,
            THEME_SEVEN,
            'Mar-18',
            '01/04/2017',
          ].join(','),
        );
        const spreadsheet = join(mkdtempSync(join(tmpdir(), 'theme-7-')), 'theme-7.csv');
        writeFileSync(
          spreadsheet,
          ['Ref,Lead officer,Strategic activity,Theme,Due date,Update date', ...rest].join('\n'),
        );
        for (const [index, action] of THEME_SEVEN_ACTIONS.entries()) {
          if (index >= BY_FORM) continue;
          if (index === 0) await page.getByRole('button', { name: 'Add an action' }).click();
          else await page.goto(`${url}/actions/new`);
          await page.getByLabel('Plan', { exact: true }).fill(THEME_SEVEN_PLAN);
          await page.getByLabel('Theme (optional)').fill(THEME_SEVEN);
          await page.getByLabel('Ref', { exact: true }).fill(action.ref);
          await page.getByLabel('Strategic activity').fill(action.title);
          await page.getByLabel('Lead officer').selectOption(PEOPLE[action.lead].email);
          await page.getByLabel('Due', { exact: true }).fill('Mar-18');
          await page.getByLabel('In the plan from (optional)').fill('2017-04-01');
          await page.getByRole('button', { name: 'Add action' }).click();
          expect(await page.locator('h1').textContent()).toBe(`${action.ref}: ${action.title}`);
          if (index === 0) {
            await journey.checkPage();
            // The secretary's update page has her changes too (due date, lead, cancelling).
            await page.getByRole('button', { name: 'Update this action' }).click();
            expect(await page.getByRole('heading', { name: 'Secretary’s changes' }).count()).toBe(1);
            await journey.checkPage();
          }
        }
        await page.getByRole('link', { name: 'Action register' }).click();
        await page.getByRole('button', { name: 'Import a register' }).click();
        await page.setInputFiles('#file', spreadsheet);
        await page.getByLabel('Plan the actions belong to (actions only)').fill(THEME_SEVEN_PLAN);
        await page.getByRole('button', { name: 'Check the file' }).click();
        expect(await page.locator('h1').textContent()).toBe('Check theme-7.csv before it is imported');
        await journey.checkPage();
        await page.getByRole('button', { name: `Record ${rest.length} rows` }).click();
        expect(await page.locator('.govuk-panel__title').textContent()).toContain('Register imported');
        await journey.checkPage();
        await signOut(page);

        for (const officer of ['carol', 'kay'] as const) {
          await signIn(page, officer);
          await page.getByRole('link', { name: 'My actions' }).click();
          const mine = THEME_SEVEN_ACTIONS.filter((action) => action.lead === officer);
          expect(await page.locator('tbody tr').count()).toBe(mine.length);
          await journey.checkPage();
          for (const [index, action] of mine.entries()) {
            await page.getByRole('link', { name: `Update ${action.ref}` }).click();
            await page.getByLabel(action.q2 === 'GREEN' ? 'Green' : 'Amber', { exact: true }).check();
            expect(await page.getByLabel('For the period ending').inputValue()).toBe('2017-09-30');
            await page.getByLabel('Update', { exact: true }).fill(`Q2 return for ${action.ref}`);
            if (index === 0) await journey.checkPage();
            await page.getByRole('button', { name: 'Save status' }).click();
            expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
              `${action.ref}: the status is recorded.`,
            );
            await page.getByRole('link', { name: 'My actions' }).click();
          }
          // Another officer's action: no button on its page, and its update page refuses them.
          const theirs = THEME_SEVEN_ACTIONS.find((action) => action.lead !== officer)!;
          await page.getByRole('link', { name: 'Action register' }).click();
          await page.getByRole('link', { name: theirs.ref, exact: true }).click();
          expect(await page.getByRole('button', { name: 'Update this action' }).count()).toBe(0);
          await page.goto(`${page.url()}/update`);
          expect(await page.locator('h1').textContent()).toBe('You cannot see this page');
          await journey.checkPage();
          await signOut(page);
        }

        await signIn(page, 'sam');
        await page.getByRole('link', { name: 'Action register' }).click();
        await page.getByLabel('Status as at', { exact: true }).selectOption('2017-09-30');
        await page.getByRole('button', { name: 'Show the register' }).click();
        const key = await page.locator('[data-status-count]').allTextContents();
        expect(key.slice(0, 2)).toEqual(['12/20 (60%)', '8/20 (40%)']);
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
          'You are viewing this as at 30 September 2017',
        );
        await journey.checkPage();
      } catch (error) {
        await keepEvidence(page, `officer-statuses-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });
  });
});
