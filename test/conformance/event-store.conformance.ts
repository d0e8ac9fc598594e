import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  DuplicateEventIdError,
  EventStore,
  EventTooLargeError,
  MAX_APPEND_BYTES,
  LogPosition,
  NewEvent,
  RecordedEvent,
  START_OF_LOG,
  WrongExpectedRevisionError,
} from '#event-store/port';
import { readUntil } from '../support/log-reads';

export interface ConformanceSubject {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
  /** Reads the server still holds open (EventStoreDB's streamed reads); absent where none can be. */
  readonly openReads?: () => number;
}

function newEvent(data: unknown = { n: 0 }, type = 'ThingHappened'): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'conformance', bodyId: 'test-body', recordedAt: new Date().toISOString() },
  };
}

const events = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => newEvent({ n: from + i }));
/** Every stream the suite writes is under one prefix: a store over a shared log reads these alone. */
export const CONFORMANCE_STREAMS = 'conformance-';
const stream = (label: string) => `${CONFORMANCE_STREAMS}${label}-${randomUUID()}`;

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the append to be refused');
}

/** Reads the global log from `from` until `stop` says enough, as a projector would. */
async function followLog(
  store: EventStore,
  from: LogPosition,
  stop: (seen: RecordedEvent[]) => boolean,
  timeoutMs = 30000,
) {
  const seen: RecordedEvent[] = [];
  let position = from;
  const deadline = Date.now() + timeoutMs;
  while (!stop(seen)) {
    if (Date.now() > deadline) throw new Error(`log follower timed out after ${seen.length} events`);
    const batch = await store.readAll({ after: position, maxCount: 200 });
    if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    else position = batch[batch.length - 1].position;
    seen.push(...batch);
  }
  return seen;
}

export interface AdapterLimits {
  /** EventStoreDB's idempotence covers only retries at the same revision, not ids reused elsewhere. */
  readonly detectsIdsStoredElsewhere: boolean;
  /** The log is shared with other applications (EventStoreDB's $all): their streams are passed over. */
  readonly sharesItsLog?: boolean;
}

