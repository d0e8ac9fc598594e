import { PersonalKeyTable } from '#access/personal-keys';
import { bodyCalendar } from '#application/changes/body-today';
import { PersonCommand } from '#domain/person/person.commands';
import { personStream } from '#domain/shared/record-ids';
import { localDateOf } from '#domain/shared/time-zone';
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

/**
 * What follows a person's erasure (`PersonErased`, recorded by the person decider): their key is
 * destroyed, so every word of theirs the log sealed reads as "erased person"; their ways of signing
 * in go; replays made for "as known at" reads are dropped; and every read model is rebuilt from the
 * log, so no view keeps their words. The events stay as they were and every chain still verifies.
 */
export async function completeErasure(engine: Engine, personId: string): Promise<RebuildSummary> {
  await new PersonalKeyTable(engine.db).destroy(personId, engine.clock());
  engine.sealing.forget(personId);
  for (const table of ['credentials', 'sign_in_links', 'web_sessions', 'api_tokens'])
    await engine.db.query(`DELETE FROM ${table} WHERE person_id = $1`, [personId]);
  await engine.knownAt.close();
  return rebuildWithSwap(engine.db, engine.store, engine.log);
}
