import { SqlDatabase, SqlSession, SqlTransaction } from './sql-database';

/** A schema name we create and quote: lower-case letters, digits and underscores. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The same database seen with `schema` first on the search path and `rest` after it: tables are
 * made and found in `schema`, and what it lacks (the events) in `rest`. Every statement runs in a
 * transaction that sets the path for itself, so the connections it borrows are left as they were
 * (and a prepared statement is planned again for the path it runs under, as PostgreSQL does).
 */
export function schemaScoped(db: SqlDatabase, schema: string, rest: readonly string[]): SqlDatabase {
  for (const name of [schema, ...rest])
    if (!SCHEMA_NAME.test(name))
      throw new Error(`"${name}" is not a schema name of lower-case letters, digits and _`);
  const path = [schema, ...rest].map((name) => `"${name}"`).join(', ');
  const scoped = <T>(work: (tx: SqlTransaction) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL search_path TO ${path}`);
      return work(tx);
    });
  return {
    kind: db.kind,
    query: (text, params) => scoped((tx) => tx.query(text, params)),
    transaction: scoped,
    execScript: (sql) => scoped((tx) => tx.execScript(sql)),
    async session(onLost): Promise<SqlSession> {
      // PGlite's one connection is every session: its statements are scoped one by one instead.
      if (db.kind === 'pglite')
        return {
          query: (text, params) => scoped((tx) => tx.query(text, params)),
          release: async () => undefined,
        };
      // A connection of its own, closed at release: the path set on it goes with it.
      const session = await db.session(onLost);
      await session.query(`SET search_path TO ${path}`);
      return session;
    },
    close: async () => undefined,
  };
}
