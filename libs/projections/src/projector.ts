import { SqlDatabase } from '../../database/src/sql-database';
import {
  comparePositions,
  EventStore,
  LogPosition,
  RecordedEvent,
  START_OF_LOG,
} from '../../event-store/src/port';
import { Projection } from './projection';
import { applyProjectionBatch, BUSY_ELSEWHERE, ProjectorLog } from './projection-batch';
import { WakeableSleep } from '../../event-store/src/wakeable-sleep';

export type { ProjectorLog } from './projection-batch';

/** Large enough that a catch-up pays per batch (read, transaction, checkpoint) rarely. */
const BATCH_SIZE = 5000;
/** A projection applying event by event commits at least this often. */
const PER_EVENT_TRANSACTION = 1000;
/** Projections applying one batch at once on PostgreSQL: the rest of the pool serves requests. */
const SIDE_BY_SIDE = 4;

/** One projection as the reader serves it: where it stands, and who waits for it. */
interface Follower {
  readonly projection: Projection;
  readonly handles: (type: string) => boolean;
  position: LogPosition;
  /** While a batch keeps failing (the database is away), the others go on without it. */
  retryAt: number;
  waiters: { target: LogPosition; resolve: () => void }[];
}

/**
 * Keeps every projection in step with the global log through one reader: each batch is read once
 * and every projection is handed the events it declares it handles. Each projection writes its
 * rows and its checkpoint in one transaction, so a restart resumes where it stopped and applies
 * nothing twice; when several processes run projectors, the checkpoint row's lock lets one apply
 * each batch. A projection whose batch fails waits a moment and rejoins; the others do not wait.
 */
