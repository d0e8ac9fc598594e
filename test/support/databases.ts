import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { PgDatabase } from '#database/pg-database';
import { PgliteDatabase } from '#database/pglite-database';
import { SqlDatabase } from '#database/sql-database';
import { ALL_MIGRATIONS } from '#projections';

export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const postgresAvailable = process.env.TEST_POSTGRES_AVAILABLE === '1';

/** `describe` when PostgreSQL answered the global probe; a visibly skipped block otherwise (never under CI). */
export const describeWithPostgres: jest.Describe = postgresAvailable
  ? describe
  : (Object.assign(
      (name: string, body: () => void) =>
        describe.skip(`${name} [skipped: PostgreSQL not reachable at ${postgresUrl}]`, body),
      describe,
    ) as jest.Describe);

export interface TestDatabase {
  readonly db: SqlDatabase;
  /** For opening a second connection pool on the same schema (another "instance"). */
  readonly open: () => SqlDatabase;
  readonly dispose: () => Promise<void>;
}

/** A fresh schema on the real PostgreSQL server, dropped afterwards. */
export async function openTestPostgres(): Promise<TestDatabase> {
  const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new PgDatabase({ connectionString: postgresUrl, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const opened: SqlDatabase[] = [];
  const open = () => {
    const db = new PgDatabase({ connectionString: postgresUrl, schema, maxConnections: 20 });
    opened.push(db);
    return db;
  };
  const db = open();
  return {
    db,
    open,
    dispose: async () => {
      for (const each of opened) await each.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/**
 * Every PGlite of a test file starts as a copy of one migrated template: initdb and the
 * migrations run once per file, and each database after that opens in about two seconds
 * (PITFALLS.md: a fresh instance costs 2.5-3.5 s and ~700 MB).
 */
let template: Promise<Blob> | null = null;

async function migratedTemplate(): Promise<Blob> {
  const db = await PgliteDatabase.open();
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    return await db.dump();
  } finally {
    await db.close();
  }
}

/** A fresh in-memory PGlite, already migrated. */
export async function openTestPglite(): Promise<TestDatabase> {
  template ??= migratedTemplate();
  const db = await PgliteDatabase.openCopyOf(await template);
  return {
    db,
    open: () => {
      throw new Error('PGlite has one connection: share the one database');
    },
    dispose: () => db.close(),
  };
}

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const redisAvailable = process.env.TEST_REDIS_AVAILABLE === '1';

/** `describe` when Redis answered the global probe; a visibly skipped block otherwise (never under CI). */
export const describeWithRedis: jest.Describe = redisAvailable
  ? describe
  : (Object.assign(
      (name: string, body: () => void) =>
        describe.skip(`${name} [skipped: Redis not reachable at ${redisUrl}]`, body),
      describe,
    ) as jest.Describe);
