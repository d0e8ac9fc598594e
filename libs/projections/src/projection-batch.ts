import { SqlDatabase, SqlQueryable } from '#database/sql-database';
import { LogPosition, RecordedEvent } from '#event-store/port';
import { lockCheckpoints, pendingAfter, storeCheckpoints } from './checkpoints';
import { isTransient, park } from './parked-events';
import { Projection } from './projection';

export interface ProjectorLog {
  error(details: object, message: string): void;
}

/** The answer when another process is applying the same projection right now. */
export const BUSY_ELSEWHERE = null;

/**
 * Applies a batch in one transaction. Should an event fail, the batch is applied again one event
 * at a time, each under a savepoint: the event that fails is parked (and with it every later
 * event of its stream), and everything else is applied, so one bad event stops nobody else. The
 * checkpoint moves to `upTo`, the end of the batch read from the log. Resolves with
 * `BUSY_ELSEWHERE` while another process holds the projection's checkpoint row.
 */
export async function applyProjectionBatch(
  db: SqlDatabase,
  log: ProjectorLog,
  projection: Projection,
  events: readonly RecordedEvent[],
  from: LogPosition,
  upTo: LogPosition,
  onParked: (events: readonly RecordedEvent[]) => void = () => undefined,
): Promise<LogPosition | typeof BUSY_ELSEWHERE> {
  const parked: RecordedEvent[] = [];
  let applied: LogPosition | typeof BUSY_ELSEWHERE;
  try {
    applied = await applyInOneTransaction(db, log, projection, events, from, upTo, false, parked);
  } catch (error) {
    if (isTransient(error)) throw error;
    parked.length = 0;
    applied = await applyInOneTransaction(db, log, projection, events, from, upTo, true, parked);
  }
  // Told once the transaction that parked them has committed.
  if (parked.length > 0) onParked(parked);
  return applied;
}

async function applyInOneTransaction(
  db: SqlDatabase,
  log: ProjectorLog,
  projection: Projection,
  events: readonly RecordedEvent[],
  from: LogPosition,
  upTo: LogPosition,
  eventByEvent: boolean,
  parked: RecordedEvent[],
): Promise<LogPosition | typeof BUSY_ELSEWHERE> {
  return db.transaction(async (tx) => {
    const stored = (await lockCheckpoints(tx, [projection.name])).get(projection.name);
    if (!stored) return BUSY_ELSEWHERE;
    const start = pendingAfter(stored.position, from, upTo, events);
    if ('readOnFrom' in start) return start.readOnFrom;
    const held = new Set(stored.parked);
    if (!eventByEvent && projection.applyBatch)
      await applyAtOnce(tx, projection, start.pending, held, parked);
    else await applyOneByOne(tx, log, projection, start.pending, held, eventByEvent, parked);
    await storeCheckpoints(tx, [projection.name], upTo);
    return upTo;
  });
}

/** Held streams' events are parked; the rest go to the projection's set-based `applyBatch`. */
export async function applyAtOnce(
  tx: SqlQueryable,
  projection: Projection,
  pending: readonly RecordedEvent[],
  held: ReadonlySet<string>,
  parked: RecordedEvent[],
): Promise<void> {
  // Nearly always nothing is held: the batch then goes on whole, not looked up event by event.
  const applicable = held.size === 0 ? pending : pending.filter((event) => !held.has(event.streamId));
  if (held.size > 0)
    for (const event of pending)
      if (held.has(event.streamId)) {
        await park(tx, projection.name, event, null);
        parked.push(event);
      }
  if (applicable.length > 0) await projection.applyBatch?.(tx, applicable);
}

/** Event by event; with `eventByEvent`, each under a savepoint, parking the one that fails. */
async function applyOneByOne(
  tx: SqlQueryable,
  log: ProjectorLog,
  projection: Projection,
  pending: readonly RecordedEvent[],
  held: Set<string>,
  eventByEvent: boolean,
  parked: RecordedEvent[],
): Promise<void> {
  for (const event of pending) {
    if (held.has(event.streamId)) {
      await park(tx, projection.name, event, null);
      parked.push(event);
    } else if (!eventByEvent) {
      await projection.apply(tx, event);
    } else {
      await tx.query('SAVEPOINT projected_event');
      try {
        await projection.apply(tx, event);
        await tx.query('RELEASE SAVEPOINT projected_event');
      } catch (error) {
        if (isTransient(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT projected_event');
        await park(tx, projection.name, event, error);
        parked.push(event);
        held.add(event.streamId);
        log.error(
          { projection: projection.name, eventId: event.id, eventType: event.type, err: error },
          'projection could not apply an event; parked it and went on',
        );
      }
    }
  }
}
