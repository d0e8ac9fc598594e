import { bodyCalendar } from '#application/changes/body-today';
import { Engine } from '#engine/engine';
import { SignedInRequest } from '../page';
import { pageTimeOf } from './as-at';

/** A body's settings and today on its calendar: where every page that shows dates starts. */
export async function bodyDay(engine: Engine, bodyId: string) {
  const calendar = bodyCalendar(engine.db, bodyId, engine.clock());
  return { settings: await calendar.settings(), today: await calendar.today() };
}

/** The same, for the body the pages act for, with the time the page is asked for (`asAt`, `knownAt`). */
export async function pageTimeFor(engine: Engine, request: SignedInRequest) {
  const day = await bodyDay(engine, request.actingFor!.id);
  return { ...day, ...pageTimeOf(request.query, day.today, day.settings.timeZone) };
}
