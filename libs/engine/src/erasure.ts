import { PersonalKeyTable } from '#access/personal-keys';
import { Engine } from './engine';
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
