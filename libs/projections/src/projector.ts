import { SqlDatabase } from '#database/sql-database';
import { comparePositions, EventStore, LogPosition, RecordedEvent, START_OF_LOG } from '#event-store/port';
import { WakeableSleep } from '#event-store/wakeable-sleep';
import { Leadership } from './leadership';
import { LogFollower, projectionFollower } from './log-follower';
import { eventsAfter, moveCheckpointsOn, storedCheckpoints } from './checkpoints';
import { ArrivingWrites } from './arriving-writes';
import { BatchReader, LogBatch } from './batch-reader';
import { applyJointly, JointOutcome } from './joint-batch';
import { Projection } from './projection';
import { BUSY_ELSEWHERE, ProjectorLog } from './projection-batch';

export type { ProjectorLog } from './projection-batch';
export type { LogFollower } from './log-follower';

/** Large enough that a catch-up pays per batch (read, transaction, checkpoint) rarely. */
const BATCH_SIZE = 5000;
/** Followers applying one batch at once on PostgreSQL: the rest of the pool serves requests. */
const SIDE_BY_SIDE = 4;
/** How often leadership is looked at: a dead leader's work moves within about this long. */
const LEADERSHIP_CHECK_MS = 1000;
/** How often a follower led elsewhere that someone waits on looks at the leader's checkpoint. */
const FOLLOWING_MS = 25;

/** Batches up to this size go to the set-based read models in one transaction (live traffic). */
const JOINT_AT_MOST = 1000;
/** The longest a live batch waits for writes on their way (see ArrivingWrites). */
const GATHER_AT_MOST_MS = 10;

/** One follower's share of a batch. */
interface Part {
  readonly follower: Follower;
  readonly events: RecordedEvent[];
}

/** One follower as the reader serves it: where it stands, and who waits for it. */
interface Follower {
  readonly follower: LogFollower;
  readonly handles: (type: string) => boolean;
  position: LogPosition;
  /** Whether this process applies it, or follows the checkpoint of the one that does. */
  led: boolean;
  /** While a batch keeps failing (the database is away), the others go on without it. */
  retryAt: number;
  waiters: { target: LogPosition; resolve: () => void }[];
}

/**
 * Keeps every projection and process in step with the global log through one reader: each batch
 * is read once and every follower is handed the events it declares it handles. Each projection
 * writes its rows and its checkpoint in one transaction, so a restart resumes where it stopped and
 * applies nothing twice. With several instances on one database, each follower has one leader
 * (`Leadership`) that applies it; the others follow its checkpoint, and take over when it dies.
 * A follower whose batch fails waits a moment and rejoins; the others do not wait.
 */
