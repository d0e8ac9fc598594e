import { ALL_MIGRATIONS } from '#projections';
import { DATABASES, migratedDatabase } from '../support/test-engine';

/**
 * Every index is written at every insert: two of the same columns cost a rebuild and each live
 * write for nothing (the audit trail had two of event_id, until migration 0128).
 */
describe.each(DATABASES)('the schema after every migration (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  it('has no two indexes of a table on the same columns', async () => {
    const twins = await db().query<{ indexes: string[] }>(
      `SELECT array_agg(c.relname::text ORDER BY c.relname) AS indexes
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema()
        GROUP BY i.indrelid, i.indkey::text, i.indclass::text, i.indexprs::text, i.indpred::text
       HAVING count(*) > 1`,
    );
    expect(twins.map((row) => row.indexes)).toEqual([]);
  });
});
