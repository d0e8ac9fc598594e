import { PersonalKeyTable } from '#access/personal-keys';
import { ENGINE_MIGRATIONS } from '#engine/engine-migrations';
import { currentExemptions, decisionsExistingOn } from '#projections/decisions/decisions.queries';
import { numberedId, numberedIdSql, rowsReadBy } from '../support/query-plans';
import { DATABASES, migratedDatabase } from '../support/test-engine';

const ROWS = 2000;
const ID = `${numberedIdSql('n')}::uuid`;

/**
 * Lookups of a few records by id go through the primary key: the public decision list asks for the
 * current exemption of each decision on its page, an as-at list which existed on the day, and
 * every read of sealed events the keys of the people named. Comparing the uuid column as text
 * read the whole table each time (a public page read every decision of every body).
 */
describe.each(DATABASES)('lookups by id (%s)', (kind) => {
  const db = migratedDatabase(kind, ENGINE_MIGRATIONS);

  beforeAll(async () => {
    await db().query(
      `INSERT INTO decisions (decision_id, body_id, stage, key_decision, significant_public_interest, exempt,
                              state, search_text, public_search_text, version, updated_at)
       SELECT ${ID}, 'default', 'published', false, false, false, '{"exemption": null}', '', '', 1, now()
         FROM generate_series(1, $1::int) AS n`,
      [ROWS],
    );
    await db().query(
      `INSERT INTO decision_history (decision_id, version, body_id, known_from, stage, state)
       SELECT ${ID}, 1, 'default', now(), 'published', '{}' FROM generate_series(1, $1::int) AS n`,
      [ROWS],
    );
    await db().query(
      `INSERT INTO personal_keys (person_id, key, made_at)
       SELECT ${ID}, '\\x00', now() FROM generate_series(1, $1::int) AS n`,
      [ROWS],
    );
    for (const table of ['decisions', 'decision_history', 'personal_keys'])
      await db().query(`ANALYZE ${table}`);
  });

  // A malformed id matches nothing, and reaches no uuid cast.
  const asked = [numberedId(3), numberedId(1999), 'not-a-uuid'];

  it("reads the current exemptions of a page's decisions by their ids", async () => {
    expect(await rowsReadBy(db(), (via) => currentExemptions(via, asked))).toEqual([2]);
  });

  it('reads which decisions existed on a day by their ids', async () => {
    const read = await rowsReadBy(db(), (via) => decisionsExistingOn(via, asked, '2026-01-01'));
    // Two decisions, and the one history entry of each the day's check looks at.
    expect(read).toEqual([4]);
  });

  it('reads the keys of the people named by their ids', async () => {
    const keys = new PersonalKeyTable(db());
    expect(await rowsReadBy(db(), (via) => keys.keysFor(asked, false, via))).toEqual([2]);
  });
});
