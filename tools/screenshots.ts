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

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'screenshots-'));
  const config = {
    ...configFromEnvironment({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }),
    remindersInProcess: false,
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
  } finally {
    await browser.close();
    await app.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
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
