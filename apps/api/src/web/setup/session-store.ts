import session from 'express-session';
import { endSession, extendSession, readSession, writeSession } from '#access/web-sessions';
import { SqlDatabase } from '#database/sql-database';

type Callback = (error?: unknown) => void;

/** express-session's store over the engine's own database (see libs/access/web-sessions). */
export class DatabaseSessionStore extends session.Store {
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
    extendSession(this.db, sid, this.expiryOf(data)).then(() => done?.(), done);
  }

  destroy(sid: string, done?: Callback): void {
    endSession(this.db, sid).then(() => done?.(), done);
  }

  private expiryOf(data: session.SessionData): Date {
    return data.cookie.expires
      ? new Date(data.cookie.expires)
      : new Date(this.clock().getTime() + 86_400_000);
  }
}
