import { randomUUID } from 'node:crypto';
import { DecisionNumberAssigned } from '../../domain/src/decision/decision-numbering';
import { EventMetadata, EventStore, WrongExpectedRevisionError } from '../../event-store/src/port';
import { decisionNumbersStream } from './decision-ids';

interface KnownNumbers {
  /** How many numbers the body's stream held when last read. */
  count: number;
  byDecision: Map<string, number>;
}

/**
 * Gives taken decisions their body's next number. Each number is one event on the body's
 * numbering stream, appended at the revision read: of two instances racing for a number one
 * wins and the other reads again and takes the next. A decision asking twice gets the number it
 * already has, so a retry after a crash reuses it and no number is left unused.
 */
export class DecisionNumbering {
  /** What this process has read of each body's stream; other instances' appends are read on conflict. */
  private readonly known = new Map<string, KnownNumbers>();

  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = 1000,
  ) {}

  async numberFor(
    bodyId: string,
    decisionId: string,
    metadata: Omit<EventMetadata, 'bodyId'>,
  ): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const known = await this.catchUp(bodyId);
      const existing = known.byDecision.get(decisionId);
      if (existing !== undefined) return existing;
      const number = known.count + 1;
      const assigned: DecisionNumberAssigned = {
        type: 'DecisionNumberAssigned',
        schemaVersion: 1,
        data: { decisionId, number },
      };
      try {
        await this.store.append(
          decisionNumbersStream(bodyId),
          [{ id: randomUUID(), ...assigned, metadata: { ...metadata, bodyId } }],
          known.count === 0 ? 'no_stream' : known.count - 1,
        );
        // Another call in this process may have read further meanwhile: never move back.
        known.count = Math.max(known.count, number);
        known.byDecision.set(decisionId, number);
        return number;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw error;
        // Someone else took this number: spread the retries so 50 racers do not collide in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 20)));
      }
    }
  }

  private async catchUp(bodyId: string): Promise<KnownNumbers> {
    const known = this.known.get(bodyId) ?? { count: 0, byDecision: new Map<string, number>() };
    this.known.set(bodyId, known);
    const newer = await this.store.readStream(decisionNumbersStream(bodyId), { fromRevision: known.count });
    for (const recorded of newer) {
      const { decisionId, number } = recorded.data as DecisionNumberAssigned['data'];
      known.byDecision.set(decisionId, number);
      known.count = Math.max(known.count, number);
    }
    return known;
  }
}
