import { createHash, randomUUID } from 'node:crypto';
import { nameBasedUuid } from './name-based-uuid';

/** RFC 4122's own namespace for domain names, and the version 5 id Python's uuid5 gives for one. */
const DNS_NAMESPACE = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');

/** The RFC's steps on bytes, as written in the RFC: the reference the engine's ids must match. */
function byTheRfc(namespace: Buffer, name: string): string {
  const bytes = createHash('sha1').update(namespace).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('a name-based UUID', () => {
  it('is the version 5 id the RFC gives for a name in a namespace', () => {
    expect(nameBasedUuid(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is the same as the RFC’s steps on bytes for any name, whatever its variant digit comes out as', () => {
    const variants = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const name = ['default', randomUUID(), 'due', `officer é ${i}`, '2025-03-31'].join('\u0000');
      const id = nameBasedUuid(DNS_NAMESPACE, name);
      expect(id).toBe(byTheRfc(DNS_NAMESPACE, name));
      variants.add(id[19]);
    }
    expect([...variants].sort()).toEqual(['8', '9', 'a', 'b']);
  });
});
