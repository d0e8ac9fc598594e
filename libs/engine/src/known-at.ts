import { randomBytes } from 'node:crypto';
import { SqlDatabase, SqlQueryable } from '#database/sql-database';
import { EventStore } from '#event-store/port';
import { ProjectorLog } from '#projections/projector';
import { buildReadModels, eventsRecordedBy } from './replay';

/** Transactions still open at an instant commit within this: a replay nearer now is not kept. */
const SETTLED_AFTER_MS = 60_000;
/** Replays left by an engine that stopped without dropping them are dropped after this. */
const ABANDONED_AFTER_MS = 24 * 3600_000;
const PREFIX = 'known_at_';

export interface KnownAtOptions {
  /** Replays kept at once: an auditor moves between a few instants, each replay a schema of tables. */
  readonly kept?: number;
  /** A replay let go is dropped after this, so a request still reading it finishes first. */
  readonly dropAfterMs?: number;
  /**
   * A replay of an instant not yet settled is shared for this long after it was asked for, so the
   * several reads of one request (a meeting, its board, its pack) use one replay, not one each.
   */
  readonly unsettledSharedMs?: number;
}

interface Replay {
  readonly schema: string;
  readonly db: Promise<SqlDatabase>;
  readonly builtAt: number;
  /** When it was asked for, by the wall clock. */
  readonly askedAt: number;
  usedAt: number;
}

/**
 * The read models as known at an instant: every event recorded by then replayed through the
 * engine's own projections into a schema of its own, so that every query of the engine answers
 * "what did we know then" exactly as a replay of the log would. Replays are kept by instant (a few,
 * the least used dropped first) while the instant lies far enough in the past that no write still
 * open can land before it; an instant not yet past is the live read models themselves.
 */
export class KnownAtReadModels {
  private readonly replays = new Map<string, Replay>();
  /** Replays are built one after another: many instants asked at once cannot crowd out the live reads. */
  private building: Promise<unknown> = Promise.resolve();
  /** Schemas let go and waiting to be dropped, each with what drops it. */
  private readonly dropping = new Map<NodeJS.Timeout, () => Promise<void>>();

  private readonly kept: number;
  private readonly dropAfterMs: number;
  private readonly unsettledSharedMs: number;

  /** `clock` is the engine's, which says what "now" is; schemas are dated by the wall clock. */
  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly log: ProjectorLog,
    private readonly clock: () => Date,
    options: KnownAtOptions = {},
  ) {
    this.kept = options.kept ?? 4;
    this.dropAfterMs = options.dropAfterMs ?? 60_000;
    this.unsettledSharedMs = options.unsettledSharedMs ?? 5_000;
  }

  /** The read models as known at `knownAt`, or the live ones when it is absent or not yet past. */
  async at(knownAt: string | undefined | null): Promise<SqlQueryable> {
    if (!knownAt) return this.db;
    const instant = new Date(knownAt);
    const now = this.clock().getTime();
    if (instant.getTime() >= now) return this.db;
    const key = instant.toISOString();
    const known = this.replays.get(key);
    // Kept when settled at its making; shared a moment when not (one request's several reads).
    const settled = known && instant.getTime() < known.builtAt - SETTLED_AFTER_MS;
    if (known && (settled || Date.now() - known.askedAt < this.unsettledSharedMs)) {
      known.usedAt = Date.now();
      return known.db;
    }
    if (known) await this.drop(key);
    // Named by when it was made (wall clock), so an engine starting later can tell an abandoned one.
    const schema = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
    const built = this.building.then(() => this.build(schema, instant));
    this.building = built.catch(() => undefined);
    const replay: Replay = { schema, db: built, builtAt: now, askedAt: Date.now(), usedAt: Date.now() };
    this.replays.set(key, replay);
    replay.db.catch(() => this.drop(key, 0).catch(() => undefined));
    await this.dropLeastUsed();
    return replay.db;
  }

  /** Drops every replay this engine kept, those let go at once. */
  async close(): Promise<void> {
    for (const [timer, dropSchema] of this.dropping) {
      clearTimeout(timer);
      this.dropping.delete(timer);
      await dropSchema();
    }
    for (const key of [...this.replays.keys()]) await this.drop(key, 0);
  }

  /** Drops the replays an engine that stopped without closing left behind, a day on. */
  async dropAbandoned(): Promise<void> {
    const left = await this.db.query<{ schema: string }>(
      `SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE '${PREFIX}%'`,
    );
    for (const { schema } of left) {
      const madeAt = Number(/^known_at_(\d+)_/.exec(schema)?.[1]) * 1000;
      if (Date.now() - madeAt > ABANDONED_AFTER_MS)
        await this.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  }

  private async build(schema: string, instant: Date): Promise<SqlDatabase> {
    const built = await buildReadModels(this.db, eventsRecordedBy(this.store, instant), this.log, schema);
    await built.projector.stop();
    return built.scoped;
  }

  private async dropLeastUsed(): Promise<void> {
    while (this.replays.size > this.kept) {
      const [oldest] = [...this.replays.entries()].sort(([, a], [, b]) => a.usedAt - b.usedAt);
      await this.drop(oldest[0]);
    }
  }

  /** Forgets a replay now and drops its schema after `afterMs` (once built, or once failed). */
  private async drop(key: string, afterMs = this.dropAfterMs): Promise<void> {
    const replay = this.replays.get(key);
    if (!replay) return;
    this.replays.delete(key);
    const dropSchema = async () => {
      await replay.db.catch(() => undefined);
      await this.db.query(`DROP SCHEMA IF EXISTS "${replay.schema}" CASCADE`);
    };
    if (afterMs === 0) return dropSchema();
    const timer = setTimeout(() => {
      this.dropping.delete(timer);
      dropSchema().catch(() => undefined);
    }, afterMs);
    timer.unref();
    this.dropping.set(timer, dropSchema);
  }
}
