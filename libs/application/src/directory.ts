import { randomUUID } from 'node:crypto';
import { SqlQueryable } from '#database/sql-database';
import { APPOINTMENT, PERSON } from '#domain/person/person.aggregate';
import { PersonDetails } from '#domain/person/person.events';
import { Role } from '#domain/person/roles';
import { DomainError } from '#domain/shared/domain-error';
import { nameBasedUuid } from '#domain/shared/name-based-uuid';
import { appointmentId } from '#domain/shared/record-ids';
import { findPerson, otherAdmins, personIdByEmail } from '#projections/people/people.queries';
import { CommandGateway } from './command-gateway';
import { CommandContext } from './command-handling';

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
  db: SqlQueryable,
  details: PersonDetails,
  appointing: Appointing,
  context: CommandContext,
): Promise<{ id: string; version: number; registered: boolean }> {
  const existing = await personIdByEmail(db, details.email);
  let id = existing ?? nameBasedUuid(PERSON_NAMESPACE, details.email.trim().toLowerCase());
  let version = 0;
  if (!existing) {
    const register = (personId: string) =>
      gateway.execute(PERSON, {
        id: personId,
        context,
        awaitReadModels: appointing.roles.length === 0,
        command: { type: 'RegisterPerson', personId, homeBodyId: appointing.bodyId, ...details },
      });
    try {
      version = (await register(id)).version;
    } catch (error) {
      // Their id is taken by someone registered with this email who has since changed it.
      if (
        !(error instanceof DomainError && error.code === 'PERSON_EXISTS') ||
        (await personIdByEmail(db, details.email))
      )
        throw error;
      id = randomUUID();
      version = (await register(id)).version;
    }
  }
  for (const role of appointing.roles) await grantRole(gateway, id, { ...appointing, role }, context);
  if (existing) version = (await findPerson(db, id, 'all'))?.version ?? 0;
  return { id, version, registered: !existing };
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
