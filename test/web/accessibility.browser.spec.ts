import { chromiumForJourneys, describeInBrowser, journeyPage, keepEvidence } from '../support/browser';
import { seedPublishedRecord } from '../support/published-record';
import { seedAction } from '../support/action-api';
import { startTestApi, TestApi } from '../support/test-engine';
import { addPerson } from '../support/web-session';

const password = 'correct horse battery staple';

/** 1280 CSS pixels at 400% zoom: WCAG 2.2's reflow width (1.4.10). */
const AT_400_PERCENT = { width: 320, height: 640 };

describeInBrowser('the accessibility statement, and pages read at 400% zoom, in a browser', () => {
  const browser = chromiumForJourneys();
  let api: TestApi;
  let url: string;
  let seeded: Awaited<ReturnType<typeof seedPublishedRecord>>;
  beforeAll(async () => {
    api = await startTestApi('pglite', undefined, undefined, undefined, {
      accessibilityContact: 'access@opcc.example.gov.uk',
    });
    seeded = await seedPublishedRecord(api);
    await addPerson(api, { name: 'Ada Admin', email: 'ada@opcc.example', roles: ['admin'] }, password);
    const auth = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    await api.http().post('/api/actions').set(auth).send(seedAction('R01')).expect(201);
    url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => api?.close());
  const anEventId = async () =>
    (
      await api.engine.db.query<{ id: string }>(
        "SELECT event_id::text AS id FROM audit_trail WHERE event_type = 'ActionCreated' LIMIT 1",
      )
    )[0].id;

  it('is linked from every page’s footer, names who runs the service and where to ask', async () => {
    const journey = await journeyPage(browser(), { javaScript: false });
    const { page } = journey;
    try {
      await page.goto(`${url}/public/default`);
      await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
      await journey.checkPage();
      await expect(page.locator('h1').textContent()).resolves.toBe('Accessibility statement');
      const text = await page.locator('main').innerText();
      expect(text).toContain('This service is run by Default body.');
      expect(text).toContain('partially compliant with the Web Content Accessibility Guidelines version 2.2');
      const contact = page.getByRole('link', { name: 'access@opcc.example.gov.uk' });
      expect(await contact.getAttribute('href')).toBe('mailto:access@opcc.example.gov.uk');
      await page.goto(`${url}/sign-in`);
      expect(await page.getByRole('contentinfo').getByRole('link').getAttribute('href')).toBe(
        '/accessibility',
      );
    } catch (error) {
      await keepEvidence(page, 'accessibility-statement');
      throw error;
    } finally {
      await journey.close();
    }
  });

  it('shows the public pages and the staff’s at 400% zoom with nothing to scroll sideways', async () => {
    const journey = await journeyPage(browser(), { javaScript: true });
    const { page } = journey;
    const sideways: string[] = [];
    const board = `/boards/${seeded.boardId}`;
    try {
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('Email address').fill('ada@opcc.example');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.setViewportSize(AT_400_PERCENT);
      for (const path of [
        '/',
        '/actions',
        '/my-actions',
        '/decisions',
        `/decisions/${seeded.decisionId}`,
        '/forward-plan',
        '/boards',
        board,
        `${board}/meetings/${seeded.june}`,
        `${board}/meetings/${seeded.june}/minutes`,
        '/secretary',
        '/audit',
        `/audit/events/${await anEventId()}`,
        '/people',
        '/account',
        '/public/default',
        '/public/default/meetings?month=2015-06',
        `/public/default/meetings/${seeded.june}`,
        `/public/default/meetings/${seeded.june}/minutes`,
        '/public/default/decisions',
        `/public/default/decisions/${seeded.decisionId}`,
        '/public/default/forward-plan',
        '/accessibility',
      ]) {
        await page.goto(`${url}${path}`);
        const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
        if (width > AT_400_PERCENT.width) sideways.push(`${path}: ${width} CSS pixels wide`);
        // A table wider than the screen scrolls in a region that takes the keyboard's focus.
        await journey.checkPage();
      }
      expect(sideways).toEqual([]);
    } catch (error) {
      await keepEvidence(page, 'reflow-at-400-percent');
      throw error;
    } finally {
      await journey.close();
    }
  });
});
