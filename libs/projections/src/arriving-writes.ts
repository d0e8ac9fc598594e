/**
 * Writes on their way to the log: requests that will append and then wait for the read models.
 * The reader waits a moment for them before it reads, so that under load one batch (one
 * transaction) carries the writes of many requests, rather than one batch following each write.
 * With nothing on its way (a lone writer), it does not wait at all.
 */
export class ArrivingWrites {
  private onTheirWay = 0;
  private waiting: (() => void)[] = [];

  /** A write is coming; call what this returns once it has appended (or given up). Idempotent. */
  expect(): () => void {
    this.onTheirWay++;
    let arrived = false;
    return () => {
      if (arrived) return;
      arrived = true;
      this.onTheirWay--;
      if (this.onTheirWay === 0) this.release();
    };
  }

  /**
   * Resolves once no write is on its way, or after `atMostMs` (a slow request holds no one up).
   * It first lets the requests already received start: on PGlite a request's statements run on
   * this thread without letting others in, so they would not be on their way yet.
   */
  async arrived(atMostMs: number): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.onTheirWay === 0) return;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, atMostMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
