import { Migration } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { RecordedEvent } from '#event-store/port';

/** A read model kept from the global log: its tables, and how one event changes them. */
export interface Projection {
  readonly name: string;
  readonly migrations: readonly Migration[];
  /** The event types it applies; the projector hands it only these (the audit trail takes every one). */
  readonly handles: readonly string[] | 'every event';
  /** Applies one event inside the projector's transaction, which also stores the checkpoint. */
  apply(tx: SqlQueryable, event: RecordedEvent): Promise<void>;
  /**
   * Applies a batch with set-based SQL where the read model allows it: same result as `apply`
   * for each event in order. Should the batch fail, the projector applies it again event by event
   * with `apply`, to park the one that fails.
   */
  applyBatch?(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void>;
}

/** The tables a projection's migrations create, by name: those its batches write. */
export function readModelTables(projection: Projection): string[] {
  return projection.migrations.flatMap((migration) =>
    [...migration.sql.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1]),
  );
}

/** The part of a stream id before its first hyphen names the kind of entity: action-<uuid>, body-<id>. */
export function entityOfStream(streamId: string): { entityType: string; entityId: string } {
  const dash = streamId.indexOf('-');
  return dash < 0
    ? { entityType: streamId, entityId: streamId }
    : { entityType: streamId.slice(0, dash), entityId: streamId.slice(dash + 1) };
}

/**
 * The ids of the streams whose rows a batch must read: those it does not begin. A stream whose
 * first event in the batch is its first ever (revision 0) has nothing stored yet, so the live
 * write that creates a record reads nothing back.
 */
export function idsStoredBefore(events: readonly RecordedEvent[]): string[] {
  // By stream, and the id cut from the few streams that qualify: this runs over every batch of most projections.
  const first = new Map<string, number>();
  for (const event of events) if (!first.has(event.streamId)) first.set(event.streamId, event.revision);
  const ids: string[] = [];
  for (const [streamId, revision] of first) if (revision > 0) ids.push(entityOfStream(streamId).entityId);
  return ids;
}
