import { SqlQueryable } from '#database/sql-database';
import { Role } from '#domain/person/roles';
import { isUuid } from '#domain/shared/uuid-text';
import { decodeCursor, encodeCursor, InvalidCursorError, Page } from '../cursor';
import { escapeLike } from '../like-pattern';

/** One person as an admin of the bodies named sees them: their roles in those bodies only. */
export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly jobTitle: string | null;
  readonly managerId: string | null;
  readonly homeBodyId: string;
  readonly disabled: boolean;
  /** Erased: their name and email read "erased person"; nothing more is recorded of them. */
  readonly erased: boolean;
  readonly version: number;
  readonly bodies: readonly { bodyId: string; roles: Role[]; version: number }[];
}

interface PersonRow {
  person_id: string;
  name: string;
  email: string;
  job_title: string | null;
  manager_id: string | null;
  home_body_id: string;
  disabled: boolean;
  erased: boolean;
  version: number;
  bodies: { bodyId: string; roles: Role[]; version: number }[];
}

/** The people an admin of these bodies sees: registered by one of them, or holding a role in one. */
const VISIBLE = `
  SELECT p.person_id, p.name, p.email, p.job_title, p.manager_id, p.home_body_id, p.disabled, p.erased, p.version,
         coalesce((SELECT jsonb_agg(jsonb_build_object('bodyId', a.body_id, 'roles', to_jsonb(a.roles),
                                                       'version', a.version) ORDER BY a.body_id)
                     FROM appointments a
                    WHERE a.person_id = p.person_id AND cardinality(a.roles) > 0
                      AND ($1::text[] IS NULL OR a.body_id = ANY($1::text[]))), '[]'::jsonb) AS bodies
    FROM people p
   WHERE ($1::text[] IS NULL OR p.home_body_id = ANY($1::text[])
          OR EXISTS (SELECT 1 FROM appointments a WHERE a.person_id = p.person_id
                        AND a.body_id = ANY($1::text[]) AND cardinality(a.roles) > 0))`;

const toView = (row: PersonRow): PersonView => ({
  id: row.person_id,
  name: row.name,
  email: row.email,
  jobTitle: row.job_title,
  managerId: row.manager_id,
  homeBodyId: row.home_body_id,
  disabled: row.disabled,
  erased: row.erased,
  version: row.version,
  bodies: row.bodies,
});

const bodiesParam = (bodies: readonly string[] | 'all') => (bodies === 'all' ? null : [...bodies]);

export async function findPerson(
  db: SqlQueryable,
  personId: string,
  bodies: readonly string[] | 'all',
): Promise<PersonView | null> {
  const [row] = await db.query<PersonRow>(`${VISIBLE} AND p.person_id = $2`, [bodiesParam(bodies), personId]);
  return row ? toView(row) : null;
}

/** Whoever has this email, whichever body they are in: for sign-in, and to keep emails apart. */
export async function personIdByEmail(db: SqlQueryable, email: string): Promise<string | null> {
  const [row] = await db.query<{ person_id: string }>(
    'SELECT person_id FROM people WHERE email = $1 ORDER BY registered_at LIMIT 1',
    [email.trim().toLowerCase()],
  );
  return row?.person_id ?? null;
}

export interface PeopleFilter {
  /** Part of a name or an email. */
  readonly search?: string;
  readonly role?: Role;
  readonly limit: number;
  /** nextCursor of the previous page. */
  readonly cursor?: string;
}

/** The name and id a page ended on. */
function after(cursor: string | undefined): [string, string] | [null, null] {
  if (cursor === undefined) return [null, null];
  const [name, id] = decodeCursor(cursor, 2);
  if (typeof name !== 'string' || typeof id !== 'string' || !isUuid(id)) throw new InvalidCursorError();
  return [name, id];
}

