import { SqlQueryable } from '#database/sql-database';
import { DirectoryWords } from '#engine/directory-words';
import { startTestApi, TestApi } from '../support/test-engine';
import { addPerson } from '../support/web-session';

describe('the directory words an append seals, read at most every couple of seconds', () => {
  let api: TestApi;
  let reads: number;
  let words: DirectoryWords;
  let counted: SqlQueryable;

  beforeAll(async () => {
    api = await startTestApi('pglite');
    counted = {
      query: (text, params) => {
        reads += 1;
        return api.engine.db.query(text, params);
      },
    };
    words = new DirectoryWords(counted);
  });
  afterAll(() => api?.close());
  beforeEach(() => {
    reads = 0;
  });

  it('names the people of the body by name or email, from one read kept for the next appends', async () => {
    const carolId = await addPerson(api, {
      name: 'Carol Reid',
      email: 'carol@opcc.example',
      roles: ['officer'],
    });
    const named = await words.named('default', ['Carol Reid', 'CAROL@opcc.example', 'Chief Executive']);
    expect(Object.fromEntries(named)).toEqual({ 'Carol Reid': carolId, 'CAROL@opcc.example': carolId });
    await words.named('default', ['Carol Reid']);
    expect(reads).toBe(1);
  });

  it('reads the directory again once told it changed, so a person just registered is named at once', async () => {
    const fresh = new DirectoryWords(counted);
    expect((await fresh.named('default', ['Kay Dawson'])).size).toBe(0);
    const kayId = await addPerson(api, { name: 'Kay Dawson', email: 'kay@opcc.example', roles: ['officer'] });
    fresh.forget();
    expect((await fresh.named('default', ['Kay Dawson'])).get('Kay Dawson')).toBe(kayId);
    expect(reads).toBe(2);
  });
});
