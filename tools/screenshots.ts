// npm run screenshots: the web application's main pages, as the README shows them, taken in
// Debian's Chromium from an engine on a throwaway embedded database. Writes docs/screenshots/*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, Page } from 'playwright-core';
import { createHttpApp } from '../apps/api/src/http-app';
import { firstAdminLink } from '#engine/admins';
import { configFromEnvironment } from '#engine/config';
import { openEngine } from '#engine/engine';
import { setPassword } from '#access/credentials';
import { personIdByEmail } from '#projections/people/people.queries';
import { addDays } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';
import request from 'supertest';
import { seedPanelMeetings } from '../test/support/panel-meetings';
import { seedPublishedRecord } from '../test/support/published-record';
import { THEME_SEVEN, THEME_SEVEN_ACTIONS, THEME_SEVEN_PLAN } from '../test/support/theme-seven';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'screenshots-'));
  const config = {
    ...configFromEnvironment({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }),
    remindersInProcess: false,
    // Nothing is sent (no one subscribes), but the subscription form is shown as where email works.
    smtpUrl: 'smtp://127.0.0.1:2525',
  };
  const engine = await openEngine(config, { log: pino({ level: 'silent' }) });
  const app = await createHttpApp(engine);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  const shot = async (name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  };
  try {
    await page.goto(`${url}${new URL((await firstAdminLink(engine))!).pathname}`);
    await shot('choose-password');
    await page.getByLabel('Choose a password').fill('the first admin passphrase');
    await page.getByLabel('Type it again').fill('the first admin passphrase');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await shot('home');
    for (const [name, email, role] of [
      ['Sam Weston', 'sam.weston@example.gov.uk', 'secretary'],
      ['Carol Reid', 'carol.reid@example.gov.uk', 'officer'],
      ['Kay Hill', 'kay.hill@example.gov.uk', 'officer'],
    ])
      await addPerson(page, url, name, email, role);
    await setPassword(
      engine.db,
      (await personIdByEmail(engine.db, 'carol.reid@example.gov.uk'))!,
      PASSWORD,
      new Date(),
    );
    await page.goto(`${url}/people`);
    await shot('people');
    await page.goto(`${url}/people/new`);
    await page.getByRole('button', { name: 'Add person' }).click();
    await shot('add-person-errors');
    await page.goto(`${url}/account`);
    await page.getByLabel('Name of a new token').fill('the finance system');
    await page.getByRole('button', { name: 'Make token' }).click();
    await page.goto(`${url}/account`);
    await shot('account');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await shot('sign-in');
    await seedThemeSeven(
      url,
      engine.tokens.issue({ user: 'sam.weston@example.gov.uk', role: 'secretary', bodies: ['default'] }),
    );
    await page.getByLabel('Email address').fill('carol.reid@example.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'My actions' }).click();
    await shot('my-actions');
    await page.getByRole('link', { name: 'Update 7C03' }).click();
    await shot('action-update');
    await page.goto(`${url}/actions?asAt=2017-09-30`);
    await shot('register');
    await page.getByRole('link', { name: '7C02', exact: true }).click();
    await shot('action');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByLabel('Email address').fill('first.admin@governance.invalid');
    await page.getByLabel('Password', { exact: true }).fill('the first admin passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${url}/audit?entityType=action&eventType=ActionStatusSet`);
    await shot('audit');
    await page.locator('a[href^="/audit/events/"]').first().click();
    await shot('audit-entry');
    await page.goto(`${url}/audit/verify`);
    await shot('audit-verify');
    // Seed 003's work plan as a secretary uploads it: the dry run before anything is recorded.
    await page.goto(`${url}/actions/import`);
    await page.setInputFiles(
      '#file',
      join(__dirname, '..', '..', 'test', 'fixtures', 'import', 'work-plan-2017-18.csv'),
    );
    await page.getByLabel('Plan the actions belong to (actions only)').fill('Work plan 2017-18');
    await page.getByRole('button', { name: 'Check the file' }).click();
    await shot('import-preview');
    const { boardId, june } = await seedPanelMeetings({
      url,
      adminToken: engine.tokens.issue({ user: 'first.admin', role: 'admin', bodies: 'all' }),
      secretaryToken: engine.tokens.issue({
        user: 'sam.weston@example.gov.uk',
        role: 'secretary',
        bodies: ['default'],
      }),
    });
    await page.goto(`${url}/boards/${boardId}`);
    await shot('board');
    await page.goto(`${url}/interests`);
    await shot('interests');
    await page.goto(`${url}/boards/${boardId}/meetings/${june.id}`);
    await shot('meeting');
    await page.goto(`${url}/boards/${boardId}/meetings/${june.id}/items/${june.items[1]}/outcome`);
    await shot('outcome');
    await page.goto(`${url}/secretary`);
    await shot('desk');
    await page.goto(`${url}/decisions/new`);
    await page.getByLabel('Subject', { exact: true }).fill('Award of the custody healthcare contract');
    await page.getByLabel('Or a decision maker not in the directory').fill('Police and Crime Commissioner');
    await page.getByLabel('Expected date').fill(addDays(localDateOf(new Date(), 'Europe/London'), 40));
    await page.getByRole('group', { name: 'Is it a key decision?' }).getByLabel('Yes').check();
    await page
      .getByRole('group', { name: 'Is it of significant public interest?' })
      .getByLabel('Yes')
      .check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await shot('decision-check');
    await page.getByRole('button', { name: 'Propose the decision' }).click();
    await page.getByRole('button', { name: 'Publish the notice' }).click();
    await shot('decision');
    await page.goto(`${url}/forward-plan`);
    await shot('forward-plan');

    // The public site, as anyone sees it: a browser of its own, signed in as nobody.
    const server = app.getHttpServer();
    const published = await seedPublishedRecord(
      {
        http: () => request(server),
        token: (user, role) => engine.tokens.issue({ user, role, bodies: ['default'] }),
      },
      'Strategic Assurance Board',
    );
    const visitor = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const publicShot = async (name: string, path: string) => {
      await visitor.goto(`${url}${path}`);
      await visitor.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      process.stdout.write(`docs/screenshots/${name}.png\n`);
    };
    await publicShot('public-home', '/public/default');
    await publicShot('public-meeting', `/public/default/meetings/${published.june}`);
    await publicShot('public-minutes', `/public/default/meetings/${published.june}/minutes`);
    await publicShot('public-search', '/public/search?q=contracts+awarded');
    await publicShot('public-subscribe', '/public/default/subscribe');
    await publicShot('accessibility', '/accessibility');
  } finally {
    await browser.close();
    await app.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const PASSWORD = 'a passphrase for the screenshots';

/** Theme 7 of seed 000 through the API, with Q1 and Q2 statuses and one late correction. */
async function seedThemeSeven(url: string, token: string): Promise<void> {
  const send = async (path: string, body: object) => {
    const response = await fetch(`${url}/api${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; version: number };
  };
  for (const [index, action] of THEME_SEVEN_ACTIONS.entries()) {
    const lead = action.lead === 'carol' ? 'carol.reid@example.gov.uk' : 'Kay Hill';
    const created = await send('/actions', {
      ref: action.ref,
      plan: THEME_SEVEN_PLAN,
      theme: THEME_SEVEN,
      title: action.title,
      leadOfficers: [lead],
      dueDate: index % 3 === 0 ? 'Q4 2017/18' : 'Mar-18',
      createdOn: '2017-04-01',
    });
    let version = created.version;
    for (const [status, effectiveDate] of [
      [index % 2 === 0 ? 'AMBER' : 'GREEN', '2017-06-30'],
      [action.q2, '2017-09-30'],
    ])
      version = (
        await send(`/actions/${created.id}/status`, {
          status,
          effectiveDate,
          commentary: `${action.ref}: the ${effectiveDate.slice(5, 7) === '06' ? 'Q1' : 'Q2'} return says ${status.toLowerCase()}.`,
          expectedVersion: version,
        })
      ).version;
    if (index < 3)
      await send(`/actions/${created.id}/progress`, {
        note: 'Met the Force’s finance team; the next report goes to the panel in November.',
        reportedOn: '2017-10-10',
        expectedVersion: version,
      });
  }
}

async function addPerson(page: Page, url: string, name: string, email: string, role: string): Promise<void> {
  await page.goto(`${url}/people/new`);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel(role, { exact: true }).check();
  await page.getByLabel('Why are they being added?').fill('Joined the governance team');
  await page.getByRole('button', { name: 'Add person' }).click();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
