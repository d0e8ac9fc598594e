import { requireIsoDate } from './iso-date';
import { quoted } from './domain-error';

describe('what a refusal quotes of what was written', () => {
  it('quotes a short value whole', () => {
    expect(quoted('31/2/2015')).toBe('"31/2/2015"');
    expect(quoted(42)).toBe('"42"');
  });

  it('quotes the first 60 characters of a long one, and says there was more', () => {
    expect(quoted('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…"`);
    expect(quoted('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
  });

  it('keeps a date refusal to one line when a page was pasted into the field', () => {
    expect(() => requireIsoDate('x'.repeat(5_000), 'dueDate')).toThrow(
      `dueDate "${'x'.repeat(60)}…" is not a date; use YYYY-MM-DD`,
    );
  });
});
