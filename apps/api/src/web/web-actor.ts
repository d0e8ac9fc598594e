import { randomUUID } from 'node:crypto';
import { Actor } from '#engine/actor';
import { Role } from '#domain/person/roles';
import { RequestContext } from '../http/command-context';
import { SignedInRequest } from './page';

/** Of a person's roles in a body, the one that allows the most (the API's actor has one role). */
const PRECEDENCE: readonly Role[] = ['admin', 'secretary', 'officer', 'auditor'];

/**
 * The signed-in person as the engine's commands know an actor: named by their email (events say
 * who in words a reader knows), acting for the one body the pages act for.
 */
export function webActor(request: SignedInRequest): Actor {
  const person = request.person!;
  const acting = request.actingFor!;
  const role = PRECEDENCE.find((each) => acting.roles.includes(each))!;
  return { user: person.email, role, bodies: [acting.id] };
}

export function webRequestContext(request: SignedInRequest): RequestContext {
  return { actor: webActor(request), requestId: String(request.id ?? randomUUID()) };
}
