import { PGlite, types } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock';
import { SqlDatabase, SqlSession, SqlTransaction } from './sql-database';

const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.DATE]: (value: string) => value,
};

/**
 * Embedded PostgreSQL. One connection: PGlite serialises query, exec and transaction on one lock,
 * so a transaction must use only the `tx` it is handed (a `query` on the outer object deadlocks).
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DataDirLock | null,
  ) {}

  /** `dataDir` is a directory kept across restarts, or undefined for an in-memory database. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (!dataDir) return new PgliteDatabase(await PGlite.create('memory://', { parsers }), null);
    mkdirSync(dataDir, { recursive: true });
    const lock = DataDirLock.acquire(dataDir);
    try {
      const db = await PGlite.create(join(dataDir, 'pglite'), { parsers });
      return new PgliteDatabase(db, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** An in-memory database starting as a copy of `dump` (from `dump()`): ~2 s instead of a fresh initdb. */
  static async openCopyOf(dump: Blob): Promise<PgliteDatabase> {
    return new PgliteDatabase(await PGlite.create('memory://', { parsers, loadDataDir: dump }), null);
  }

  /** The whole database as a tarball, to open copies of (tests share one migrated template). */
  async dump(): Promise<Blob> {
    return this.db.dumpDataDir('none');
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(text, params as unknown[])).rows;
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <Row>(text: string, params: readonly unknown[] = []) =>
          (await tx.query<Row>(text, params as unknown[])).rows,
        execScript: async (sql: string) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  async execScript(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  /** PGlite has one connection, which is every session. */
  async session(): Promise<SqlSession> {
    return { query: (text, params) => this.query(text, params), release: async () => undefined };
  }

  async close(): Promise<void> {
    await this.db.close();
    this.lock?.release();
  }
}
