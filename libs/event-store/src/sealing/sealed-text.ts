import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A person's words in an event, sealed with that person's own key (AES-256-GCM): the text stored
 * in the log is `sealed:v1:<personId>:<iv, tag and ciphertext, base64url>`. The log's hashes cover
 * this text, so destroying the key (an erasure) leaves every hash as it was and the words unreadable.
 */
const PREFIX = 'sealed:v1:';
const SEALED = /^sealed:v1:([0-9a-f-]{36}):([A-Za-z0-9_-]+)$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What an erased person's words read as, wherever they were. */
export const ERASED_PERSON = 'erased person';

export const isSealed = (text: string): boolean => text.startsWith(PREFIX);

export function sealText(personId: string, key: Buffer, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${PREFIX}${personId}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/** The person whose key opens a sealed text, or null when the text is not sealed. */
export function sealedFor(text: string): string | null {
  return SEALED.exec(text)?.[1] ?? null;
}

/** The words again, with the person's key; "erased person" when the key is gone (null). */
export function openSealed(text: string, key: Buffer | null): string {
  const match = SEALED.exec(text);
  if (!match) return text;
  if (key === null) return ERASED_PERSON;
  const bytes = Buffer.from(match[2], 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}

/** Every string in a JSON value (object keys too), each rewritten by `rewrite`; the same value when none changes. */
export function rewriteStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => rewriteStrings(item, rewrite));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const [newKey, newItem] = [rewrite(key), rewriteStrings(item, rewrite)];
      changed ||= newKey !== key || newItem !== item;
      return [newKey, newItem];
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** Every string in a JSON value, object keys too. */
export function stringsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  rewriteStrings(value, (text) => {
    into.add(text);
    return text;
  });
  return into;
}
