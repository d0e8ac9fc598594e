import { apiTokenHolder } from '#access/api-tokens';
import { Role } from '#domain/person/roles';
import { findPerson, PersonView } from '#projections/people/people.queries';
import { Actor } from './actor';
import { Engine } from './engine';

/** Of a person's roles in a body, the one that allows the most (an actor has one role). */
const PRECEDENCE: readonly Role[] = ['admin', 'secretary', 'officer', 'auditor'];

/**
 * A person from the directory as the engine's commands know an actor, acting for one body: named
 * by their email (events say who in words a reader knows), with their role there now. Null when
 * they hold none there, or are disabled.
 */
export function actorOfPerson(person: PersonView, bodyId: string): Actor | null {
  if (person.disabled) return null;
  const roles = person.bodies.find((body) => body.bodyId === bodyId)?.roles ?? [];
  const role = PRECEDENCE.find((each) => roles.includes(each));
  return role ? { user: person.email, role, personId: person.id, bodies: [bodyId] } : null;
}

/**
 * The actor a personal API token stands for: its person, in its body, with the role they hold
 * there at this moment (a role removed, or a person disabled, stops the token at once).
 */
export async function actorOfApiToken(engine: Engine, token: string): Promise<Actor | null> {
  const holder = await apiTokenHolder(engine.db, token, engine.clock());
  if (!holder) return null;
  const person = await findPerson(engine.db, holder.personId, 'all');
  return person ? actorOfPerson(person, holder.bodyId) : null;
}
