import { chainBodyOf, contentHashOf } from '../chain/event-chain';
import { NewEvent } from '../port';

/**
 * An append statement's `input` (ord, doc, revision: one row per event in insertion order) linked
 * into its bodies' chains by `chain_links` (see the migration), one call per statement.
 */
export const CHAIN_LINKS = `links AS (
      SELECT l.* FROM chain_links((
        SELECT jsonb_agg(jsonb_build_object('body', coalesce(x.doc->'metadata'->>'bodyId', ''),
                                            'revision', x.revision, 'content', x.doc->>'contentHash')
                         ORDER BY x.ord)
          FROM input x)) AS l
    )`;

/** The chain's columns of an event row, and their values from `input i` and `links l`. */
export const CHAIN_COLUMNS = 'body_id, body_seq, content_hash, previous_hash, chain_hash';
export const CHAIN_VALUES = `coalesce(i.doc->'metadata'->>'bodyId', ''), l.body_seq, i.doc->>'contentHash',
             l.previous_hash, l.chain_hash`;

/**
 * Locks the chain heads of the bodies an append writes to (sorted), before any stream row:
 * every append takes its locks in that order. A body with no chain yet has no row to lock; its
 * first append creates it (`chain_links`).
 */
export const chainGate = (bodies: string) => `gate AS (
      SELECT count(*) AS bodies FROM (
        SELECT 1 FROM event_chains WHERE body_id = ANY(${bodies}::text[]) ORDER BY body_id FOR UPDATE
      ) AS locked
    )`;

export const chainBodiesOf = (events: readonly NewEvent[]): string[] =>
  [...new Set(events.map(chainBodyOf))].sort();

/** An event as an append sends it: what is stored, and the content hash the engine computed. */
export const chainedDocumentOf = (
  streamId: string,
  { id, type, schemaVersion, data, metadata }: NewEvent,
) => ({
  id,
  type,
  schemaVersion,
  data,
  metadata,
  contentHash: contentHashOf({ id, streamId, type, schemaVersion, data, metadata }),
});
