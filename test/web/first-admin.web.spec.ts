import request from 'supertest';
import { setPassword } from '#access/credentials';
import { linkHolder } from '#access/sign-in-links';
import { FIRST_ADMIN, firstAdminLink } from '#engine/admins';
import { findPerson } from '#projections/people/people.queries';
import { startTestApi, TestApi } from '../support/test-engine';

describe('the first start of a deployment', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite');
  });
  afterAll(() => api?.close());

  it('gives a sign-in link for a first admin until an admin has chosen a password', async () => {
    const link = await firstAdminLink(api.engine);
    expect(link).toMatch(/^http:\/\/engine\.test\/sign-in\/link\/\S+$/);
    const secret = link!.split('/').pop()!;
    const personId = (await linkHolder(api.engine.db, secret, new Date()))!;
    expect(await findPerson(api.engine.db, personId, ['default'])).toMatchObject({
      email: FIRST_ADMIN.email,
      bodies: [{ bodyId: 'default', roles: ['admin'] }],
    });
    const page = await request(api.app.getHttpServer()).get(new URL(link!).pathname).expect(200);
    expect(page.text).toContain('Choose a password');

    // Restarted before anyone used it: a fresh link for the same admin, not a second admin.
    const again = (await firstAdminLink(api.engine))!.split('/').pop()!;
    expect(await linkHolder(api.engine.db, again, new Date())).toBe(personId);

    await setPassword(api.engine.db, personId, 'correct horse battery staple', new Date());
    expect(await firstAdminLink(api.engine)).toBeNull();
  });
});
