import { SqlDatabase, SqlSession } from '#database/sql-database';

export interface LeadershipLog {
  error(details: object, message: string): void;
}

/** The first key of our advisory locks (a fixed number of ours), so they never meet another application's. */
const LOCK_SPACE = 0x60766e00;

/**
 * Which projections and processes this engine process applies: one leader each across every
 * instance sharing the database, by a session-level advisory lock per name on a connection of
 * its own. When a leader dies its connection closes, its locks go with it, and the next instance
 * to look takes them. The others serve reads and follow the leader's checkpoints.
 *
 * PGlite has one process per data directory (the DATA_DIR lock), which leads everything.
 */
export class Leadership {
  private session: SqlSession | null = null;
  private readonly held = new Set<string>();
  private lost = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly log: LeadershipLog,
  ) {}

  /** Takes whichever of these are free, and answers all that this process leads now. */
  async lead(names: readonly string[]): Promise<ReadonlySet<string>> {
    if (this.db.kind === 'pglite') return new Set(names);
    try {
      const session = await this.openSession();
      const wanted = names.filter((name) => !this.held.has(name));
      // Also proves the connection is alive: locks are only as good as the session holding them.
      // Keyed by schema too: deployments (and tests) in other schemas of the database lead their own.
      const taken = await session.query<{ name: string; taken: boolean }>(
        `SELECT name, pg_try_advisory_lock($1::integer, hashtext(current_schema() || ':' || name)) AS taken FROM unnest($2::text[]) AS name`,
        [LOCK_SPACE, wanted],
      );
      for (const row of taken) if (row.taken) this.held.add(row.name);
      if (this.lost) throw new Error('the leadership connection was lost');
      return new Set(this.held);
    } catch (error) {
      this.log.error({ err: error }, 'leadership connection failed; leading nothing until it is back');
      await this.drop();
      return new Set();
    }
  }

  /** Gives up every lock (closing the connection ends them). */
  async release(): Promise<void> {
    await this.drop();
  }

  private async openSession(): Promise<SqlSession> {
    if (this.session && !this.lost) return this.session;
    await this.drop();
    this.session = await this.db.session(() => {
      this.lost = true;
    });
    return this.session;
  }

  private async drop(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.held.clear();
    this.lost = false;
    await session?.release().catch(() => undefined);
  }
}
