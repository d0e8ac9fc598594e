import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { startTestApi, TestApi } from '../support/test-engine';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';

describeInBrowser('a secretary schedules a meeting and builds its agenda, in a browser', () => {
  const browser = chromiumForJourneys();

  // Run once (the suite has 30 minutes): with JavaScript, for minute-taking's keyboard shortcuts.
  describe.each([true])('with JavaScript %s', (javaScript) => {
    let api: TestApi;
    let url: string;
    beforeAll(async () => {
      api = await startTestApi('pglite');
      await addPerson(api, { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] }, password);
      await api
        .http()
        .post('/api/boards')
        .set({ Authorization: `Bearer ${api.token('sam', 'secretary')}` })
        .send({
          name: 'Police and Crime Panel',
          code: 'PCP',
          cadence: { every: 2, unit: 'months' },
          members: [
            { name: 'Mr. J. T. Orson JP CC', role: 'Chairman' },
            { name: 'Cllr. Roger Begy, OBE', role: 'Member' },
          ],
        })
        .expect(201);
      url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    afterAll(() => api?.close());

    it('plans the year, confirms the meeting of 17 July 2015, builds and issues its agenda, minutes it, amends a draft minute, has the minutes approved at the next meeting and publishes them', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      // The shortcuts work once the page's script has run (it adds their hint): not before.
      const shortcutsReady = () => page.locator('[data-shortcuts]').waitFor();
      const agenda = () =>
        page
          .locator('[data-agenda-item]')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-agenda-item')));
      try {
        await page.goto(`${url}/sign-in`);
        await page.getByLabel('Email address').fill('sam@opcc.example');
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('link', { name: 'Secretary’s desk' }).click();
        expect(await page.locator('h1').textContent()).toBe('Secretary’s desk');
        await journey.checkPage();
        await page.getByRole('link', { name: 'Boards' }).click();
        await page.getByRole('link', { name: 'Police and Crime Panel' }).click();
        // The year is planned from the panel's cadence; its first meeting is confirmed.
        await page.getByRole('button', { name: 'Plan a year of meetings' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        expect(await page.locator('.govuk-error-summary').textContent()).toContain(
          'Enter the date of the meeting',
        );
        await journey.checkPage();
        await page.getByLabel('First meeting').fill('17/7/2015');
        await page.getByLabel('Usual time (optional)').fill('12:30');
        await page.getByLabel('Usual place').fill('County Hall, Glenfield');
        await page.getByLabel('Yes, public meetings').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        expect(await page.locator('[data-planned] tbody tr').count()).toBe(6);
        await journey.checkPage();
        await page.getByRole('button', { name: 'Schedule these meetings' }).click();
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
          '6 provisional meetings scheduled',
        );
        await page.getByRole('link', { name: '17 July 2015' }).click();
        await page.getByRole('button', { name: 'Confirm the meeting' }).click();
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Meeting confirmed');
        for (const title of ['Minutes.', 'Declarations of Interest.', "PCC's Annual Report 2014/15."]) {
          await page.getByLabel('Title').fill(title);
          await page.getByRole('button', { name: 'Add to the agenda' }).click();
        }
        await journey.checkPage();
        await page.getByRole('button', { name: 'Move up Declarations of Interest.' }).click();
        expect(await agenda()).toEqual([
          'Declarations of Interest.',
          'Minutes.',
          "PCC's Annual Report 2014/15.",
        ]);
        await page.getByRole('button', { name: 'Issue the agenda today' }).click();
        expect(await page.locator('.govuk-summary-list').first().textContent()).toMatch(
          /Issued on \d{4}-\d{2}-\d{2}/,
        );
        await journey.checkPage();

        await page.getByRole('link', { name: 'Record the attendance' }).click();
        await page.getByLabel('Chair').selectOption({ label: 'Mr. J. T. Orson JP CC' });
        await page
          .getByRole('group', { name: 'Cllr. Roger Begy, OBE (Member)' })
          .getByLabel('Apologies')
          .check();
        await journey.checkPage();
        await page.getByRole('button', { name: 'Save attendance' }).click();
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
          'Attendance recorded',
        );
        await page.getByRole('button', { name: 'Record that it was held' }).click();
        expect(await agenda()).toEqual([
          'Declarations of Interest.',
          'Minutes.',
          "PCC's Annual Report 2014/15.",
        ]);
        expect(await page.locator('th').first().textContent()).toBe('Minute');
        await journey.checkPage();

        // Minute-taking from the keyboard: Alt+N chooses noted and puts the cursor in its text,
        // Ctrl+Enter records it and goes on to the next item.
        // On a tablet held upright: the minute-taking form fits the screen, with nothing to scroll sideways.
        await page.setViewportSize({ width: 768, height: 1024 });
        await page.getByRole('link', { name: 'Record the outcome of Minutes.' }).click();
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
        expect(await page.locator('[data-shortcuts]').textContent()).toContain('Alt+N noted');
        await journey.checkPage();
        await shortcutsReady();
        await page.keyboard.press('Alt+KeyN');
        expect(await page.getByLabel('Noted', { exact: true }).isChecked()).toBe(true);
        await page.keyboard.type('The minutes of the meeting held on 25 June were confirmed.');
        // The next item's outcome page: its URL ends as this one's does, so wait for a different one.
        const minutesOutcome = page.url();
        await page.keyboard.press('Control+Enter');
        await page.waitForURL((url) => url.href !== minutesOutcome && url.pathname.endsWith('/outcome'));
        expect(await page.locator('h1').textContent()).toContain("PCC's Annual Report 2014/15.");
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain('outcome recorded');
        await page.getByRole('link', { name: 'Back to the meeting' }).click();
        expect(await page.locator('[data-outcome]').first().textContent()).toContain('Noted: The minutes');
        // A draft minute amended: the new wording, and why, for the record.
        await page.getByRole('link', { name: 'Amend the minute on Minutes.' }).click();
        await page
          .getByLabel('What was noted')
          .fill('The minutes of the meeting held on 25 June 2015 were confirmed as a correct record.');
        await page.getByLabel('Why the minute is amended').fill('The Chairman asked for the full wording.');
        await journey.checkPage();
        await page.getByRole('button', { name: 'Amend the minute' }).click();
        expect(await page.locator('[data-outcome]').first().textContent()).toContain('as a correct record');
        await page.getByRole('link', { name: 'Preview the minutes' }).click();
        expect(await page.locator('[data-minute="2"]').textContent()).toBe('2. Minutes.');
        await journey.checkPage();
        await page.getByRole('link', { name: 'Back to the meeting' }).click();
        const july = page.url();

        // A declaration, then the rest of the agenda from the keyboard; the report raises an action,
        // due at the panel's next meeting.
        await page.getByLabel('Member', { exact: true }).selectOption({ label: 'Mr. J. T. Orson JP CC' });
        await page.getByLabel('On', { exact: true }).selectOption({ label: "PCC's Annual Report 2014/15." });
        await page
          .getByLabel('The interest')
          .fill('a personal interest as a member of the Independent Advisory Panel');
        await page.getByRole('button', { name: 'Record the declaration' }).click();
        await page.getByRole('link', { name: 'Record the outcome of Declarations of Interest.' }).click();
        await shortcutsReady();
        await page.keyboard.press('Alt+KeyN');
        await page.keyboard.type('The declaration made is recorded at minute 3.');
        // The next item's outcome page: its URL ends as this one's does, so wait for a different one.
        const declarationsOutcome = page.url();
        await page.keyboard.press('Control+Enter');
        await page.waitForURL((url) => url.href !== declarationsOutcome && url.pathname.endsWith('/outcome'));
        expect(await page.locator('h1').textContent()).toContain("PCC's Annual Report 2014/15.");
        await shortcutsReady();
        await page.keyboard.press('Alt+KeyR');
        await page.keyboard.type('That the Annual Report 2014/15 be noted.');
        await page.getByLabel('The action', { exact: true }).fill('A summary of the report for the website');
        await page.getByLabel('Or an owner not in the directory (optional)').fill('Chief Executive (OPCC)');
        await page.keyboard.press('Control+Enter');
        await page.waitForURL(july);
        await page.getByRole('button', { name: 'Draft the minutes' }).click();
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Minutes drafted');

        // The next meeting approves them; they are published, and the public reads them.
        await page.getByRole('link', { name: 'Police and Crime Panel' }).first().click();
        await page.getByRole('link', { name: '18 September 2015' }).click();
        await page.getByRole('button', { name: 'Confirm the meeting' }).click();
        await page.getByLabel('Title').fill('Minutes of the meeting held on 17 July 2015.');
        await page.getByRole('button', { name: 'Add to the agenda' }).click();
        await page.getByRole('button', { name: 'Issue the agenda today' }).click();
        await page.getByRole('button', { name: 'Record that it was held' }).click();
        await page.getByRole('link', { name: 'Record the outcome of Minutes of the meeting' }).click();
        await shortcutsReady();
        await page.keyboard.press('Alt+KeyR');
        await page.keyboard.type('That the minutes of the meeting held on 17 July 2015 be approved.');
        await page.keyboard.press('Control+Enter');
        await page.waitForURL(/\/meetings\/[0-9a-f-]+$/);
        await page.goto(july);
        await page.getByLabel('Approved at').selectOption({ index: 1 });
        await page.getByRole('button', { name: 'Approve the minutes' }).click();
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Minutes approved');
        await page.getByRole('button', { name: 'Publish the minutes' }).click();
        expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Minutes published');
        await journey.checkPage();
        await page.goto(
          `${july.replace(/\/boards\/[0-9a-f-]+\/meetings\//, '/public/default/meetings/')}/minutes`,
        );
        const minutes = await page.locator('main').textContent();
        expect(minutes).toContain('Approved at the meeting of 18 September 2015');
        expect(minutes).toContain('Action PCP');
        expect(minutes).toContain('That the Annual Report 2014/15 be noted.');
        await journey.checkPage();
      } catch (error) {
        await keepEvidence(page, `meetings-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });
  });
});
