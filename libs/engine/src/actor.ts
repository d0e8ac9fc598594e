import { Role } from '#domain/person/roles';

export { ROLES } from '#domain/person/roles';
export type { Role } from '#domain/person/roles';

/** The authenticated person behind a request: from the token, never from the request body. */
export interface Actor {
  readonly user: string;
  readonly role: Role;
  /** The person of the directory, when the actor is one (a CLI token names only a user). */
  readonly personId?: string;
  /** Bodies the token names; 'all' only for an admin token issued for every body. */
  readonly bodies: readonly string[] | 'all';
}