/** The one suite every event-store adapter must pass. */
export function eventStoreConformance(
  open: () => Promise<ConformanceSubject>,
  limits: AdapterLimits = { detectsIdsStoredElsewhere: true },
): void {
  let subject: ConformanceSubject;
  let store: EventStore;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => {
    await subject?.dispose();
  });
  const endOfLog = async () =>
    (await store.readAll({ maxCount: 1_000_000 })).at(-1)?.position ?? START_OF_LOG;

  describe('optimistic concurrency', () => {
    it('starts a new stream at revision 0 and reads it back in order with every field', async () => {
      const id = stream('order');
      const appended = events(3);
      const result = await store.append(id, appended, 'no_stream');
      expect(result.nextRevision).toBe(2);
      const read = await store.readStream(id);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.id)).toEqual(appended.map((e) => e.id));
      expect(read[0]).toMatchObject({
        streamId: id,
        type: 'ThingHappened',
        schemaVersion: 1,
        data: { n: 0 },
      });
      expect(read[0].metadata).toEqual(appended[0].metadata);
      expect(read[2].position).toEqual(result.position);
      expect(read[0].storedAt).toBeInstanceOf(Date);
    });

    it('refuses "no stream" when the stream exists, naming expected and actual revisions', async () => {
      const id = stream('exists');
      await store.append(id, events(2), 'no_stream');
      const error = await refusal(store.append(id, events(1), 'no_stream'));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: id, expected: 'no_stream', actual: 1 });
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('refuses "stream exists" when there is no stream', async () => {
      const id = stream('missing');
      const error = await refusal(store.append(id, events(1), 'stream_exists'));
      expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
      expect(await store.readStream(id)).toEqual([]);
      await store.append(id, events(1), 'no_stream');
      await expect(store.append(id, events(1), 'stream_exists')).resolves.toMatchObject({ nextRevision: 1 });
    });

    it('appends at the exact revision expected and refuses a stale one, writing nothing', async () => {
      const id = stream('exact');
      await store.append(id, events(2), 'no_stream');
      await expect(store.append(id, events(1, 2), 1)).resolves.toMatchObject({ nextRevision: 2 });
      const error = await refusal(store.append(id, events(3), 1));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 1, actual: 2 });
      const missing = await refusal(store.append(stream('none'), events(1), 0));
      expect(missing).toMatchObject({ expected: 0, actual: 'no_stream' });
      expect((await store.readStream(id)).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2]);
    });

    it('appends with "any" whether or not the stream exists', async () => {
      const id = stream('any');
      await expect(store.append(id, events(2), 'any')).resolves.toMatchObject({ nextRevision: 1 });
      await expect(store.append(id, events(2), 'any')).resolves.toMatchObject({ nextRevision: 3 });
    });

    it('lets exactly one of many concurrent appenders win the same revision', async () => {
      const id = stream('race');
      await store.append(id, events(1), 'no_stream');
      const results = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => store.append(id, [newEvent({ writer: i })], 0)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(15);
      for (const failure of lost) expect(failure.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('loses nothing when concurrent appenders retry until each has written', async () => {
      const id = stream('retry');
      const writers = 8;
      const perWriter = 5;
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let written = 0; written < perWriter;) {
            const current = await store.readStream(id);
            const expected = current.length === 0 ? 'no_stream' : current[current.length - 1].revision;
            try {
              await store.append(id, [newEvent({ writer, written })], expected);
              written++;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
            }
          }
        }),
      );
      const read = await store.readStream(id);
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i));
      const byWriter = new Map<number, number[]>();
      for (const e of read) {
        const { writer, written } = e.data as { writer: number; written: number };
        byWriter.set(writer, [...(byWriter.get(writer) ?? []), written]);
      }
      for (let writer = 0; writer < writers; writer++) expect(byWriter.get(writer)).toEqual([0, 1, 2, 3, 4]);
    });
  });

  describe('idempotence', () => {
    it('accepts a retry of the same event ids without writing them twice', async () => {
      const id = stream('idem');
      const batch = events(3);
      const first = await store.append(id, batch, 'no_stream');
      const retried = await store.append(id, batch, 'no_stream');
      expect(retried).toEqual(first);
      const again = await store.append(id, batch, 'any');
      expect(again.nextRevision).toBe(first.nextRevision);
      expect(await store.readStream(id)).toHaveLength(3);
    });

    (limits.detectsIdsStoredElsewhere ? it : it.skip)(
      'refuses event ids already stored elsewhere',
      async () => {
        const batch = events(2);
        await store.append(stream('idem-a'), batch, 'no_stream');
        const elsewhere = stream('idem-b');
        await expect(store.append(elsewhere, batch, 'no_stream')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        await expect(store.append(elsewhere, [batch[0], newEvent()], 'any')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect(await store.readStream(elsewhere)).toEqual([]);
      },
    );
  });

  describe('the global log', () => {
    it('reads from a position: only what came after it, in order', async () => {
      const id = stream('from');
      const before = await store.readAll({ after: START_OF_LOG, maxCount: 100000 });
      const tail = before.length ? before[before.length - 1].position : START_OF_LOG;
      await store.append(id, events(5), 'no_stream');
      const all = await followLog(store, tail, (seen) => seen.filter((e) => e.streamId === id).length >= 5);
      const mine = all.filter((e) => e.streamId === id);
      const third = mine[2].position;
      const after = await followLog(
        store,
        third,
        (seen) => seen.filter((e) => e.streamId === id).length >= 2,
      );
      expect(after.filter((e) => e.streamId === id).map((e) => e.revision)).toEqual([3, 4]);
      for (const e of after) expect(comparePositions(e.position, third)).toBeGreaterThan(0);
    });

    it('shows a reader running during many concurrent appends every committed event exactly once, in order', async () => {
      const prefix = `${CONFORMANCE_STREAMS}global-${randomUUID()}`;
      const writers = 8;
      const perWriter = 60;
      const before = await store.readAll({ after: START_OF_LOG, maxCount: 100000 });
      const start = before.length ? before[before.length - 1].position : START_OF_LOG;
      const mine = (seen: RecordedEvent[]) => seen.filter((e) => e.streamId.startsWith(prefix));

      const reader = followLog(store, start, (seen) => mine(seen).length >= writers * perWriter);
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let i = 0; i < perWriter; i += 3) {
            await store.append(`${prefix}-${writer}`, events(3, i), i === 0 ? 'no_stream' : i - 1);
          }
        }),
      );
      const seen = await reader;
      const ids = mine(seen).map((e) => e.id);
      expect(new Set(ids).size).toBe(writers * perWriter);
      expect(ids).toHaveLength(writers * perWriter);
      for (let i = 1; i < seen.length; i++)
        expect(comparePositions(seen[i].position, seen[i - 1].position)).toBeGreaterThan(0);
      for (let writer = 0; writer < writers; writer++) {
        const revisions = mine(seen)
          .filter((e) => e.streamId === `${prefix}-${writer}`)
          .map((e) => e.revision);
        expect(revisions).toEqual(Array.from({ length: perWriter }, (_, i) => i));
      }
    });
  });

  describe('reading the log in pages', () => {
    /** Reads on from `after` in pages of `size` until a page comes back empty. */
    const pages = async (after: LogPosition, size: number) => {
      const seen: RecordedEvent[] = [];
      for (let position = after; ;) {
        const page = await store.readAll({ after: position, maxCount: size });
        expect(page.length).toBeLessThanOrEqual(size);
        if (page.length === 0) return seen;
        seen.push(...page);
        position = page[page.length - 1].position;
      }
    };

    it('reads a backlog several pages long from a checkpoint, in pages of 7 or of 1: every event once, in order', async () => {
      const checkpoint = await endOfLog();
      const streams = [stream('paged'), stream('paged'), stream('paged')];
      const written: string[] = [];
      for (let round = 0; round < 12; round++)
        for (const [index, id] of streams.entries()) {
          const batch = events(index + 1, round * 10);
          await store.append(id, batch, round === 0 ? 'no_stream' : round * (index + 1) - 1);
          written.push(...batch.map((event) => event.id));
        }
      for (const size of [7, 1, 500]) {
        const read = (await pages(checkpoint, size)).filter((event) => streams.includes(event.streamId));
        expect({ size, ids: read.map((event) => event.id) }).toEqual({ size, ids: written });
        for (let i = 1; i < read.length; i++)
          expect(comparePositions(read[i].position, read[i - 1].position)).toBeGreaterThan(0);
      }
    });

    it('passes over other applications’ events in a shared log, and reads on past them', async () => {
      if (!limits.sharesItsLog) return; // the log is the engine's own: no other application writes it
      const checkpoint = await endOfLog();
      const ours = stream('shared');
      await store.append(ours, events(1), 'no_stream');
      await store.append(`otherapp-${randomUUID()}`, events(30), 'no_stream');
      await store.append(ours, events(1, 1), 0);
      const read = await pages(checkpoint, 5);
      expect(read.map((event) => event.streamId)).toEqual([ours, ours]);
      expect(await store.readAll({ after: read[1].position, maxCount: 5 })).toEqual([]);
    });

    it('refuses an append larger than a store takes, writing nothing', async () => {
      const id = stream('too-large');
      const error = await refusal(
        store.append(id, [newEvent({ large: 'x'.repeat(MAX_APPEND_BYTES) })], 'no_stream'),
      );
      expect(error).toBeInstanceOf(EventTooLargeError);
      expect((error as Error).message).toMatch(/at most 1048576 bytes in one append/);
      expect(await store.readStream(id)).toEqual([]);
    });

    it('refuses an append of no events, naming the stream', async () => {
      const id = stream('empty');
      const error = await refusal(store.append(id, [], 'no_stream'));
      expect((error as Error).message).toBe(`append to ${id} needs at least one event`);
      expect(await store.readStream(id)).toEqual([]);
    });

    it('answers its health check, and leaves no read open on the server', async () => {
      await store.check();
      await store.readAll({ maxCount: 3 });
      expect(subject.openReads?.() ?? 0).toBe(0);
    });
  });

  describe('reading some event types', () => {
    /** Two types of this test's own, so no other test's events are of them. */
    const typesOfTheirOwn = () => {
      const tag = randomUUID().slice(0, 8);
      return { kept: `Kept${tag}`, other: `Other${tag}` };
    };
    /** At the end of the log; where other applications write to it, perhaps past their events after it. */
    const expectAtTheEnd = (readTo: LogPosition, end: LogPosition) => {
      if (limits.sharesItsLog) expect(comparePositions(readTo, end)).toBeGreaterThanOrEqual(0);
      else expect(readTo).toEqual(end);
    };

    it('hands over only the types asked for, in log order, and says it looked past the rest', async () => {
      const { kept, other } = typesOfTheirOwn();
      const checkpoint = await endOfLog();
      const id = stream('typed');
      const written = [0, 1, 2, 3].map((n) => newEvent({ n }, n % 2 === 0 ? kept : other));
      await store.append(id, written.slice(0, 3), 'no_stream');
      await store.append(stream('typed-other'), [newEvent({ n: 5 }, other)], 'no_stream');
      const { position: end } = await store.append(id, written.slice(3), 2);

      const read = await readUntil(
        () => store.readAllOfTypes({ after: checkpoint, types: [kept], maxCount: 100 }),
        (read) => comparePositions(read.readTo, end) >= 0,
      );
      expect(read.events.map((event) => event.data)).toEqual([{ n: 0 }, { n: 2 }]);
      expect(read.events.map((event) => event.revision)).toEqual([0, 2]);
      // The last events are of the other type: the read looked through to the end of the log.
      expectAtTheEnd(read.readTo, end);
      const again = await store.readAllOfTypes({ after: read.readTo, types: [kept] });
      expect(again).toEqual({ events: [], readTo: read.readTo });
      // Nothing of the types was passed over: one appended now is read from there.
      await store.append(id, [newEvent({ n: 4 }, kept)], 3);
      const next = await readUntil(
        () => store.readAllOfTypes({ after: read.readTo, types: [kept] }),
        (next) => next.events.length > 0,
      );
      expect(next.events.map((event) => event.data)).toEqual([{ n: 4 }]);
    });

    it('reads on in pages from where each page looked to: every event of the types once', async () => {
      const { kept, other } = typesOfTheirOwn();
      const checkpoint = await endOfLog();
      const id = stream('typed-pages');
      const types = Array.from({ length: 12 }, (_, n) => (n % 3 === 0 ? other : kept));
      const { position: end } = await store.append(
        id,
        types.map((type, n) => newEvent({ n }, type)),
        'no_stream',
      );
      const seen: unknown[] = [];
      let after = checkpoint;
      for (let pages = 0; comparePositions(after, end) < 0; pages++) {
        expect(pages).toBeLessThan(200);
        const page = await store.readAllOfTypes({ after, types: [kept], maxCount: 2 });
        expect(page.events.length).toBeLessThanOrEqual(2);
        // A full page has looked only as far as its last event: more of the types may follow.
        if (page.events.length === 2) expect(page.readTo).toEqual(page.events[1].position);
        expect(comparePositions(page.readTo, after)).toBeGreaterThanOrEqual(0);
        seen.push(...page.events.map((event) => (event.data as { n: number }).n));
        if (comparePositions(page.readTo, after) === 0)
          await new Promise((resolve) => setTimeout(resolve, 20));
        after = page.readTo;
      }
      expect(seen).toEqual([1, 2, 4, 5, 7, 8, 10, 11]);
    });

    it('finds nothing of types never stored, and stays where it was when nothing follows', async () => {
      const { kept, other } = typesOfTheirOwn();
      const { position: end } = await store.append(
        stream('typed-none'),
        [newEvent({ n: 0 }, other)],
        'no_stream',
      );
      const read = await readUntil(
        () => store.readAllOfTypes({ after: START_OF_LOG, types: [kept] }),
        (read) => comparePositions(read.readTo, end) >= 0,
      );
      expect(read.events).toEqual([]);
      expectAtTheEnd(read.readTo, end);
      expect(await store.readAllOfTypes({ after: read.readTo, types: [other] })).toEqual({
        events: [],
        readTo: read.readTo,
      });
    });
  });

  describe('size and content', () => {
    it('holds a stream of 10,000 events and reads any part of it', async () => {
      const id = stream('large');
      for (let from = 0; from < 10000; from += 500) {
        await store.append(id, events(500, from), from === 0 ? 'no_stream' : from - 1);
      }
      const read = await store.readStream(id);
      expect(read).toHaveLength(10000);
      expect(read.every((e, i) => e.revision === i && (e.data as { n: number }).n === i)).toBe(true);
      const tail = await store.readStream(id, { fromRevision: 9990 });
      expect(tail.map((e) => e.revision)).toEqual(Array.from({ length: 10 }, (_, i) => 9990 + i));
      expect(await store.readStream(id, { fromRevision: 100, maxCount: 3 })).toHaveLength(3);
    });

    it('keeps unicode and large payloads exactly', async () => {
      const id = stream('content');
      const data = {
        welsh: 'Comisiynydd Heddlu a Throseddu — ŵ ŷ',
        emoji: 'RAG 🟢🟠🔴 ✅',
        rtl: 'مفوض الشرطة',
        quotes: `"'\\ \n\t`,
        nested: { list: [1, 'two', { three: null }], flag: false },
        large: 'x'.repeat(1_000_000),
      };
      await store.append(id, [newEvent(data)], 'no_stream');
      const [read] = await store.readStream(id);
      expect(read.data).toEqual(data);
    });
  });

  describe('writing several streams in one transaction (where the store can)', () => {
    const inOne = () => store.inOneTransaction as NonNullable<EventStore['inOneTransaction']>;

    it('writes to new and existing streams together, and reads them back inside and after', async () => {
      if (!store.inOneTransaction) return; // this store writes one stream at a time
      const [fresh, existing] = [stream('tx-new'), stream('tx-existing')];
      await store.append(existing, events(2), 'no_stream');
      const seenInside = await inOne()(async (streams) => {
        const before = await streams.readStreams([fresh, existing]);
        expect([before.get(fresh)?.length, before.get(existing)?.length]).toEqual([0, 2]);
        await streams.append([
          { streamId: fresh, events: events(3), expectedRevision: 'no_stream' },
          { streamId: existing, events: events(1, 2), expectedRevision: 1 },
        ]);
        return (await streams.readStreams([existing])).get(existing)?.length;
      });
      expect(seenInside).toBe(3);
      expect((await store.readStream(fresh)).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect((await store.readStream(existing)).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2]);
    });

    it('writes nothing in any stream when one append is refused or the work fails', async () => {
      if (!store.inOneTransaction) return;
      const [first, stale, later] = [stream('tx-a'), stream('tx-stale'), stream('tx-b')];
      await store.append(stale, events(2), 'no_stream');
      const error = await refusal(
        inOne()(async (streams) => {
          await streams.append([{ streamId: first, events: events(1), expectedRevision: 'no_stream' }]);
          await streams.append([{ streamId: stale, events: events(1), expectedRevision: 0 }]);
        }),
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: stale, expected: 0, actual: 1 });
      await expect(
        inOne()(async (streams) => {
          await streams.append([{ streamId: later, events: events(1), expectedRevision: 'no_stream' }]);
          throw new Error('the work failed after appending');
        }),
      ).rejects.toThrow('the work failed after appending');
      expect(await store.readStream(first)).toEqual([]);
      expect(await store.readStream(later)).toEqual([]);
      expect(await store.readStream(stale)).toHaveLength(2);
    });

    it('shows a reader of the log every event of the transaction once it commits, in order', async () => {
      if (!store.inOneTransaction) return;
      const checkpoint = await endOfLog();
      const ids = [stream('tx-log-1'), stream('tx-log-2')];
      await inOne()((streams) =>
        streams.append(
          ids.map((streamId) => ({ streamId, events: events(2), expectedRevision: 'no_stream' })),
        ),
      );
      const read = await followLog(store, checkpoint, (seen) => seen.length >= 4);
      expect(read.map((event) => `${event.streamId}@${event.revision}`)).toEqual([
        `${ids[0]}@0`,
        `${ids[0]}@1`,
        `${ids[1]}@0`,
        `${ids[1]}@1`,
      ]);
    });
  });
}
