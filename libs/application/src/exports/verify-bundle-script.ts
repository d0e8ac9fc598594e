/**
 * The verifier shipped inside every auditor's bundle (verify-bundle.mjs): plain Node with no
 * packages, so an auditor checks a bundle from its own files alone. Its canonical JSON and chain
 * link are the engine's (`canonicalJson`, `chainHash`), written again here to stand apart from it;
 * the bundle test proves the two agree.
 */
export const VERIFY_BUNDLE_SCRIPT = String.raw`// Checks this auditor's bundle from its own files: node verify-bundle.mjs [folder]
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const folder = process.argv[2] ?? '.';
const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
const problems = [];

function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  return '{' + keys.map((key) => JSON.stringify(key) + ':' + canonical(value[key])).join(',') + '}';
}

for (const file of manifest.files) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(join(folder, file.name))) hash.update(chunk);
  const sha256 = hash.digest('hex');
  if (sha256 !== file.sha256) problems.push(file.name + ': SHA-256 is ' + sha256 + ', the manifest says ' + file.sha256);
}

let previous = manifest.previousChainHash;
let line = 0;
let brokenAt = null;
const lines = createInterface({ input: createReadStream(join(folder, 'events.jsonl')), crlfDelay: Infinity });
for await (const text of lines) {
  if (text === '') continue;
  line += 1;
  const event = JSON.parse(text);
  const link = canonical({
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
  });
  const expected = createHash('sha256').update(previous).update('\n').update(link).digest('hex');
  if (expected !== event.chainHash && brokenAt === null) {
    brokenAt = line;
    problems.push('events.jsonl line ' + line + ' (event ' + event.eventId + ', ' + event.type + '): its chainHash does not follow from the line before; it or an earlier line was altered, removed or moved');
  }
  previous = event.chainHash;
}
if (line !== manifest.events) problems.push('events.jsonl has ' + line + ' events; the manifest says ' + manifest.events);
if (previous !== manifest.chainHead) problems.push('the last chainHash is ' + previous + '; the manifest says ' + manifest.chainHead);

if (problems.length > 0) {
  console.log('NOT VERIFIED\n' + problems.join('\n'));
  process.exit(1);
}
console.log('VERIFIED: ' + manifest.files.length + ' files match the manifest; ' + line + ' events follow one from another to ' + manifest.chainHead);
`;
