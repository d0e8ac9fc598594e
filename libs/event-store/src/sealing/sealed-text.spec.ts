import { randomBytes } from 'node:crypto';
import {
  ERASED_PERSON,
  isSealed,
  openSealed,
  rewriteStrings,
  sealedFor,
  sealText,
  stringsOf,
} from './sealed-text';

const personId = '3f1c6a2e-7b0d-5e55-9a61-0c7f2d4b8e19';

describe('a person’s words sealed with their key', () => {
  const key = randomBytes(32);

  it('opens again with the key, and names whose key it needs', () => {
    const sealed = sealText(personId, key, 'Chris Rowe');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Chris');
    expect(sealedFor(sealed)).toBe(personId);
    expect(openSealed(sealed, key)).toBe('Chris Rowe');
  });

  it('seals the same words differently each time', () => {
    expect(sealText(personId, key, 'Chris Rowe')).not.toBe(sealText(personId, key, 'Chris Rowe'));
  });

  it('reads as "erased person" once the key is destroyed, and refuses another key', () => {
    const sealed = sealText(personId, key, 'Chris Rowe');
    expect(openSealed(sealed, null)).toBe(ERASED_PERSON);
    expect(() => openSealed(sealed, randomBytes(32))).toThrow();
  });

  it('leaves words that are not sealed as they are', () => {
    expect(sealedFor('Chris Rowe')).toBeNull();
    expect(openSealed('sealed:v1:not-a-person:abc', null)).toBe('sealed:v1:not-a-person:abc');
  });
});

describe('rewriting the strings of an event', () => {
  const data = { leads: ['Chris Rowe', 'CR'], people: { 'Chris Rowe': personId }, count: 2, note: null };

  it('rewrites values and object keys alike, and nothing else', () => {
    const upper = rewriteStrings(data, (text) => (text === 'Chris Rowe' ? 'X' : text));
    expect(upper).toEqual({ leads: ['X', 'CR'], people: { X: personId }, count: 2, note: null });
  });

  it('hands back the very same value when nothing changes', () => {
    expect(rewriteStrings(data, (text) => text)).toBe(data);
  });

  it('lists every string, keys too', () => {
    expect([...stringsOf(data)].sort()).toEqual(
      ['CR', 'Chris Rowe', 'count', 'leads', 'note', 'people', personId].sort(),
    );
  });
});
