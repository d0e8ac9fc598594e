/**
 * JSON with object keys sorted, so the same value always hashes the same. jsonb reorders keys,
 * so hashes are never taken over what the database hands back as text. Written as loops, not
 * entries/filter/map: verifying a chain spends most of its time here.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // sort() compares UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const each = record[key];
    if (each === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(each)}`;
    first = false;
  }
  return `${out}}`;
}
