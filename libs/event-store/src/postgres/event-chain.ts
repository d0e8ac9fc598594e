import { randomUUID } from 'node:crypto';
import { SqlQueryable } from '#database/sql-database';
import {
  CHECKPOINT_EVENT,
  checkpointEventOf,
  checkpointStreamOf,
  publicKeyOf,
  signChainHead,
  SignedChainHead,
} from '../chain/chain-checkpoint';
import { EventStore } from '../port';
import { ChainVerification, ChainVerificationOptions, verifyEventChain } from './chain-verification';

/**
 * The hash chains of a PostgreSQL or PGlite event store: checked from the rows, and their heads
 * signed into the chains they sign (an EventStoreDB log keeps none).
 */
export class EventChains {
  readonly publicKey: string;

  constructor(
    private readonly db: SqlQueryable,
    private readonly store: EventStore,
    private readonly signingKey: string,
    private readonly clock: () => Date,
  ) {
    this.publicKey = publicKeyOf(signingKey);
  }

  verify(
    bodyId: string,
    options: Omit<ChainVerificationOptions, 'publicKey'> = {},
  ): Promise<ChainVerification> {
    return verifyEventChain(this.db, bodyId, { ...options, publicKey: this.publicKey });
  }

  /** Every body with a chain, in order. */
  async bodies(): Promise<string[]> {
    const rows = await this.db.query<{ body_id: string }>(
      'SELECT body_id FROM event_chains ORDER BY body_id',
    );
    return rows.map((row) => row.body_id);
  }

  /**
   * Signs the head of each chain that has moved since its last signed head (the signature is the
   * chain's next event), and answers what it signed.
   */
  async signMovedHeads(): Promise<SignedChainHead[]> {
    const moved = await this.db.query<{ body_id: string; seq: string; head: string }>(
      `SELECT c.body_id, c.seq::text, c.head FROM event_chains c
        WHERE c.seq > coalesce((SELECT max(e.body_seq) FROM events e
                                 WHERE e.body_id = c.body_id AND e.event_type = '${CHECKPOINT_EVENT}'), 0)
        ORDER BY c.body_id`,
    );
    const signed: SignedChainHead[] = [];
    for (const row of moved) {
      const head = signChainHead(
        { bodyId: row.body_id, seq: Number(row.seq), head: row.head },
        this.signingKey,
        this.clock(),
      );
      await this.store.append(
        checkpointStreamOf(head.bodyId),
        [checkpointEventOf(head, randomUUID())],
        'any',
      );
      signed.push(head);
    }
    return signed;
  }

  /** The latest signed head of each body (or of one): what to print, publish or hold elsewhere. */
  async latestSignedHeads(bodyId?: string): Promise<SignedChainHead[]> {
    const rows = await this.db.query<{ data: SignedChainHead }>(
      `SELECT DISTINCT ON (body_id) data FROM events
        WHERE event_type = '${CHECKPOINT_EVENT}' AND ($1::text IS NULL OR body_id = $1)
        ORDER BY body_id, body_seq DESC`,
      [bodyId ?? null],
    );
    return rows.map((row) => row.data);
  }
}
