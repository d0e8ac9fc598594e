/** Keys written as JSON strings, kept: events repeat a few hundred keys millions of times. */
const quotedKeys = new Map<string, string>();
const MOST_KEYS_KEPT = 10_000;

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < MOST_KEYS_KEPT) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * JSON with object keys sorted, so the same value always hashes the same. jsonb reorders keys,
 * so hashes are never taken over what the database hands back as text. Written as loops, not
 * entries/filter/map: verifying a chain and building the audit trail spend most of their time here.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Many objects come with their keys in order already; sort() compares UTF-16 code units, as `<` does.
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const each = record[key];
    if (each === undefined) continue;
    out += `${first ? '' : ','}${quoted(key)}:${canonicalJson(each)}`;
    first = false;
  }
  return `${out}}`;
}
