import { SqlQueryable } from '#database/sql-database';
import { StoredDomainEvent } from '#domain/shared/event';
import { RecordedEvent } from '#event-store/port';
import { entityOfStream, idsStoredBefore } from './projection';

/** One event folded into its stream's record: the decider's state after it, and its version. */
export interface FoldedEvent<State> {
  readonly id: string;
  readonly state: State;
  readonly version: number;
  readonly event: RecordedEvent;
}

/** How a projection folds one kind of record: its decider's fold, and its state again from a row. */
export interface RecordFold<State, Document> {
  readonly initial: () => State;
  readonly evolve: (state: State, event: StoredDomainEvent) => State;
  /** The decider's state from the document a row stores (in `state`) and the row's body. */
  readonly revive: (document: Document, bodyId: string) => State;
}

/**
 * Folds a batch's events into the records of their streams (one row each in `table`, keyed by the
 * stream's id, holding the record's document in `state`, its `body_id` and `version`): the rows
 * are read in one statement, each event is folded in log order with the decider's own `evolve`,
 * and an event the row already holds (its version) is skipped. Answers each event applied, with
 * the state after it, for the projection to write the document it keeps.
 */
export async function foldIntoRecords<State, Document>(
  tx: SqlQueryable,
  table: string,
  key: string,
  events: readonly RecordedEvent[],
  fold: RecordFold<State, Document>,
): Promise<FoldedEvent<State>[]> {
  if (events.length === 0) return [];
  const idOf = (event: RecordedEvent) => entityOfStream(event.streamId).entityId;
  const records = new Map<string, { state: State; version: number }>();
  const stored = idsStoredBefore(events);
  if (stored.length > 0)
    for (const row of await tx.query<{ id: string; state: Document; body_id: string; version: number }>(
      `SELECT ${key} AS id, state, body_id, version FROM ${table} WHERE ${key} = ANY($1::uuid[])`,
      [stored],
    ))
      records.set(row.id, { state: fold.revive(row.state, row.body_id), version: row.version });
  const folded: FoldedEvent<State>[] = [];
  for (const event of events) {
    const id = idOf(event);
    const version = event.revision + 1;
    const record = records.get(id);
    if (record && record.version >= version) continue;
    const state = fold.evolve(record?.state ?? fold.initial(), event as unknown as StoredDomainEvent);
    records.set(id, { state, version });
    folded.push({ id, state, version, event });
  }
  return folded;
}

/** The last of each record's folded events: what its row holds after the batch. */
export function latestOfEach<State>(folded: readonly FoldedEvent<State>[]): FoldedEvent<State>[] {
  return [...new Map(folded.map((each) => [each.id, each])).values()];
}
