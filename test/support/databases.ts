import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
 * Every PGlite of a test run starts as a copy of one migrated template: initdb and the migrations
 * run once per run (PITFALLS.md: a fresh instance costs 2.5-3.5 s and ~700 MB), and each database
 * after that opens in well under a second. The template is kept in a file named by what it holds
 * (PGlite's version and every migration's text), so a changed migration makes a new one.
 */
let template: Promise<Blob> | null = null;

function templateFile(): string {
  const pglite = JSON.parse(
    readFileSync(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  const hash = createHash('sha256').update(pglite.version);
  for (const migration of ALL_MIGRATIONS) {
    hash.update(`\0${migration.id}\0${migration.sql}\0${migration.then?.toString() ?? ''}`);
  }
  return join(tmpdir(), 'engine-test-pglite', `${hash.digest('hex').slice(0, 24)}.tar`);
}

/** Templates of migrations since changed, left by earlier runs (40 MB each). */
function forgetOldTemplates(directory: string): void {
  const anHourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).mtimeMs < anHourAgo) rmSync(path, { force: true });
  }
}

async function migratedTemplate(): Promise<Blob> {
  const file = templateFile();
  try {
    return new Blob([readFileSync(file)]);
  } catch (error) {
    // None yet (or another run, of other migrations, has just removed it): make it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const db = await PgliteDatabase.open();
  try {
    await applyMigrations(db, ALL_MIGRATIONS);
    const dump = await db.dump();
    // Written aside and renamed into place: a worker reading it never sees half a file.
    mkdirSync(dirname(file), { recursive: true });
    forgetOldTemplates(dirname(file));
    const aside = `${file}.${process.pid}.${randomUUID()}`;
    writeFileSync(aside, Buffer.from(await dump.arrayBuffer()));
    renameSync(aside, file);
    return dump;
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
