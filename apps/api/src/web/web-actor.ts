import { randomUUID } from 'node:crypto';
import { Actor } from '#engine/actor';
import { actorOfPerson } from '#engine/person-actor';
import { RequestContext } from '../http/command-context';
import { SignedInRequest } from './page';

/** The signed-in person, acting for the body the pages act for (pages that write require a role). */
export function webActor(request: SignedInRequest): Actor {
  const actor = actorOfPerson(request.person!, request.actingFor!.id);
  if (!actor) throw new Error('a page that writes was reached by someone with no role in the body');
  return actor;
}

export function webRequestContext(request: SignedInRequest): RequestContext {
  return { actor: webActor(request), requestId: String(request.id ?? randomUUID()) };
}
