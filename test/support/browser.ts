import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

const CHROMIUM = process.env.TEST_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = process.env.TEST_CHROMIUM_AVAILABLE === '1';

// A journey is many pages, each checked with axe: on a busy 2-core machine one can take several
// minutes (Theme 7's took four), so a journey's file gets ten, not the suite's three.
jest.setTimeout(600_000);

/** `describe` when Chromium is installed; a visibly skipped block otherwise (never under CI). */
export const describeInBrowser: jest.Describe = chromiumAvailable
  ? describe
  : (Object.assign(
      (name: string, body: () => void) =>
        describe.skip(`${name} [skipped: no Chromium at ${CHROMIUM}; apt-get install -y chromium]`, body),
      describe,
    ) as jest.Describe);

/** Debian's Chromium, headless, as the developers' guide says to launch it. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Chromium for the journeys of a describe block: launched before them, closed after them. */
export function chromiumForJourneys(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  return () => browser!;
}

/** Where a failing journey leaves its screenshot and HTML. */
export const FAILURES_DIR = join(__dirname, '..', '..', 'test-results');

/**
 * A page that fails the test on any console error or CSP violation, and checks every page it
 * lands on against WCAG 2.2 AA and axe's best practices (`checkPage`).
 */
export async function journeyPage(browser: Browser, options: { javaScript: boolean }) {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript });
  // axe runs as a script: a page seen without JavaScript is checked as served, in a context with it.
  const axeContext = options.javaScript ? context : await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A page answered 400 (a form with errors) or 404 is the page under test: the status is checked
    // there. A stylesheet, script or image that fails is a problem, and is caught below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document')
      problems.push(`${response.status()} for ${response.request().resourceType()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const asServed = async (): Promise<Page> => {
    if (options.javaScript) return page;
    const [html, at] = [await page.content(), page.url()];
    const copy = await axeContext.newPage();
    await copy.route(at, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await copy.goto(at);
    return copy;
  };
  return {
    page,
    problems,
    /** Zero axe violations at WCAG 2.2 AA on the page as it is now, and no console errors so far. */
    async checkPage(): Promise<void> {
      const checked = await asServed();
      const results = await new AxeBuilder({ page: checked })
        // Every rule still runs; only the violations are reported back in full (the passes' node
        // lists are most of axe's time on a long page, and of the browser protocol's). Set before
        // the tags: `options` replaces what `withTags` sets.
        .options({ resultTypes: ['violations'] })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      if (checked !== page) await checked.close();
      const violations = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
      );
      expect({ url: page.url(), violations, problems }).toEqual({
        url: page.url(),
        violations: [],
        problems: [],
      });
    },
    close: async () => {
      await context.close();
      if (axeContext !== context) await axeContext.close();
    },
  };
}

/** Keeps a full-page screenshot and the HTML of a journey that failed, for whoever looks next. */
export async function keepEvidence(page: Page, name: string): Promise<void> {
  mkdirSync(FAILURES_DIR, { recursive: true });
  const base = join(FAILURES_DIR, name.replace(/[^\w-]+/g, '-'));
  await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
  writeFileSync(`${base}.html`, await page.content().catch(() => ''));
}
