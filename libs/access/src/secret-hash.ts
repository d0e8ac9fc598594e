import { createHash } from 'node:crypto';

/** How a secret handed out (a sign-in link's, an API token) is kept: its SHA-256, never itself. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');
