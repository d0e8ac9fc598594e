import { randomUUID } from 'node:crypto';
import { DomainEvent } from '#domain/shared/event';
import { EventMetadata, EventStore, RecordedEvent, WrongExpectedRevisionError } from '#event-store/port';

/** A run of numbers given to one owner (a decision, a meeting's minutes). */
export interface Allocation {
  readonly ownerId: string;
  readonly first: number;
  readonly count: number;
}

/** How one kind of sequence is stored: its stream per key, and its allocation events. */
export interface SequenceKind {
  readonly streamOf: (key: string) => string;
  readonly eventOf: (allocation: Allocation) => DomainEvent;
  readonly allocationOf: (event: RecordedEvent) => Allocation;
}

interface Known {
  /** Events read from the key's stream. */
  read: number;
  next: number | null;
  byOwner: Map<string, Allocation>;
}

/**
 * Gives out numbers in order with no gap and no duplicate: each allocation is one event on the
 * key's stream, appended at the revision read. Of two instances racing for a number one wins
 * and the other reads again and takes the next. An owner asking again gets what it already has,
 * so a retry after a crash reuses its numbers and none is left unused.
 */
export class NumberSequence {
  /** What this process has read of each stream; other instances' appends are read on conflict. */
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly store: EventStore,
    private readonly kind: SequenceKind,
    private readonly maxAttempts = 1000,
  ) {}

  /** The first of `count` numbers for `ownerId`; a sequence that is empty starts at `startAt`. */
  async allocate(
    key: string,
    ownerId: string,
    count: number,
    startAt: number,
    metadata: EventMetadata,
  ): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const known = await this.catchUp(key);
      const existing = known.byOwner.get(ownerId);
      if (existing) return existing.first;
      const allocation = { ownerId, first: known.next ?? startAt, count };
      // Read now: another call in this process may move `known` on while the append is in flight.
      const read = known.read;
      try {
        await this.store.append(
          this.kind.streamOf(key),
          [{ id: randomUUID(), ...this.kind.eventOf(allocation), metadata }],
          read === 0 ? 'no_stream' : read - 1,
        );
        this.remember(known, allocation, read + 1);
        return allocation.first;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw error;
        // Someone else took these numbers: spread the retries so racers do not collide in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 20)));
      }
    }
  }

  private async catchUp(key: string): Promise<Known> {
    const known = this.known.get(key) ?? { read: 0, next: null, byOwner: new Map<string, Allocation>() };
    this.known.set(key, known);
    const newer = await this.store.readStream(this.kind.streamOf(key), { fromRevision: known.read });
    for (const recorded of newer)
      this.remember(known, this.kind.allocationOf(recorded), recorded.revision + 1);
    return known;
  }

  /** `read`: the events read once this allocation is counted; never move back. */
  private remember(known: Known, allocation: Allocation, read: number): void {
    known.byOwner.set(allocation.ownerId, allocation);
    if (read > known.read) {
      known.read = read;
      known.next = allocation.first + allocation.count;
    }
  }
}
