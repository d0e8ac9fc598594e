import { SqlQueryable } from '#database/sql-database';
import { CHECKPOINT_EVENT, signatureHolds, SignedChainHead } from '../chain/chain-checkpoint';
import { CHAIN_START, linkHash } from '../chain/event-chain';
import { contentHashOfRow, STORED_EVENT_COLUMNS, StoredEventRow } from './stored-event-row';

/**
 * What a broken link says happened: an event's content or place changed (altered), an event of
 * the chain is gone (deleted), an event is in the chain that was never appended to it (inserted),
 * events are in another order than they were appended in (reordered), or the chain was
 * recomputed after a change and no longer matches a head the engine signed (rewritten).
 */
export type ChainBreakKind = 'altered' | 'deleted' | 'inserted' | 'reordered' | 'rewritten';

export interface ChainBreak {
  readonly kind: ChainBreakKind;
  /** The number in the body's chain at which the chain stops following from the events. */
  readonly seq: number;
  readonly eventId: string | null;
  readonly detail: string;
}

export interface ChainVerification {
  readonly bodyId: string;
  readonly verified: boolean;
  readonly eventsChecked: number;
  /** The head as recomputed from the events up to the first break (or the end). */
  readonly head: { readonly seq: number; readonly hash: string };
  readonly checkpointsChecked: number;
  readonly firstBreak: ChainBreak | null;
}

export interface ChainVerificationOptions {
  /** The engine's public key (SPKI PEM); without it, signed heads are compared but not their signatures. */
  readonly publicKey?: string | null;
  /** Signed heads held elsewhere (printed, published), checked as the stored ones are. */
  readonly heldHeads?: readonly SignedChainHead[];
  readonly onProgress?: (checked: number, total: number) => void;
}

interface ChainRow extends StoredEventRow {
  body_seq: number;
  content_hash: string;
  previous_hash: string;
  chain_hash: string;
}

const CHAIN_ROW_COLUMNS = `${STORED_EVENT_COLUMNS}, body_seq, content_hash, previous_hash, chain_hash`;
const PAGE = 5000;

/**
 * Recomputes one body's chain from its events alone (no other body's row is read): each content
 * hash, each link, the recorded head, and every signed head stored in the chain or held elsewhere.
 * Stops at the first broken link and says which event and what differs.
 */
export async function verifyEventChain(
  db: SqlQueryable,
  bodyId: string,
  options: ChainVerificationOptions = {},
): Promise<ChainVerification> {
  const [recorded] = await db.query<{ seq: string; head: string }>(
    'SELECT seq::text, head FROM event_chains WHERE body_id = $1',
    [bodyId],
  );
  const total = recorded ? Number(recorded.seq) : 0;
  const signedHeads = [...(await storedSignedHeads(db, bodyId)), ...(options.heldHeads ?? [])].filter(
    (signed) => signed.bodyId === bodyId,
  );
  const wanted = new Set(signedHeads.map((signed) => signed.seq));
  const linkAt = new Map<number, string>();

  let previous = CHAIN_START;
  let checked = 0;
  const result = (firstBreak: ChainBreak | null, checkpointsChecked = 0): ChainVerification => ({
    bodyId,
    verified: firstBreak === null,
    eventsChecked: checked,
    head: { seq: checked, hash: previous },
    checkpointsChecked,
    firstBreak,
  });

  // A page is a range of numbers, not a LIMIT: whatever plan PostgreSQL picks (a table without
  // statistics got a scan of the body's every later row per page), it reads that range alone.
  // The next page is read while this one is checked.
  const pageFrom = (seq: number) =>
    db.query<ChainRow>(
      `SELECT ${CHAIN_ROW_COLUMNS} FROM events
        WHERE body_id = $1 AND body_seq > $2 AND body_seq <= $3 ORDER BY body_seq`,
      [bodyId, seq, seq + PAGE],
    );
  let page = pageFrom(0);
  for (let from = 0; from < total; from += PAGE) {
    const rows = await page;
    if (from + PAGE < total) {
      page = pageFrom(from + PAGE);
      // A break found in this page returns before the next is awaited: its failure is nobody's.
      page.catch(() => undefined);
    }
    for (const row of rows) {
      const broken = await linkBreak(db, bodyId, row, { seq: checked + 1, previous, recordedSeq: total });
      if (broken) return result(broken);
      previous = row.chain_hash;
      checked++;
      if (wanted.has(checked)) linkAt.set(checked, previous);
    }
    options.onProgress?.(checked, total);
  }
  const [beyond] = await db.query<ChainRow>(
    `SELECT ${CHAIN_ROW_COLUMNS} FROM events
      WHERE body_id = $1 AND body_seq > $2 ORDER BY body_id, body_seq LIMIT 1`,
    [bodyId, total],
  );
  if (beyond) {
    const broken = await linkBreak(db, bodyId, beyond, { seq: checked + 1, previous, recordedSeq: total });
    if (broken) return result(broken);
  }

  const tail = tailBreak(recorded, checked, previous);
  if (tail) return result(tail);
  for (const signed of signedHeads) {
    const broken = signedHeadBreak(signed, linkAt.get(signed.seq), options.publicKey ?? null);
    if (broken) return result(broken, signedHeads.indexOf(signed));
  }
  return result(null, signedHeads.length);
}