/** A page of the people these bodies' admins see, by name. */
export async function listPeople(
  db: SqlQueryable,
  bodies: readonly string[] | 'all',
  filter: PeopleFilter,
): Promise<Page<PersonView>> {
  const [afterName, afterId] = after(filter.cursor);
  const rows = await db.query<PersonRow>(
    `SELECT * FROM (${VISIBLE}) AS visible
      WHERE ($2::text IS NULL OR name ILIKE '%' || $2 || '%' OR email ILIKE '%' || $2 || '%')
        AND ($3::text IS NULL OR bodies @> jsonb_build_array(jsonb_build_object('roles', jsonb_build_array($3::text))))
        AND ($4::text IS NULL OR (name, person_id) > ($4::text, $5::uuid))
      ORDER BY name, person_id
      LIMIT $6`,
    [
      bodiesParam(bodies),
      filter.search ? escapeLike(filter.search) : null,
      filter.role ?? null,
      afterName,
      afterId,
      filter.limit + 1,
    ],
  );
  const items = rows.slice(0, filter.limit).map(toView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit ? encodeCursor([last.name, last.id]) : null };
}

/** How many others hold the admin role in a body and can sign in (a body must keep one). */
export async function otherAdmins(db: SqlQueryable, bodyId: string, personId: string): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::integer AS count FROM appointments a JOIN people p USING (person_id)
      WHERE a.body_id = $1 AND a.person_id <> $2 AND 'admin' = ANY(a.roles) AND NOT p.disabled`,
    [bodyId, personId],
  );
  return row.count;
}

/** A person of the directory, by the name and email others write them with. */
export interface DirectoryName {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** A person who may lead actions in a body: anyone holding a role there, not disabled. */
export type LeadCandidate = DirectoryName;

/** The people holding a role in a body, by name: who a lead may be (the lead picker's list). */
export async function leadCandidates(db: SqlQueryable, bodyId: string): Promise<LeadCandidate[]> {
  const rows = await db.query<{ person_id: string; name: string; email: string }>(
    `SELECT p.person_id, p.name, p.email FROM people p JOIN appointments a ON a.person_id = p.person_id
      WHERE a.body_id = $1 AND cardinality(a.roles) > 0 AND NOT p.disabled
      ORDER BY p.name, p.email`,
    [bodyId],
  );
  return rows.map((row) => ({ id: row.person_id, name: row.name, email: row.email }));
}

/** The names of the people with these emails: how pages show who recorded an event (events name an email). */
export async function namesByEmail(
  db: SqlQueryable,
  emails: readonly string[],
): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db.query<{ email: string; name: string }>(
    'SELECT email, name FROM people WHERE email = ANY($1::text[])',
    [[...new Set(emails)]],
  );
  return new Map(rows.map((row) => [row.email, row.name]));
}

/**
 * The people a body's records may name (board members, attendance, declarations, decision makers):
 * those it registered, whether or not they sign in, and those holding a role in it; not disabled.
 */
export async function peopleOfBody(db: SqlQueryable, bodyId: string): Promise<DirectoryName[]> {
  const rows = await db.query<{ person_id: string; name: string; email: string }>(
    `SELECT p.person_id, p.name, p.email FROM people p
      WHERE NOT p.disabled
        AND (p.home_body_id = $1 OR EXISTS (SELECT 1 FROM appointments a WHERE a.person_id = p.person_id
                                               AND a.body_id = $1 AND cardinality(a.roles) > 0))
      ORDER BY p.name, p.email`,
    [bodyId],
  );
  return rows.map((row) => ({ id: row.person_id, name: row.name, email: row.email }));
}

/**
 * The words of a body's directory: the names (exactly) and emails (lower-cased) of the people it
 * registered or appointed, and not erased, each with the person's id. What the log seals.
 */
export async function directoryWords(db: SqlQueryable, bodyId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ person_id: string; name: string; email: string }>(
    `SELECT DISTINCT p.person_id::text AS person_id, p.name, p.email FROM people p
       LEFT JOIN appointments a ON a.person_id = p.person_id AND a.body_id = $1
      WHERE NOT p.erased AND (p.home_body_id = $1 OR a.person_id IS NOT NULL)`,
    [bodyId],
  );
  const words = new Map<string, string>();
  for (const row of rows) {
    words.set(row.name, row.person_id);
    words.set(row.email, row.person_id);
  }
  return words;
}
