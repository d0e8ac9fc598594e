import { randomUUID } from 'node:crypto';
import { SqlQueryable } from '#database/sql-database';
import { APPOINTMENT, PERSON } from '#domain/person/person.aggregate';
import { personDecider } from '#domain/person/person.decider';
import { PersonDetails } from '#domain/person/person.events';
import { Role } from '#domain/person/roles';
import { DomainError } from '#domain/shared/domain-error';
import { nameBasedUuid } from '#domain/shared/name-based-uuid';
import { appointmentId } from '#domain/shared/record-ids';
import { findPerson, otherAdmins, personIdByEmail } from '#projections/people/people.queries';
import { CommandGateway } from './command-gateway';
import { CommandContext, StaleVersionError } from './command-handling';
import { currentState } from './current-state';
import { EventStore } from '#event-store/port';

// Fixed namespace for a person's id from the email they were registered with (never change it).
const PERSON_NAMESPACE = Buffer.from('5d1f0c8e2b7a4e3f9c6d0a1b2e3f4c5d', 'hex');

export interface Appointing {
  readonly bodyId: string;
  readonly roles: readonly Role[];
  readonly reason: string;
}

/**
 * Adds a person to a body with the roles given. Someone new is registered first, with the body as
 * their home; someone the directory already has (the same email) is given the roles and keeps
 * their details, which stay with their home body's admins. Their id follows from the email they
 * are registered with, so two admins registering one email at once make one person, not two.
 */
export async function appointPerson(
  gateway: CommandGateway,
  store: EventStore,
  db: SqlQueryable,
  details: PersonDetails,
  appointing: Appointing,
  context: CommandContext,
): Promise<{ id: string; version: number; registered: boolean }> {
  const email = details.email.trim().toLowerCase();
  const existing = await personIdByEmail(db, email);
  let id = existing ?? nameBasedUuid(PERSON_NAMESPACE, email);
  let registered = false;
  if (!existing) {
    const register = (personId: string) =>
      gateway.execute(PERSON, {
        id: personId,
        context,
        awaitReadModels: appointing.roles.length === 0,
        command: { type: 'RegisterPerson', personId, homeBodyId: appointing.bodyId, ...details },
      });
    try {
      await register(id);
      registered = true;
    } catch (error) {
      // Their stream exists: as this body's (PERSON_EXISTS), as another's (which, to this caller,
      // does not exist), or since this request read it (stale). Registered a moment ago by another
      // request, which the directory may not show yet: the same person. Or registered with this
      // email once, and since changed it: someone else.
      const taken =
        error instanceof StaleVersionError ||
        (error instanceof DomainError && (error.code === 'PERSON_EXISTS' || error.kind === 'not_found'));
      if (!taken) throw error;
      const earlier = await currentState(store, personDecider, PERSON.streamOf(id));
      if (earlier.email !== email) {
        id = randomUUID();
        await register(id);
        registered = true;
      }
    }
  }
  for (const role of appointing.roles) await grantRole(gateway, id, { ...appointing, role }, context);
  // The roles' last write was waited for, so the directory shows the person as they now are.
  const version = (await findPerson(db, id, 'all'))?.version ?? 1;
  return { id, version, registered };
}

export async function grantRole(
  gateway: CommandGateway,
  personId: string,
  grant: { bodyId: string; role: Role; reason: string },
  context: CommandContext,
) {
  return gateway.execute(APPOINTMENT, {
    id: appointmentId(grant.bodyId, personId),
    context,
    command: { type: 'GrantRole', personId, ...grant },
  });
}

/** Takes a role away; a body never loses its last admin (nobody could then grant roles in it). */
export async function removeRole(
  gateway: CommandGateway,
  db: SqlQueryable,
  personId: string,
  removal: { bodyId: string; role: Role; reason: string },
  context: CommandContext,
) {
  if (removal.role === 'admin' && (await otherAdmins(db, removal.bodyId, personId)) === 0)
    throw new DomainError(
      'LAST_ADMIN',
      `This is the last admin of ${removal.bodyId}: grant admin to someone else first.`,
      'conflict',
      'role',
    );
  return gateway.execute(APPOINTMENT, {
    id: appointmentId(removal.bodyId, personId),
    context,
    command: { type: 'RemoveRole', role: removal.role, reason: removal.reason },
  });
}
