import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('writes the keys of every object in sorted order, at every depth', () => {
    expect(canonicalJson({ title: 'A', bodyId: 'b', dueDate: { written: 'March', date: null } })).toBe(
      '{"bodyId":"b","dueDate":{"date":null,"written":"March"},"title":"A"}',
    );
  });

  it('writes the same text for the same value whatever order its keys came in', () => {
    const asWritten = { ref: 'A1', plan: 'P', leadOfficers: ['x', 'y'], theme: null };
    const asJsonbAnswers = { ref: 'A1', plan: 'P', theme: null, leadOfficers: ['x', 'y'] };
    expect(canonicalJson(asJsonbAnswers)).toBe(canonicalJson(asWritten));
  });

  it('keeps the order of arrays and writes their missing values as null', () => {
    expect(canonicalJson([3, 1, undefined, { b: 1, a: 2 }])).toBe('[3,1,null,{"a":2,"b":1}]');
  });

  it('leaves out keys whose value is undefined', () => {
    expect(canonicalJson({ b: undefined, a: 1, c: undefined })).toBe('{"a":1}');
  });

  it('sorts keys that look like numbers as text, as the chain always has', () => {
    expect(canonicalJson({ 9: 'nine', 10: 'ten', a: 'a' })).toBe('{"10":"ten","9":"nine","a":"a"}');
  });

  it('escapes keys and strings as JSON does, the same each time a key comes again', () => {
    const value = { 'say "hi"\n': 'é\u2028', plain: 'x' };
    expect(canonicalJson([value, value])).toBe(
      `[${['{"plain":"x","say \\"hi\\"\\n":"é\u2028"}', '{"plain":"x","say \\"hi\\"\\n":"é\u2028"}'].join(',')}]`,
    );
  });

  it('writes a bare value as JSON, and nothing as null', () => {
    expect([
      canonicalJson('text'),
      canonicalJson(12.5),
      canonicalJson(true),
      canonicalJson(undefined),
    ]).toEqual(['"text"', '12.5', 'true', 'null']);
  });
});
