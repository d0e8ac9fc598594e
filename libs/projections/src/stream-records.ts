import { SqlQueryable } from '#database/sql-database';
import { StoredDomainEvent } from '#domain/shared/event';
import { RecordedEvent } from '#event-store/port';
import { entityOfStream, idsStoredBefore } from './projection';

/** One event folded into its stream's record: the record after it, and its version. */
export interface FoldedEvent<State> {
  readonly id: string;
  readonly state: State;
  readonly version: number;
  readonly event: RecordedEvent;
}

/**
 * Folds a batch's events into the records of their streams (one row each in `table`, keyed by the
 * stream's id, holding `state` and `version`): the rows are read in one statement, each event is
 * folded in log order, and an event the row already holds (its version) is skipped. Answers each
 * event applied, with the record after it, for the projection to write what it keeps.
 */
export async function foldIntoRecords<State>(
  tx: SqlQueryable,
  table: string,
  key: string,
  events: readonly RecordedEvent[],
  initial: () => State,
  evolve: (state: State, event: StoredDomainEvent) => State,
): Promise<FoldedEvent<State>[]> {
  if (events.length === 0) return [];
  const idOf = (event: RecordedEvent) => entityOfStream(event.streamId).entityId;
  const records = new Map<string, { state: State; version: number }>();
  const stored = idsStoredBefore(events);
  if (stored.length > 0)
    for (const row of await tx.query<{ id: string; state: State; version: number }>(
      `SELECT ${key} AS id, state, version FROM ${table} WHERE ${key} = ANY($1::uuid[])`,
      [stored],
    ))
      records.set(row.id, row);
  const folded: FoldedEvent<State>[] = [];
  for (const event of events) {
    const id = idOf(event);
    const version = event.revision + 1;
    const record = records.get(id);
    if (record && record.version >= version) continue;
    const state = evolve(record?.state ?? initial(), event as unknown as StoredDomainEvent);
    records.set(id, { state, version });
    folded.push({ id, state, version, event });
  }
  return folded;
}

/** The last of each record's folded events: what its row holds after the batch. */
export function latestOfEach<State>(folded: readonly FoldedEvent<State>[]): FoldedEvent<State>[] {
  return [...new Map(folded.map((each) => [each.id, each])).values()];
}
