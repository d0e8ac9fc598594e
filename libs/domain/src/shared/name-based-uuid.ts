import { hash } from 'node:crypto';

/** The variant's hex digit (binary 10xx) for each value of a hash digit's low two bits. */
const RFC_VARIANT = '89ab';

/**
 * A name-based UUID (RFC 4122 v5): the same namespace and name always give the same id. The
 * SHA-1 is taken in one call and set as text (version 5, the RFC's variant): a Hash object and a
 * buffer per id showed in the reminders' rebuild, which names every reminder it plans.
 */
export function nameBasedUuid(namespace: Buffer, name: string): string {
  const hex = hash('sha1', Buffer.concat([namespace, Buffer.from(name)]), 'hex');
  const variant = RFC_VARIANT[Number.parseInt(hex[16], 16) & 3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
