import { SqlQueryable } from '#database/sql-database';
import { LeadCandidate, leadCandidates } from '#projections/people/people.queries';
import { personWritten } from './directory-names';

/** The leads of an action as its events record them: names, and the person each is (or null). */
export interface ActionLeads {
  readonly leadOfficers: string[];
  readonly leadPersonIds: (string | null)[];
}

/**
 * Finds the people of the body's directory among the leads a person wrote: by email, or by a name
 * only one of them has (ignoring case). A person found is written by their name; anyone else (a
 * role written for an officer, initials in an imported plan) is kept as written, unidentified.
 */
export async function leadsFromDirectory(
  db: SqlQueryable,
  bodyId: string,
  written: readonly string[],
): Promise<ActionLeads> {
  if (written.every((lead) => lead.trim() === '')) return { leadOfficers: [], leadPersonIds: [] };
  return leadsAmong(await leadCandidates(db, bodyId), written);
}

/** The same, among people already read (an import reads the directory once for every row). */
export function leadsAmong(people: readonly LeadCandidate[], written: readonly string[]): ActionLeads {
  const wanted = written.map((lead) => lead.trim()).filter((lead) => lead !== '');
  const leadOfficers: string[] = [];
  const leadPersonIds: (string | null)[] = [];
  for (const lead of wanted) {
    const person = personWritten(people, lead);
    if (person && leadPersonIds.includes(person.id)) continue; // the same person written twice
    leadOfficers.push(person?.name ?? lead);
    leadPersonIds.push(person?.id ?? null);
  }
  return { leadOfficers, leadPersonIds };
}
