import { SingleBar } from 'cli-progress';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyRecord } from '#application/audit/record-verification';
import { EngineConfig } from '#engine/config';
import { Engine } from '#engine/engine';
import { ChainVerification, EventChains, SignedChainHead } from '#event-store';
import { withCommandEngine } from './command-engine';

export const chainUsage = `verify [--body ID] [--against HEADS.json]
  Recomputes every body's hash chain (or one body's) from the events table itself: each event's
  content hash, each link, the recorded head and every head the engine signed, and the audit
  trail against the log. Reports the first broken link of each chain (which event; altered,
  deleted, inserted, reordered or rewritten) and exits 1 if any. --against checks signed heads
  held elsewhere too (the JSON that chain heads printed).

chain sign
  Signs the head of every chain that moved since it was last signed (the engine does this every
  CHAIN_SIGN_INTERVAL_MS), and prints the signed heads as JSON.
chain heads [--body ID]
  Prints the latest signed head of each chain as JSON: keep a copy elsewhere (or publish it), so a
  rewrite of the whole events table shows against it.
chain key
  Prints the public key that checks the signatures (SPKI PEM).`;

const chainsOf = (engine: Engine): EventChains => {
  if (!engine.chains) throw new Error('this event store (EventStoreDB) keeps no hash chain of its own');
  return engine.chains;
};

/** `chain sign|heads|key`: what to print. */
export async function chainCommand(args: string[], config: EngineConfig, parts: { engine?: Engine } = {}) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { body: { type: 'string' } },
  });
  const [action] = positionals;
  if (action !== 'sign' && action !== 'heads' && action !== 'key')
    throw new Error(`say sign, heads or key\n${chainUsage}`);
  return withCommandEngine(config, parts.engine, async (engine) => {
    const chains = chainsOf(engine);
    if (action === 'key') return chains.publicKey.trim();
    const heads =
      action === 'sign' ? await chains.signMovedHeads() : await chains.latestSignedHeads(values.body);
    return JSON.stringify(heads, null, 2);
  });
}

function heldHeadsIn(file: string | undefined): SignedChainHead[] {
  if (file === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--against ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const heads = Array.isArray(parsed) ? parsed : [parsed];
  for (const head of heads)
    if (typeof head !== 'object' || head === null || !('signature' in head) || !('seq' in head))
      throw new Error(`--against ${file}: not the signed heads "chain heads" prints`);
  return heads as SignedChainHead[];
}

function lineOf(result: ChainVerification, seconds: number): string {
  const rate = Math.round(result.eventsChecked / Math.max(seconds, 0.001));
  const checked = `${result.eventsChecked} events, ${result.checkpointsChecked} signed heads, ${rate} events/s`;
  if (!result.firstBreak) return `${result.bodyId}: chain verified (${checked}); head ${result.head.hash}`;
  const { kind, seq, eventId, detail } = result.firstBreak;
  return `${result.bodyId}: chain BROKEN at event ${seq}${eventId ? ` (${eventId})` : ''}: ${kind}: ${detail}`;
}

/** `verify`: a line per body, and whether any chain is broken. */
export async function verifyCommand(
  args: string[],
  config: EngineConfig,
  parts: { engine?: Engine } = {},
): Promise<{ report: string; broken: boolean }> {
  const { values } = parseArgs({ args, options: { body: { type: 'string' }, against: { type: 'string' } } });
  const heldHeads = heldHeadsIn(values.against);
  return withCommandEngine(config, parts.engine, async (engine) => {
    const chains = chainsOf(engine);
    const bodies = values.body ? [values.body] : await chains.bodies();
    const lines: string[] = [];
    let broken = false;
    for (const bodyId of bodies) {
      const bar = new SingleBar({
        format: `${bodyId} {bar} {value}/{total} events | {rate} events/s | {eta_formatted} left`,
        clearOnComplete: true,
      });
      const started = Date.now();
      bar.start(0, 0, { rate: 0 });
      const record = await verifyRecord(engine, bodyId, {
        heldHeads,
        onProgress: (checked, total) => {
          bar.setTotal(total);
          bar.update(checked, { rate: Math.round(checked / Math.max((Date.now() - started) / 1000, 0.001)) });
        },
      });
      bar.stop();
      broken ||= !record.verified;
      lines.push(
        lineOf(record.store as ChainVerification, (Date.now() - started) / 1000),
        record.firstBrokenSeq === null
          ? `${bodyId}: audit trail follows from the log (${record.entriesChecked} entries)`
          : `${bodyId}: audit trail BROKEN at entry ${record.firstBrokenSeq}: it does not follow from the log`,
      );
    }
    if (bodies.length === 0) lines.push('no events recorded yet: nothing to verify');
    return { report: lines.join('\n'), broken };
  });
}