export class Projector {
  private followers: Follower[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly log: ProjectorLog,
    private readonly idleMs = 200,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    // Every projection has its row before any batch, so the row lock always serialises appliers.
    await this.db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position)
       SELECT name, 0, 0 FROM unnest($1::text[]) AS name ON CONFLICT (projection) DO NOTHING`,
      [this.projections.map((projection) => projection.name)],
    );
    const stored = await this.storedCheckpoints();
    this.followers = this.projections.map((projection) => ({
      projection,
      handles: handlesOf(projection),
      position: stored.get(projection.name) ?? START_OF_LOG,
      retryAt: 0,
      waiters: [],
    }));
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand (its checkpoints are stored with it) and stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    this.loop = null;
    for (const follower of this.followers) {
      for (const waiter of follower.waiters) waiter.resolve();
      follower.waiters = [];
    }
  }

  /** Something was appended: look now. */
  poke(): void {
    this.pause.wake();
  }

  /**
   * Waits until every projection has handled the log up to `position` (the last event of one
   * append), and resolves with the names of those that have not (timed out) or that parked an
   * event of that append instead of applying it: empty when every read model shows the write.
   */
  async waitFor(position: LogPosition, timeoutMs = 5000): Promise<string[]> {
    const reached = await Promise.all(
      this.followers.map((follower) => this.reached(follower, position, timeoutMs)),
    );
    const names = this.followers.map((follower) => follower.projection.name);
    const lagging = names.filter((_, index) => !reached[index]);
    // The events of one append share its commit position.
    const parked = await this.db.query<{ projection: string }>(
      `SELECT DISTINCT projection FROM parked_events
        WHERE commit_position = $1 AND prepare_position <= $2 AND projection = ANY($3::text[])`,
      [position.commit, position.prepare, names],
    );
    return [...new Set([...lagging, ...parked.map((row) => row.projection)])];
  }

  checkpoints(): Record<string, LogPosition> {
    return Object.fromEntries(
      this.followers.map((follower) => [follower.projection.name, follower.position]),
    );
  }

  private async run(): Promise<void> {
    // The next batch, read while this one is applied: a catch-up then runs at the pace of the slower
    // of reading and applying, not of both in turn.
    let ahead: { after: LogPosition; events: Promise<RecordedEvent[]> } | null = null;
    while (this.running) {
      const now = Date.now();
      const active = this.followers.filter((follower) => follower.retryAt <= now);
      if (active.length === 0) {
        await this.sleep(this.idleMs);
        continue;
      }
      const from = active.reduce(
        (lowest, follower) => (comparePositions(follower.position, lowest) < 0 ? follower.position : lowest),
        active[0].position,
      );
      let events: RecordedEvent[];
      try {
        const read: Promise<RecordedEvent[]> =
          ahead && comparePositions(ahead.after, from) === 0 ? ahead.events : this.read(from);
        ahead = null;
        events = await read;
      } catch (error) {
        this.log.error({ err: error }, 'reading the log failed; retrying');
        await this.sleep(this.idleMs * 5);
        continue;
      }
      if (events.length === BATCH_SIZE) {
        const after = events[events.length - 1].position;
        ahead = { after, events: this.read(after) };
        ahead.events.catch(() => undefined); // a failed read-ahead is read again, and reported, in turn
      }
      if (events.length > 0) await this.fanOut(active, events);
      if (events.length < BATCH_SIZE) await this.sleep(this.idleMs);
    }
    await ahead?.events.catch(() => undefined);
  }

  private read(after: LogPosition): Promise<RecordedEvent[]> {
    return this.store.readAll({ after, maxCount: BATCH_SIZE });
  }

  /**
   * Hands one batch to every projection still short of its end. On PostgreSQL the projections
   * apply it side by side, each in its own transaction on its own connection, so the database's
   * work for one overlaps another's folding here; PGlite has one connection, and takes them in turn.
   */
  private async fanOut(active: Follower[], events: RecordedEvent[]): Promise<void> {
    const end = events[events.length - 1].position;
    const untouched: Follower[] = [];
    const work: (() => Promise<void>)[] = [];
    for (const follower of active) {
      if (comparePositions(follower.position, end) >= 0) continue;
      const mine = events.filter(
        (event) => comparePositions(event.position, follower.position) > 0 && follower.handles(event.type),
      );
      if (mine.length === 0) untouched.push(follower);
      else work.push(() => this.applyTo(follower, mine, end));
    }
    await eachAtMost(this.db.kind === 'postgres' ? SIDE_BY_SIDE : 1, work);
    if (untouched.length > 0) await this.passOver(untouched, end);
  }

  private async applyTo(follower: Follower, events: RecordedEvent[], end: LogPosition): Promise<void> {
    try {
      await this.applyInTransactions(follower, events, end);
    } catch (error) {
      this.log.error(
        { projection: follower.projection.name, err: error },
        'projection batch failed; retrying',
      );
      follower.retryAt = Date.now() + this.idleMs * 5;
    }
    this.release(follower);
  }

  /**
   * A projection that applies a batch set-based takes it whole; one that applies event by event
   * takes it in transactions of at most PER_EVENT_TRANSACTION events, so no transaction of its
   * holds its checkpoint row (and what waits on it) for long.
   */
  private async applyInTransactions(follower: Follower, events: RecordedEvent[], end: LogPosition) {
    const size = follower.projection.applyBatch ? events.length : PER_EVENT_TRANSACTION;
    for (let from = 0; from < events.length; from += size) {
      const part = events.slice(from, from + size);
      const partEnd = from + size >= events.length ? end : part[part.length - 1].position;
      const applied = await applyProjectionBatch(
        this.db,
        this.log,
        follower.projection,
        part,
        follower.position,
        partEnd,
      );
      if (applied === BUSY_ELSEWHERE) {
        follower.retryAt = Date.now() + this.idleMs;
        return;
      }
      follower.position = applied;
      follower.retryAt = 0;
    }
  }

  /**
   * Moves on the projections the batch held nothing for, in one statement: their checkpoints only
   * go forward, so another process applying the same stretch can never be undone. One whose row
   * another process holds right now is left for the next look.
   */
  private async passOver(untouched: Follower[], end: LogPosition): Promise<void> {
    let free: { projection: string }[];
    try {
      free = await this.db.query<{ projection: string }>(
        `WITH free AS (
           SELECT projection, commit_position, prepare_position FROM projection_checkpoints
            WHERE projection = ANY($1::text[]) FOR UPDATE SKIP LOCKED
         ), moved AS (
           UPDATE projection_checkpoints AS checkpoint
              SET commit_position = $2, prepare_position = $3, updated_at = now()
             FROM free
            WHERE checkpoint.projection = free.projection
              AND (free.commit_position, free.prepare_position) < ($2::bigint, $3::bigint)
         )
         SELECT projection FROM free`,
        [untouched.map((follower) => follower.projection.name), end.commit, end.prepare],
      );
    } catch (error) {
      this.log.error({ err: error }, 'storing checkpoints failed; retrying');
      return;
    }
    const moved = new Set(free.map((row) => row.projection));
    for (const follower of untouched) {
      if (!moved.has(follower.projection.name)) {
        follower.retryAt = Date.now() + this.idleMs;
        continue;
      }
      follower.position = end;
      this.release(follower);
    }
  }

  private reached(follower: Follower, target: LogPosition, timeoutMs: number): Promise<boolean> {
    if (comparePositions(follower.position, target) >= 0) return Promise.resolve(true);
    this.poke();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      follower.waiters.push({
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
  }

  private release(follower: Follower): void {
    const waiting = follower.waiters;
    follower.waiters = waiting.filter((waiter) => comparePositions(follower.position, waiter.target) < 0);
    for (const waiter of waiting)
      if (comparePositions(follower.position, waiter.target) >= 0) waiter.resolve();
  }

  private async storedCheckpoints(): Promise<Map<string, LogPosition>> {
    const rows = await this.db.query<{
      projection: string;
      commit_position: number;
      prepare_position: number;
    }>('SELECT projection, commit_position, prepare_position FROM projection_checkpoints');
    return new Map(
      rows.map((row) => [row.projection, { commit: row.commit_position, prepare: row.prepare_position }]),
    );
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.pause.sleep(ms) : Promise.resolve();
  }
}

function handlesOf(projection: Projection): (type: string) => boolean {
  if (projection.handles === 'every event') return () => true;
  const types = new Set(projection.handles);
  return (type) => types.has(type);
}

/** Runs the tasks, at most `limit` at a time. */
async function eachAtMost(limit: number, tasks: readonly (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
