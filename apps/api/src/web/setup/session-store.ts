import session from 'express-session';
import { endSession, extendSession, readSession, writeSession } from '#access/web-sessions';
import { SqlDatabase } from '#database/sql-database';

type Callback = (error?: unknown) => void;

/** A session's stored expiry is moved on at most once a minute: idle time-outs hold to the minute. */
const TOUCH_EVERY_MS = 60_000;
/** Sessions whose last extension is remembered; past this, the memory starts again. */
const REMEMBERED = 10_000;

/** express-session's store over the engine's own database (see libs/access/web-sessions). */
export class DatabaseSessionStore extends session.Store {
  /** When each session's expiry was last moved on, so that a page view need not write. */
  private readonly extendedAt = new Map<string, number>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: () => Date,
  ) {
    super();
  }

  get(sid: string, done: (error: unknown, session?: session.SessionData | null) => void): void {
    readSession(this.db, sid, this.clock()).then(
      (data) => done(null, data as session.SessionData | null),
      (error) => done(error),
    );
  }

  set(sid: string, data: session.SessionData, done?: Callback): void {
    writeSession(this.db, sid, {
      personId: (data as { personId?: string }).personId ?? null,
      data: data as unknown as Record<string, unknown>,
      expiresAt: this.expiryOf(data),
    }).then(() => done?.(), done);
  }

  override touch(sid: string, data: session.SessionData, done?: Callback): void {
    const now = this.clock().getTime();
    const last = this.extendedAt.get(sid);
    if (last !== undefined && now - last >= 0 && now - last < TOUCH_EVERY_MS) return done?.();
    if (this.extendedAt.size >= REMEMBERED) this.extendedAt.clear();
    extendSession(this.db, sid, this.expiryOf(data)).then(() => {
      this.extendedAt.set(sid, now);
      done?.();
    }, done);
  }

  destroy(sid: string, done?: Callback): void {
    this.extendedAt.delete(sid);
    endSession(this.db, sid).then(() => done?.(), done);
  }

  private expiryOf(data: session.SessionData): Date {
    return data.cookie.expires
      ? new Date(data.cookie.expires)
      : new Date(this.clock().getTime() + 86_400_000);
  }
}
