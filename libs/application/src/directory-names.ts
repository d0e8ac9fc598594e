import { SqlQueryable } from '#database/sql-database';
import { DirectoryName, peopleOfBody } from '#projections/people/people.queries';

/** A name as the record keeps it, and the person of the directory it is, if one. */
export interface NamedPerson {
  readonly name: string;
  readonly personId: string | null;
}

/**
 * Whom of these people a person meant by what they wrote: the one with that email, or the only
 * one with that name (ignoring case). Null when nobody, or several, answer to it.
 */
export function personWritten<P extends DirectoryName>(people: readonly P[], written: string): P | null {
  const key = written.trim().toLowerCase();
  const byEmail = people.find((person) => person.email === key);
  if (byEmail) return byEmail;
  const byName = people.filter((person) => person.name.toLowerCase() === key);
  return byName.length === 1 ? byName[0] : null;
}

/**
 * Names a secretary wrote (members, attendance, declarations, decision makers) as the record keeps
 * them: a person of the body's directory by their own name and id; anyone else (a role such as
 * "Police and Crime Commissioner", a guest) as written, with no id.
 */
export async function namesFromDirectory(
  db: SqlQueryable,
  bodyId: string,
  written: readonly string[],
): Promise<NamedPerson[]> {
  if (written.length === 0) return [];
  const people = await peopleOfBody(db, bodyId);
  return written.map((text) => {
    const person = personWritten(people, text);
    return person ? { name: person.name, personId: person.id } : { name: text.trim(), personId: null };
  });
}

/** The same names, and who among them is a person: the shape attendance records keep. */
export function identified(named: readonly NamedPerson[]): Record<string, string> {
  return Object.fromEntries(
    named.flatMap((each) => (each.personId ? [[each.name, each.personId] as const] : [])),
  );
}
