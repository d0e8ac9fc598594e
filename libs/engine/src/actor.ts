export const ROLES = ['admin', 'secretary', 'officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated person behind a request: from the token, never from the request body. */
export interface Actor {
  readonly user: string;
  readonly role: Role;
  /** Bodies the token names; 'all' only for an admin token issued for every body. */
  readonly bodies: readonly string[] | 'all';
}
