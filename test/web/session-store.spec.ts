import session from 'express-session';
import { DatabaseSessionStore } from '../../apps/api/src/web/setup/session-store';
import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

/** A page view moves a session's idle expiry on, but writes it at most once a minute. */
describe.each(DATABASES)('the web session store (%s)', (kind) => {
  let api: TestApi;
  let now = new Date('2026-12-02T09:00:00Z');
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  const sessionExpiring = (at: Date) =>
    ({ cookie: { expires: at, originalMaxAge: 1_800_000 } }) as unknown as session.SessionData;
  const call = (run: (done: (error?: unknown) => void) => void) =>
    new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
  const storedExpiry = async (sid: string) =>
    new Date(
      (
        await api.engine.db.query<{ expires_at: string | Date }>(
          'SELECT expires_at FROM web_sessions WHERE sid = $1',
          [sid],
        )
      )[0].expires_at,
    ).toISOString();

  it('moves the stored expiry on at the first view, not again within the minute, and again after it', async () => {
    const store = new DatabaseSessionStore(api.engine.db, () => now);
    const plus = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await call((done) => store.set('sid-1', sessionExpiring(plus(30)), done));
    now = new Date(now.getTime() + 5_000);
    await call((done) => store.touch('sid-1', sessionExpiring(plus(30)), done));
    const touched = plus(30).toISOString();
    expect(await storedExpiry('sid-1')).toBe(touched);
    now = new Date(now.getTime() + 30_000);
    await call((done) => store.touch('sid-1', sessionExpiring(plus(30)), done));
    expect(await storedExpiry('sid-1')).toBe(touched);
    now = new Date(now.getTime() + 31_000);
    await call((done) => store.touch('sid-1', sessionExpiring(plus(30)), done));
    expect(await storedExpiry('sid-1')).toBe(plus(30).toISOString());
  });
});