export class Projector {
  private followers: Follower[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();
  private readonly leadership: Leadership;
  private leadershipCheckedAt = 0;
  /** Appends (by commit position) whose events a projection led here parked. */
  private readonly parkedHere = new Map<number, Set<string>>();
  /** Requests that will append and wait: a live batch waits a moment to take them too. */
  readonly arriving = new ArrivingWrites();
  private readonly reader: BatchReader;

  constructor(
    private readonly db: SqlDatabase,
    store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly log: ProjectorLog,
    private readonly idleMs = 200,
    private readonly processes: readonly LogFollower[] = [],
  ) {
    this.leadership = new Leadership(db, log);
    this.reader = new BatchReader(store, BATCH_SIZE);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const all = [
      ...this.projections.map((projection) =>
        projectionFollower(this.db, this.log, projection, (name, events) => this.noteParked(name, events)),
      ),
      ...this.processes,
    ];
    // Every follower has its row before any batch, so the row lock always serialises appliers.
    await this.db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position)
       SELECT name, 0, 0 FROM unnest($1::text[]) AS name ON CONFLICT (projection) DO NOTHING`,
      [all.map((follower) => follower.name)],
    );
    const stored = await storedCheckpoints(this.db);
    this.followers = all.map((follower) => ({
      follower,
      handles: handlesOf(follower),
      position: stored.get(follower.name) ?? START_OF_LOG,
      led: false,
      retryAt: 0,
      waiters: [],
    }));
    this.leadershipCheckedAt = 0;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand (its checkpoints are stored with it), gives up leadership and stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    this.loop = null;
    await this.leadership.release();
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
   * Waits until every read model has handled the log up to `position` (the last event of one
   * append), and resolves with the names of those that have not (timed out) or that parked an
   * event of that append instead of applying it: empty when every read model shows the write.
   */
  async waitFor(position: LogPosition, timeoutMs = 5000): Promise<string[]> {
    const readModels = this.followers.filter((follower) => follower.follower.readModel);
    const reached = await Promise.all(
      readModels.map((follower) => this.reached(follower, position, timeoutMs)),
    );
    const names = readModels.map((follower) => follower.follower.name);
    const lagging = names.filter((_, index) => !reached[index]);
    // This process applies every read model: it knows what it parked, and need not ask.
    if (readModels.every((follower) => follower.led))
      return [...new Set([...lagging, ...(this.parkedHere.get(position.commit) ?? [])])];
    // The events of one append share its commit position.
    const parked = await this.db.query<{ projection: string }>(
      `SELECT DISTINCT projection FROM parked_events
        WHERE commit_position = $1 AND prepare_position <= $2 AND projection = ANY($3::text[])`,
      [position.commit, position.prepare, names],
    );
    return [...new Set([...lagging, ...parked.map((row) => row.projection)])];
  }

  /** Remembers which projections parked events of which appends (their commit position), a while. */
  private noteParked(projection: string, events: readonly RecordedEvent[]): void {
    if (this.parkedHere.size > 10_000) this.parkedHere.clear();
    for (const event of events) {
      const names = this.parkedHere.get(event.position.commit) ?? new Set<string>();
      names.add(projection);
      this.parkedHere.set(event.position.commit, names);
    }
  }

  /** Where each read model stands. */
  checkpoints(): Record<string, LogPosition> {
    return Object.fromEntries(
      this.followers
        .filter((follower) => follower.follower.readModel)
        .map((follower) => [follower.follower.name, follower.position]),
    );
  }

  /** The followers this process applies now (the rest it follows). */
  leading(): string[] {
    return this.followers.filter((follower) => follower.led).map((follower) => follower.follower.name);
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.lookAtLeadership();
      const now = Date.now();
      const active = this.followers.filter((follower) => follower.led && follower.retryAt <= now);
      if (active.length === 0) {
        await this.sleep(this.waitedOnElsewhere() ? FOLLOWING_MS : this.idleMs);
        continue;
      }
      const from = active.reduce(
        (lowest, follower) => (comparePositions(follower.position, lowest) < 0 ? follower.position : lowest),
        active[0].position,
      );
      const { takers, types } = takersFrom(active, from);
      let batch: LogBatch;
      try {
        batch = await this.reader.next(from, types, () => this.arriving.arrived(GATHER_AT_MOST_MS));
      } catch (error) {
        this.log.error({ err: error }, 'reading the log failed; retrying');
        await this.sleep(this.idleMs * 5);
        continue;
      }
      if (comparePositions(batch.readTo, from) > 0) await this.fanOut(takers, batch.events, batch.readTo);
      if (!batch.more) await this.sleep(this.waitedOnElsewhere() ? FOLLOWING_MS : this.idleMs);
    }
    await this.reader.settle();
  }

  /**
   * Now and then, takes the leadership of what no live instance leads, and moves every follower
   * to its stored checkpoint where that says otherwise: those led elsewhere go where their leader
   * got to, and a led one whose checkpoint a rebuild moved back reads again from there. In
   * between, only followers led elsewhere that a write waits on are looked at.
   */
  private async lookAtLeadership(): Promise<void> {
    const due = Date.now() - this.leadershipCheckedAt >= LEADERSHIP_CHECK_MS;
    if (!due && !this.waitedOnElsewhere()) return;
    if (due) {
      this.leadershipCheckedAt = Date.now();
      const led = await this.leadership.lead(this.followers.map((follower) => follower.follower.name));
      for (const follower of this.followers) follower.led = led.has(follower.follower.name);
    }
    let stored: Map<string, LogPosition>;
    try {
      stored = await storedCheckpoints(this.db);
    } catch (error) {
      this.log.error({ err: error }, 'reading checkpoints failed; retrying');
      return;
    }
    for (const follower of this.followers) {
      const position = stored.get(follower.follower.name);
      if (!position || comparePositions(position, follower.position) === 0) continue;
      if (!follower.led || comparePositions(position, follower.position) < 0) {
        follower.position = position;
        this.release(follower);
      }
    }
  }

  private waitedOnElsewhere(): boolean {
    return this.followers.some((follower) => !follower.led && follower.waiters.length > 0);
  }

  /**
   * Hands one batch (read up to `end`) to every follower still short of its end. On PostgreSQL they
   * take it side by side, each in its own transactions on its own connection, so the database's
   * work for one overlaps another's folding here; PGlite has one connection, and takes them in turn.
   */
  private async fanOut(active: Follower[], events: RecordedEvent[], end: LogPosition): Promise<void> {
    const untouched: Follower[] = [];
    let parts: Part[] = [];
    for (const follower of active) {
      if (comparePositions(follower.position, end) >= 0) continue;
      const mine = eventsAfter(events, follower.position).filter((event) => follower.handles(event.type));
      if (mine.length === 0) untouched.push(follower);
      else parts.push({ follower, events: mine });
    }
    // Live traffic's small batches: every set-based read model in one transaction, and the
    // checkpoints of the followers the batch held nothing for moved on in it too.
    const together = [
      ...parts.filter((part) => part.follower.follower.setBased),
      ...untouched.map((follower) => ({ follower, events: [] })),
    ];
    if (events.length <= JOINT_AT_MOST && together.length > 1 && (await this.followJointly(together, end))) {
      parts = parts.filter((part) => !part.follower.follower.setBased);
      untouched.length = 0;
    }
    const work = parts.map((part) => () => this.follow(part.follower, part.events, end));
    await eachAtMost(this.db.kind === 'postgres' ? SIDE_BY_SIDE : 1, work);
    if (untouched.length > 0) await this.passOver(untouched, end);
  }

  /** Applies the parts in one transaction; false when it failed (each is then applied apart). */
  private async followJointly(parts: Part[], end: LogPosition): Promise<boolean> {
    let outcomes: Map<string, JointOutcome>;
    try {
      outcomes = await applyJointly(
        this.db,
        parts.map(({ follower, events }) => ({
          name: follower.follower.name,
          projection: follower.follower.setBased,
          events,
          from: follower.position,
        })),
        end,
      );
    } catch {
      return false; // applied apart next, where the failing event is found and parked
    }
    for (const { follower } of parts) {
      const outcome = outcomes.get(follower.follower.name);
      if (!outcome) continue;
      if (outcome.parked.length > 0) this.noteParked(follower.follower.name, outcome.parked);
      this.settle(follower, outcome.reached);
    }
    return true;
  }

  private async follow(follower: Follower, events: RecordedEvent[], end: LogPosition): Promise<void> {
    try {
      this.settle(follower, await follower.follower.follow(events, follower.position, end));
    } catch (error) {
      this.log.error({ follower: follower.follower.name, err: error }, 'batch failed; retrying');
      follower.retryAt = Date.now() + this.idleMs * 5;
      this.release(follower);
    }
  }

  /** Where a follower got to after a batch, or that another process is at it (look again soon). */
  private settle(follower: Follower, reached: LogPosition | null): void {
    if (reached === BUSY_ELSEWHERE) {
      follower.retryAt = Date.now() + this.idleMs;
    } else {
      follower.position = reached;
      follower.retryAt = 0;
    }
    this.release(follower);
  }

  /** Moves on the followers the batch held nothing for (see moveCheckpointsOn). */
  private async passOver(untouched: Follower[], end: LogPosition): Promise<void> {
    let moved: Set<string>;
    try {
      moved = await moveCheckpointsOn(
        this.db,
        untouched.map((follower) => follower.follower.name),
        end,
      );
    } catch (error) {
      this.log.error({ err: error }, 'storing checkpoints failed; retrying');
      return;
    }
    for (const follower of untouched) {
      if (!moved.has(follower.follower.name)) {
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

  private sleep(ms: number): Promise<void> {
    return this.running ? this.pause.sleep(ms) : Promise.resolve();
  }
}

/**
 * Who takes the batch read from `from`, and which event types it needs read: when every follower
 * standing there declares its types, only those (a projection catching up alone reads its own
 * events), and only they take it; the rest, further on, take their turn when the batch reaches
 * them. Otherwise every event, and every active follower takes its share.
 */
function takersFrom(
  active: readonly Follower[],
  from: LogPosition,
): { takers: Follower[]; types: readonly string[] | null } {
  const there = active.filter((follower) => comparePositions(follower.position, from) === 0);
  const types = new Set<string>();
  for (const { follower } of there) {
    if (follower.handles === 'every event') return { takers: [...active], types: null };
    for (const type of follower.handles) types.add(type);
  }
  return { takers: there, types: [...types].sort() };
}

function handlesOf(follower: LogFollower): (type: string) => boolean {
  if (follower.handles === 'every event') return () => true;
  const types = new Set(follower.handles);
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
