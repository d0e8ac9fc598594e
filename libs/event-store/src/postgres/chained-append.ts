import { chainBodyOf, contentHashOf } from '../chain/event-chain';
import { NewEvent } from '../port';

/**
 * Locks the chain heads of the bodies an append writes to (sorted), before any stream row:
 * every append takes its locks in that order. A body with no chain yet has no row to lock; its
 * first event creates it (see the `events_chained` trigger).
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
