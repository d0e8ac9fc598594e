import { SqlQueryable } from '#database/sql-database';
import { directoryWords } from '#projections/people/people.queries';

/** How long a body's directory words are trusted before they are read again. */
const KEPT_MS = 2000;

/**
 * Which words of an event name people of the body's directory, from the directory's words read
 * at most a couple of seconds ago (so an append asks nothing of the database), and read afresh
 * once a person or appointment event is appended here. Best effort by design: words an event
 * links to a person are sealed whatever this says.
 */
export class DirectoryWords {
  private readonly bodies = new Map<
    string,
    { readonly words: Map<string, string>; readonly until: number }
  >();

  constructor(private readonly db: SqlQueryable) {}

  async named(bodyId: string, texts: readonly string[], via?: SqlQueryable): Promise<Map<string, string>> {
    let known = this.bodies.get(bodyId);
    if (!known || known.until < Date.now()) {
      known = { words: await directoryWords(via ?? this.db, bodyId), until: Date.now() + KEPT_MS };
      this.bodies.set(bodyId, known);
    }
    const named = new Map<string, string>();
    for (const text of texts) {
      const personId = known.words.get(text) ?? known.words.get(text.toLowerCase());
      if (personId !== undefined) named.set(text, personId);
    }
    return named;
  }

  /** The directory changed: read it again at the next append. */
  forget(): void {
    this.bodies.clear();
  }
}
