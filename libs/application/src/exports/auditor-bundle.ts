import type archiver from 'archiver';
import { createHash } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { SqlQueryable } from '#database/sql-database';
import { EventStore, RecordedEvent, START_OF_LOG } from '#event-store/port';
import { registerAsAt } from '#projections/action-register/register-as-at.queries';
import { CHAIN_START, chainHash } from '#projections/audit-trail/audit-chain';
import { VerifiableRecord, verifyRecord } from '../audit/record-verification';
import { listDecisions } from '#projections/decisions/decisions.queries';
import { csvOf } from './csv';
import { VERIFY_BUNDLE_SCRIPT } from './verify-bundle-script';

/** Which of a body's events the bundle holds: all, or those recorded in a range of days. */
export interface BundleRequest {
  readonly bodyId: string;
  /** First and last day (inclusive) of recording, as ISO dates; the chain is verified across the whole log. */
  readonly from?: string;
  readonly to?: string;
  readonly createdAt: Date;
  /** Hears each event written (for a progress bar). */
  readonly onEvent?: () => void;
}

export interface BundleSummary {
  readonly events: number;
  readonly chainHead: string;
  readonly files: readonly { readonly name: string; readonly sha256: string; readonly bytes: number }[];
}

const README = (
  request: BundleRequest,
  summary: Omit<BundleSummary, 'files'>,
) => `The auditor's bundle of body "${request.bodyId}"
Made ${request.createdAt.toISOString()}${request.from || request.to ? `, events recorded from ${request.from ?? 'the start'} to ${request.to ?? 'the end'}` : ', every event'}.

events.jsonl        Every event of the body in the order of the log, one JSON object a line: its
                    place in the log, stream and revision, type and schema version as stored, its
                    data and metadata (who, role, when recorded, when effective, imported from
                    which file and row), when the store committed it, and chainHash: the SHA-256
                    of the previous event's chainHash, a newline, and the event's canonical JSON
                    (keys sorted) of {eventId, streamId, revision, type, schemaVersion, data,
                    metadata}. The body's first event follows 64 zeros.
registers/          The action register (statuses as at the day the bundle was made) and the
                    decision register, as CSV.
verification.json   The engine's check, when the bundle was made, that its audit trail matches
                    the log link by link; and the head of the chain (${summary.chainHead}).
manifest.json       Each file's SHA-256 and size, and the chain's head; previousChainHash is the
                    link before the first event in this bundle (64 zeros when it starts the log).
verify-bundle.mjs   Checks the bundle from its own files: node verify-bundle.mjs (in this folder).
                    It recomputes every file's SHA-256 against the manifest and every event's
                    chainHash from the one before, and says which line breaks the chain first.
`;

/** A file of the bundle as it streams into the zip, hashed and counted on the way. */
async function addFile(
  archive: archiver.Archiver,
  name: string,
  content: Readable | string,
  files: BundleSummary['files'][number][],
) {
  const hash = createHash('sha256');
  let bytes = 0;
  const counted = new PassThrough();
  counted.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const written = new Promise<void>((resolve, reject) => {
    const onEntry = (entry: archiver.EntryData) => {
      if (entry.name !== name) return;
      archive.off('entry', onEntry);
      resolve();
    };
    archive.on('entry', onEntry);
    archive.once('error', reject);
  });
  archive.append(counted, { name });
  (typeof content === 'string' ? Readable.from([Buffer.from(content)]) : content).pipe(counted);
  await written;
  files.push({ name, sha256: hash.digest('hex'), bytes });
}

/** The body's events in log order with their chain hashes, read a page at a time (constant memory). */
async function* eventLines(
  store: EventStore,
  request: BundleRequest,
  chain: { head: string; before: string; last: string; count: number },
) {
  let position = START_OF_LOG;
  let started = false;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ after: position, maxCount: 1000 });
    if (page.length === 0) return;
    position = page[page.length - 1].position;
    for (const event of page) {
      if (event.metadata.bodyId !== request.bodyId) continue;
      const previous = chain.head;
      chain.head = chainHash(previous, event);
      const day = event.metadata.recordedAt.slice(0, 10);
      if (request.to && day > request.to) return;
      if (request.from && day < request.from) {
        if (!started) chain.before = chain.head;
        continue;
      }
      started = true;
      chain.last = chain.head;
      chain.count += 1;
      request.onEvent?.();
      const { schemaVersion, data } = event.asStored ?? event;
      yield `${JSON.stringify({
        position: event.position,
        eventId: event.id,
        streamId: event.streamId,
        revision: event.revision,
        type: event.type,
        schemaVersion,
        data,
        metadata: event.metadata,
        storedAt: event.storedAt.toISOString(),
        chainHash: chain.head,
      })}\n`;
    }
  }
}