/** Why this row does not follow from the chain verified so far, if it does not. */
async function linkBreak(
  db: SqlQueryable,
  bodyId: string,
  row: ChainRow,
  { seq, previous, recordedSeq }: { seq: number; previous: string; recordedSeq: number },
): Promise<ChainBreak | null> {
  const at = Number(row.body_seq);
  const event = `event ${row.event_id} (${row.event_type} of ${row.stream_id} at revision ${row.stream_revision})`;
  if (at > recordedSeq)
    return {
      kind: 'inserted',
      seq: at,
      eventId: row.event_id,
      detail: `${event} is numbered ${at}, after the chain's recorded head (event ${recordedSeq})`,
    };
  if (at > seq)
    return {
      kind: 'deleted',
      seq,
      eventId: null,
      detail: `events ${seq} to ${at - 1} of the chain are missing; the next present is ${event}`,
    };
  const content = contentHashOfRow(row);
  if (content !== row.content_hash)
    return {
      kind: 'altered',
      seq,
      eventId: row.event_id,
      detail: `${event} no longer matches its content hash: its type, data or metadata was changed`,
    };
  if (row.previous_hash !== previous) return misplaced(db, bodyId, row, seq, previous, event);
  if (linkHash(previous, seq, Number(row.stream_revision), content) !== row.chain_hash)
    return {
      kind: 'altered',
      seq,
      eventId: row.event_id,
      detail: `${event} has a link that is not its own: its stream revision or its chain hash was changed`,
    };
  return null;
}

/**
 * The row was appended after another event than the one now before it. Where that event is now
 * tells what happened: later in the chain (the events were reordered); nowhere (it was deleted,
 * unless the next row follows on from the chain, when this row was inserted); just before the one
 * before it (that one was inserted); elsewhere earlier (reordered).
 */
async function misplaced(
  db: SqlQueryable,
  bodyId: string,
  row: ChainRow,
  seq: number,
  previous: string,
  event: string,
): Promise<ChainBreak> {
  const [follows] = await db.query<{ body_seq: string }>(
    'SELECT body_seq::text FROM events WHERE body_id = $1 AND chain_hash = $2',
    [bodyId, row.previous_hash],
  );
  const after = follows ? Number(follows.body_seq) : null;
  const reordered: ChainBreak = {
    kind: 'reordered',
    seq,
    eventId: row.event_id,
    detail: `${event} was appended after the event now numbered ${after}, not after the one before it`,
  };
  if (after !== null && after > seq) return reordered;
  const [next] = await db.query<{ previous_hash: string }>(
    'SELECT previous_hash FROM events WHERE body_id = $1 AND body_seq > $2 ORDER BY body_id, body_seq LIMIT 1',
    [bodyId, seq],
  );
  if (next?.previous_hash === previous)
    return {
      kind: 'inserted',
      seq,
      eventId: row.event_id,
      detail: `${event} was never appended to this chain`,
    };
  if (after === null)
    return {
      kind: 'deleted',
      seq,
      eventId: row.event_id,
      detail: `the event ${event} was appended after is no longer in the chain`,
    };
  if (after === seq - 2)
    return {
      kind: 'inserted',
      seq: seq - 1,
      eventId: null,
      detail: `the event numbered ${seq - 1} was put in after ${event} had been appended`,
    };
  return reordered;
}

function tailBreak(
  recorded: { seq: string; head: string } | undefined,
  checked: number,
  previous: string,
): ChainBreak | null {
  const recordedSeq = recorded ? Number(recorded.seq) : 0;
  if (recordedSeq > checked)
    return {
      kind: 'deleted',
      seq: checked + 1,
      eventId: null,
      detail: `the chain's head records ${recordedSeq} events; only ${checked} are present`,
    };
  if (recordedSeq < checked)
    return {
      kind: 'inserted',
      seq: recordedSeq + 1,
      eventId: null,
      detail: `${checked - recordedSeq} events follow the chain's recorded head (event ${recordedSeq})`,
    };
  if (recorded && recorded.head !== previous)
    return {
      kind: 'rewritten',
      seq: checked,
      eventId: null,
      detail: 'the chain recomputed from the events ends in another head than the one recorded',
    };
  return null;
}

function signedHeadBreak(
  signed: SignedChainHead,
  link: string | undefined,
  publicKey: string | null,
): ChainBreak | null {
  const when = `the head signed at ${signed.signedAt} (event ${signed.seq})`;
  if (publicKey && !signatureHolds(signed, publicKey))
    return {
      kind: 'rewritten',
      seq: signed.seq,
      eventId: null,
      detail: `${when} carries a signature the engine's key (${signed.keyId}) did not make`,
    };
  if (link === undefined)
    return {
      kind: 'deleted',
      seq: signed.seq,
      eventId: null,
      detail: `${when} covers events the chain no longer holds`,
    };
  if (link !== signed.head)
    return {
      kind: 'rewritten',
      seq: signed.seq,
      eventId: null,
      detail: `the chain up to event ${signed.seq} is not ${when}: events at or before it were changed and the chain recomputed`,
    };
  return null;
}

async function storedSignedHeads(db: SqlQueryable, bodyId: string): Promise<SignedChainHead[]> {
  const rows = await db.query<{ data: SignedChainHead }>(
    `SELECT data FROM events WHERE body_id = $1 AND event_type = '${CHECKPOINT_EVENT}' ORDER BY body_seq`,
    [bodyId],
  );
  return rows.map((row) => ({ ...row.data, seq: Number(row.data.seq) }));
}
