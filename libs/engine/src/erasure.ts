import { removeApiTokensOf } from '#access/api-tokens';
import { removePassword } from '#access/credentials';
import { PersonalKeyTable } from '#access/personal-keys';
import { removeSignInLinksOf } from '#access/sign-in-links';
import { endSessionsOf } from '#access/web-sessions';
import { bodyCalendar } from '#application/changes/body-today';
import { PersonCommand } from '#domain/person/person.commands';
import { personStream } from '#domain/shared/record-ids';
import { localDateOf } from '#domain/shared/time-zone';
import { escapeLike } from '#projections/like-pattern';
import { Engine } from './engine';

/**
 * The erasure a person's home body asks for today: the day they were disabled (read from their
 * record) and the body's retention period for officers' data, for the person decider to weigh.
 */
export async function erasureOf(
  engine: Engine,
  person: { readonly id: string; readonly homeBodyId: string },
): Promise<PersonCommand> {
  const disabled = (await engine.store.readStream(personStream(person.id)))
    .filter((event) => event.type === 'PersonDisabled')
    .at(-1);
  const calendar = bodyCalendar(engine.db, person.homeBodyId, engine.clock());
  const settings = await calendar.settings();
  return {
    type: 'ErasePerson',
    disabledOn: disabled ? localDateOf(disabled.metadata.recordedAt, settings.timeZone) : null,
    today: await calendar.today(),
    erasableAfterMonths: settings.retention.officerPersonalDataMonths,
  };
}
import { rebuildWithSwap, RebuildSummary } from './rebuild-swap';

export interface ErasureSummary {
  readonly rebuilt: RebuildSummary;
  /**
   * Events that still hold their name or email in plain words (recorded before the log sealed
   * personal data, or inside free text such as a commentary), which an erasure cannot reach
   * without rewriting the log; null where the log is not the database's (EventStoreDB).
   */
  readonly eventsStillNaming: number | null;
}

/**
 * What follows a person's erasure (`PersonErased`, recorded by the person decider): their key is
 * destroyed, so every word of theirs the log sealed reads as "erased person"; their ways of signing
 * in go; replays made for "as known at" reads are dropped; and every read model is rebuilt from the
 * log, so no view keeps their words. The events stay as they were and every chain still verifies.
 */
export async function completeErasure(engine: Engine, personId: string): Promise<ErasureSummary> {
  const [words] = await engine.db.query<{ name: string; email: string }>(
    'SELECT name, email FROM people WHERE person_id = $1',
    [personId],
  );
  await new PersonalKeyTable(engine.db).destroy(personId, engine.clock());
  engine.sealing.forget(personId);
  await endSessionsOf(engine.db, personId);
  await removePassword(engine.db, personId);
  await removeSignInLinksOf(engine.db, personId);
  await removeApiTokensOf(engine.db, personId);
  await engine.knownAt.close();
  const rebuilt = await rebuildWithSwap(engine.db, engine.store, engine.log);
  return { rebuilt, eventsStillNaming: words && engine.chains ? await eventsNaming(engine, words) : null };
}

/** Events whose stored text holds any of these words, in any case. */
async function eventsNaming(engine: Engine, words: { name: string; email: string }): Promise<number> {
  const [row] = await engine.db.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM events
      WHERE (data::text || metadata::text) ILIKE ANY (ARRAY['%' || $1 || '%', '%' || $2 || '%'])`,
    [escapeLike(words.name), escapeLike(words.email)],
  );
  return row.n;
}
