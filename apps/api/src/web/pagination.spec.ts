import { pageNumberOf } from './pagination';

describe('the page a link asks for', () => {
  it('reads a whole number from 1', () => {
    expect(pageNumberOf('3')).toBe(3);
    expect(pageNumberOf(' 12 ')).toBe(12);
  });

  it('reads anything else as the first page', () => {
    for (const written of ['', '0', '-1', '1e400', '2.5', 'abc', undefined, ['2', '3']])
      expect(pageNumberOf(written)).toBe(1);
  });

  it('reads no page past a million, whose offset every database takes', () => {
    expect(pageNumberOf('9999999')).toBe(1_000_000);
    expect(pageNumberOf('99999999999999999999')).toBe(1);
  });
});
