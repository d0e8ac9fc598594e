import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadTypesOptions,
  RecordedEvent,
  StreamsInTransaction,
  TypedLogRead,
} from '../port';
import type { SqlQueryable } from '#database/sql-database';
import { linkedPersonalTexts } from './personal-texts';
import { ERASED_PERSON, openSealed, rewriteStrings, sealedFor, sealText, stringsOf } from './sealed-text';

/**
 * Where each person's key is kept, outside the log (an erasure destroys it). `via`: the
 * connection of a transaction the store is writing in, to read beside it.
 */
export interface PersonalKeys {
  /** Each person's key, made when `make` and not yet made; null for a person whose key was destroyed. */
  keysFor(
    personIds: readonly string[],
    make: boolean,
    via?: SqlQueryable,
  ): Promise<Map<string, Buffer | null>>;
}

/** The people of the directory some words name: their names exactly, their emails in any case. */
export type DirectoryLookup = (
  bodyId: string,
  texts: readonly string[],
  via?: SqlQueryable,
) => Promise<Map<string, string>>;

type Sealable = Pick<NewEvent, 'data' | 'metadata'>;

/** How long a key read is trusted before it is read again. */
const KEY_KEPT_MS = 5 * 60_000;

/**
 * The event store with personal data sealed: before an event is appended, the words that name a
 * person of the directory (as the event links them, or as the directory knows them, the actor
 * too) are sealed with that person's key; as events are read, they are opened again, or read as
 * "erased person" once the key is destroyed. The log's hashes cover the sealed words, so an
 * erasure changes nothing stored and every chain still verifies.
 */
export class SealingEventStore implements EventStore {
  readonly inOneTransaction?: EventStore['inOneTransaction'];
  /**
   * Keys read, for a few minutes: an erasure here forgets its key at once (see `forget`), one in
   * another process within the time kept (sealing new words always asks the table).
   */
  private readonly keys = new Map<string, { readonly key: Buffer | null; readonly until: number }>();

  constructor(
    private readonly stored: EventStore,
    private readonly personalKeys: PersonalKeys,
    private readonly directory: DirectoryLookup,
    /** Told the types of the events each append stored (the directory reads itself again after some). */
    private readonly appended: (types: readonly string[]) => void = () => undefined,
  ) {
    const inOneTransaction = stored.inOneTransaction;
    if (inOneTransaction)
      this.inOneTransaction = async <T>(work: (streams: StreamsInTransaction) => Promise<T>) =>
        inOneTransaction((streams) =>
          work({
            append: async (appends) => {
              const sealed = [];
              for (const each of appends)
                sealed.push({ ...each, events: await this.sealAll(each.streamId, each.events, streams.sql) });
              const results = await streams.append(sealed);
              this.appended(appends.flatMap((each) => each.events.map((event) => event.type)));
              return results;
            },
            readStreams: async (ids) => {
              const read = await streams.readStreams(ids);
              const opened = new Map<string, RecordedEvent[]>();
              for (const [id, events] of read) opened.set(id, await this.openAll(events, streams.sql));
              return opened;
            },
            sql: streams.sql,
          }),
        );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const result = await this.stored.append(streamId, await this.sealAll(streamId, events), expectedRevision);
    this.appended(events.map((event) => event.type));
    return result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.stored.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.stored.readAll(options));
  }

  async readAllOfTypes(options: ReadTypesOptions): Promise<TypedLogRead> {
    const read = await this.stored.readAllOfTypes(options);
    return { events: await this.openAll(read.events), readTo: read.readTo };
  }

  check(): Promise<void> {
    return this.stored.check();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  /** The person's key is destroyed: their words read as "erased person" from now on. */
  forget(personId: string): void {
    this.keys.set(personId, { key: null, until: Infinity });
  }

  private async sealAll(
    streamId: string,
    events: readonly NewEvent[],
    via?: SqlQueryable,
  ): Promise<NewEvent[]> {
    const sealed = [];
    for (const event of events) sealed.push(await this.seal(streamId, event, via));
    return sealed;
  }

  private async seal<E extends Sealable>(streamId: string, event: E, via?: SqlQueryable): Promise<E> {
    const named = linkedPersonalTexts(streamId, event.data);
    const words = [...stringsOf(event.data, new Set([event.metadata.actor]))].filter(
      (text) => text !== '' && !named.has(text) && text !== ERASED_PERSON,
    );
    if (words.length > 0)
      for (const [text, personId] of await this.directory(event.metadata.bodyId, words, via))
        named.set(text, personId);
    if (named.size === 0) return event;
    const keys = await this.personalKeys.keysFor([...new Set(named.values())], true, via);
    const seal = (text: string) => {
      const personId = named.get(text);
      if (personId === undefined) return text;
      const key = keys.get(personId) ?? null;
      // An erased person's words are never stored again, sealed or not.
      return key === null ? ERASED_PERSON : sealText(personId, key, text);
    };
    const metadata: EventMetadata = { ...event.metadata, actor: seal(event.metadata.actor), sealed: true };
    return { ...event, data: rewriteStrings(event.data, seal), metadata };
  }

  private async openAll(events: RecordedEvent[], via?: SqlQueryable): Promise<RecordedEvent[]> {
    const sealed = events.filter((event) => event.metadata.sealed);
    if (sealed.length === 0) return events;
    const wanted = new Set<string>();
    for (const event of sealed)
      for (const text of stringsOf(event.data, new Set([event.metadata.actor]))) {
        const personId = sealedFor(text);
        if (personId !== null && !((this.keys.get(personId)?.until ?? 0) > Date.now())) wanted.add(personId);
      }
    if (wanted.size > 0) {
      const read = await this.personalKeys.keysFor([...wanted], false, via);
      for (const personId of wanted)
        this.keys.set(personId, { key: read.get(personId) ?? null, until: Date.now() + KEY_KEPT_MS });
    }
    const open = (text: string) => {
      const personId = sealedFor(text);
      return personId === null ? text : openSealed(text, this.keys.get(personId)?.key ?? null);
    };
    return events.map((event) =>
      event.metadata.sealed
        ? {
            ...event,
            data: rewriteStrings(event.data, open),
            metadata: { ...event.metadata, actor: open(event.metadata.actor) },
          }
        : event,
    );
  }
}
