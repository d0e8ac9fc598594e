import { describeInBrowser, journeyPage, keepEvidence, chromiumForJourneys } from '../support/browser';
import { OIDC_CLIENT, startOidcServer } from '../support/oidc-server';
import { startTestApi, TestApi } from '../support/test-engine';
import { addPerson } from '../support/web-session';

describeInBrowser('single sign-on by OpenID Connect, in a browser', () => {
  const browser = chromiumForJourneys();

  // Once, in one mode: the suite has 30 minutes; the journeys between them cover both.
  describe.each([false])('with JavaScript %s', (javaScript) => {
    let api: TestApi;
    let url: string;
    let oidc: Awaited<ReturnType<typeof startOidcServer>>;
    beforeAll(async () => {
      oidc = await startOidcServer();
      api = await startTestApi('pglite', undefined, undefined, undefined, {
        publicBaseUrl: null,
        oidc: {
          issuer: oidc.issuer,
          clientId: OIDC_CLIENT.id,
          clientSecret: OIDC_CLIENT.secret,
          label: 'the test provider',
          allowInsecureHttp: true,
        },
      });
      url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
      await oidc.serve(`${url}/sign-in/oidc/callback`);
      await addPerson(api, { name: 'Carol Reid', email: 'carol.reid@example.gov.uk', roles: ['officer'] });
    });
    afterAll(async () => {
      await api?.close();
      await oidc?.close();
    });

    it('signs a person of the directory in through the provider, and turns away one it does not know', async () => {
      const journey = await journeyPage(browser(), { javaScript });
      const { page } = journey;
      const throughProvider = async (email: string) => {
        await page.getByRole('button', { name: 'Sign in with the test provider' }).click();
        await page.locator('input[name=login]').fill(email);
        await page.locator('input[name=password]').fill('anything');
        await page.getByRole('button', { name: 'Sign-in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
      };
      try {
        await page.goto(`${url}/my-actions`);
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        await journey.checkPage();
        await throughProvider('Carol.Reid@example.gov.uk');
        expect(new URL(page.url()).pathname).toBe('/my-actions');
        expect(await page.locator('.app-signed-in').textContent()).toContain('Signed in as Carol Reid');
        await journey.checkPage();

        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        // Signed out of the provider too (its session would sign Carol in again without asking).
        await page.context().clearCookies();
        await page.goto(`${url}/sign-in`);
        await throughProvider('stranger@example.org');
        expect(await page.locator('h1').textContent()).toBe('You could not be signed in');
        expect(await page.locator('main').textContent()).toContain(
          'stranger@example.org is not a person who may use this service',
        );
        await journey.checkPage();
        await page.goto(`${url}/`);
        expect(new URL(page.url()).pathname).toBe('/sign-in');
      } catch (error) {
        await keepEvidence(page, `oidc-js-${javaScript}`);
        throw error;
      } finally {
        await journey.close();
      }
    });

    it('refuses a callback that no sign-in here began', async () => {
      const page = await api.http().get('/sign-in/oidc/callback?code=forged&state=forged').expect(403);
      expect(page.text).toContain('This sign-in did not start here');
    });
  });
});