async function actionsCsv(db: SqlQueryable, request: BundleRequest): Promise<string> {
  const asOf = request.createdAt.toISOString().slice(0, 10);
  const { lines } = await registerAsAt(db, {
    bodyId: request.bodyId,
    asOf,
    sort: 'ref',
    limit: 1_000_000,
    offset: 0,
  });
  return csvOf([
    [
      'Plan',
      'Theme',
      'Ref',
      'Lead officer',
      'Strategic activity',
      'Due',
      'Status',
      'Update',
      'Status effective on',
      'Exempt',
    ],
    ...lines.map((line) => [
      line.plan,
      line.theme ?? '',
      line.ref,
      line.leadOfficers.join(', '),
      line.title,
      line.dueWritten,
      line.status,
      line.update ?? '',
      line.statusEffectiveOn ?? '',
      line.exempt ? 'yes' : 'no',
    ]),
  ]);
}

async function decisionsCsv(db: SqlQueryable, bodyId: string): Promise<string> {
  const rows: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listDecisions(db, { bodyIds: [bodyId], publicOnly: false, limit: 500, cursor });
    for (const { id, decision } of page.items)
      rows.push([
        decision.number === null ? '' : String(decision.number),
        id,
        decision.subject,
        decision.decisionMaker,
        decision.keyDecision ? 'yes' : 'no',
        decision.significantPublicInterest ? 'yes' : 'no',
        decision.stage,
        decision.taken?.takenOn ?? '',
        decision.recordPublishedOn ?? '',
      ]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return csvOf([
    [
      'Number',
      'Id',
      'Subject',
      'Decision maker',
      'Key decision',
      'Significant public interest',
      'Stage',
      'Taken on',
      'Record published on',
    ],
    ...rows,
  ]);
}

/**
 * Writes the auditor's bundle of one body as a zip to `out`: its events as JSON Lines with their
 * chain hashes, its registers as CSV, the engine's verification, a manifest of every file's
 * SHA-256, a README and a verifier that needs only Node. Events stream from the log into the zip.
 */
export async function writeAuditorBundle(
  parts: VerifiableRecord,
  request: BundleRequest,
  out: Writable,
): Promise<BundleSummary> {
  // archiver is loaded when a bundle is first made, not at every start.
  const zip = require('archiver') as typeof archiver;
  const archive = zip('zip', { zlib: { level: 6 } });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('finish', resolve);
    out.once('error', reject);
    archive.once('error', reject);
  });
  archive.pipe(out);
  const files: BundleSummary['files'][number][] = [];
  const chain = { head: CHAIN_START, before: CHAIN_START, last: CHAIN_START, count: 0 };
  await addFile(archive, 'events.jsonl', Readable.from(eventLines(parts.store, request, chain)), files);
  await addFile(archive, 'registers/actions.csv', await actionsCsv(parts.db, request), files);
  await addFile(archive, 'registers/decisions.csv', await decisionsCsv(parts.db, request.bodyId), files);
  const verification = await verifyRecord(parts, request.bodyId);
  const summary = { events: chain.count, chainHead: chain.count > 0 ? chain.last : chain.before };
  await addFile(
    archive,
    'verification.json',
    `${JSON.stringify(
      {
        ...verification,
        chainHead: summary.chainHead,
        signedHeads: (await parts.chains?.latestSignedHeads(request.bodyId)) ?? [],
        publicKey: parts.chains?.publicKey ?? null,
      },
      null,
      2,
    )}\n`,
    files,
  );
  await addFile(archive, 'README.txt', README(request, summary), files);
  await addFile(archive, 'verify-bundle.mjs', VERIFY_BUNDLE_SCRIPT, files);
  const manifest = {
    bodyId: request.bodyId,
    createdAt: request.createdAt.toISOString(),
    from: request.from ?? null,
    to: request.to ?? null,
    events: chain.count,
    previousChainHash: chain.before,
    chainHead: summary.chainHead,
    files,
  };
  archive.append(`${JSON.stringify(manifest, null, 2)}\n`, { name: 'manifest.json' });
  await archive.finalize();
  await finished;
  return { ...summary, files };
}
