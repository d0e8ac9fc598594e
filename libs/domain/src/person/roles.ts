/** What a person may do in one body; a person may hold different roles in different bodies. */
export const ROLES = ['admin', 'secretary', 'officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
