import { ACTION } from '#domain/action/action.aggregate';
import { DomainError } from '#domain/shared/domain-error';
import { SqlQueryable } from '#database/sql-database';
import { EventStore } from '#event-store/port';
import { actionsWithTextLeads } from '#projections/action-register/action-register.queries';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { findPerson } from '#projections/people/people.queries';
import { PERSON } from '#domain/person/person.aggregate';
import { leadsFromDirectory } from './action-leads';
import { CommandGateway } from './command-gateway';
import { CommandContext, StaleVersionError } from './command-handling';
import { appointPerson, grantRole } from './directory';

export interface ContactsMoved {
  /** Contacts registered as people, with the officer role in the body. */
  readonly registered: string[];
  /** Contacts already people of the directory (the same email): given the officer role if they had none here. */
  readonly alreadyThere: string[];
  /** Contacts with no email: a webhook or the log is all the list knew of them. */
  readonly withoutEmail: string[];
  /** People whose manager the list named, now their manager in the directory. */
  readonly managersSet: string[];
  /** Open actions whose leads written as text are now identified as people. */
  readonly actionsMatched: number;
  /** Actions changed meanwhile, left for another run. */
  readonly actionsSkipped: number;
}

const REASON = 'Moved from the reminder contact list';

/**
 * Moves a body's reminder contact list into the directory: each contact with an email becomes a
 * person (an officer of the body), the list's managers become their managers, and then every
 * open action whose lead is written as a person's name or email is identified as that person, so
 * reminders, escalations and "My actions" follow the directory. Safe to run again: what is
 * already done is left as it is. The contact list itself is left for an admin to empty.
 */
export async function moveContactsToDirectory(
  gateway: CommandGateway,
  store: EventStore,
  db: SqlQueryable,
  bodyId: string,
  context: CommandContext,
): Promise<ContactsMoved> {
  const contacts = Object.entries((await bodySettingsOf(db, bodyId)).reminders.contacts);
  const moved = { registered: [] as string[], alreadyThere: [] as string[], withoutEmail: [] as string[] };
  const people = new Map<string, string>();
  for (const [name, contact] of contacts) {
    if (!contact.email) {
      moved.withoutEmail.push(name);
      continue;
    }
    const details = { name, email: contact.email, jobTitle: null, managerId: null };
    const person = await appointPerson(
      gateway,
      store,
      db,
      details,
      { bodyId, roles: [], reason: REASON },
      context,
    );
    people.set(name, person.id);
    (person.registered ? moved.registered : moved.alreadyThere).push(name);
    const known = await findPerson(db, person.id, [bodyId]);
    if (!known?.bodies.some((body) => body.bodyId === bodyId && body.roles.length > 0))
      await grantRole(gateway, person.id, { bodyId, role: 'officer', reason: REASON }, context);
  }
  const managersSet: string[] = [];
  for (const [name, contact] of contacts) {
    const personId = people.get(name);
    const managerId = contact.manager ? people.get(contact.manager) : undefined;
    if (!personId || !managerId || managerId === personId) continue;
    const person = await findPerson(db, personId, [bodyId]);
    // Only a person this body registered, with no manager yet: another body's, or one set by hand, stays.
    if (!person || person.homeBodyId !== bodyId || person.managerId) continue;
    await gateway.execute(PERSON, {
      id: personId,
      context,
      expectedVersion: person.version,
      command: {
        type: 'ChangePersonDetails',
        name: person.name,
        email: person.email,
        jobTitle: person.jobTitle,
        managerId,
      },
    });
    managersSet.push(name);
  }
  return { ...moved, managersSet, ...(await matchLeadsToDirectory(gateway, db, bodyId, context)) };
}

/** Identifies the leads of open actions written as a person's name or email (imported history, the old contact list). */
async function matchLeadsToDirectory(
  gateway: CommandGateway,
  db: SqlQueryable,
  bodyId: string,
  context: CommandContext,
): Promise<{ actionsMatched: number; actionsSkipped: number }> {
  let actionsMatched = 0;
  let actionsSkipped = 0;
  for (const action of await actionsWithTextLeads(db, bodyId)) {
    const leads = await leadsFromDirectory(db, bodyId, action.leadOfficers);
    if (leads.leadPersonIds.every((id) => id === null)) continue;
    try {
      await gateway.execute(ACTION, {
        id: action.id,
        context,
        expectedVersion: action.version,
        command: { type: 'ReassignLead', ...leads, reason: 'Leads matched to the people of the directory' },
      });
      actionsMatched++;
    } catch (error) {
      if (!(error instanceof StaleVersionError || (error instanceof DomainError && error.kind === 'invalid')))
        throw error;
      actionsSkipped++;
    }
  }
  return { actionsMatched, actionsSkipped };
}
