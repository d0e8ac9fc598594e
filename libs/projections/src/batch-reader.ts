import { comparePositions, EventStore, LogPosition, RecordedEvent } from '#event-store/port';

/** One batch of the log: its events, and how far the read looked (past them, when it was typed). */
export interface LogBatch {
  readonly events: RecordedEvent[];
  readonly readTo: LogPosition;
  /** Whether more of the log may follow at once: a full batch, or a typed read that moved on. */
  readonly more: boolean;
}

/**
 * Reads the log for the projector in batches of `size`: every event, or only the types asked for
 * (which the store then passes over itself). A full batch starts the read of the next at once, so
 * a catch-up runs at the pace of the slower of reading and applying, not of both in turn.
 */
export class BatchReader {
  private ahead: { after: LogPosition; types: string; batch: Promise<LogBatch> } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly size: number,
  ) {}

  /**
   * The batch after `after`: the one read ahead when it is that one, else one read now, after
   * `beforeReading` (a live batch waits there for writes on their way).
   */
  async next(
    after: LogPosition,
    types: readonly string[] | null,
    beforeReading: () => Promise<void>,
  ): Promise<LogBatch> {
    const key = types?.join('\n') ?? '';
    const ahead = this.ahead;
    this.ahead = null;
    let batch: LogBatch;
    if (ahead && ahead.types === key && comparePositions(ahead.after, after) === 0) batch = await ahead.batch;
    else {
      await beforeReading();
      batch = await this.read(after, types);
    }
    if (batch.more) {
      this.ahead = { after: batch.readTo, types: key, batch: this.read(batch.readTo, types) };
      this.ahead.batch.catch(() => undefined); // a failed read-ahead is read again, and reported, in turn
    }
    return batch;
  }

  /** Waits for a read still under way (before the database it reads is closed). */
  async settle(): Promise<void> {
    await this.ahead?.batch.catch(() => undefined);
    this.ahead = null;
  }

  private async read(after: LogPosition, types: readonly string[] | null): Promise<LogBatch> {
    if (types) {
      // A typed read may hand over few events of many it looked at: it is done when it moves no further.
      const { events, readTo } = await this.store.readAllOfTypes({ after, maxCount: this.size, types });
      return { events, readTo, more: comparePositions(readTo, after) > 0 };
    }
    const events = await this.store.readAll({ after, maxCount: this.size });
    return { events, readTo: events.at(-1)?.position ?? after, more: events.length === this.size };
  }
}
