import { SingleBar } from 'cli-progress';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeAuditorBundle } from '#application/exports/auditor-bundle';
import { EngineConfig } from '#engine/config';
import { withCommandEngine } from './command-engine';
import { Engine } from '#engine/engine';

export const exportUsage = `export bundle OUT.zip [--body ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  Writes the auditor's bundle of a body: every event in log order with its chain hash (those
  recorded from --from to --to, when given), the registers as CSV, the engine's verification, a
  manifest of SHA-256s, a README and verify-bundle.mjs, which checks the bundle from its own files.`;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `export bundle OUT.zip`: what was written, for the person to hand to their auditor. */
export async function exportCommand(
  args: string[],
  config: EngineConfig,
  parts: { engine?: Engine } = {},
): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { body: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  });
  const [what, out] = positionals;
  if (what !== 'bundle' || !out) throw new Error(`say bundle and the file to write\n${exportUsage}`);
  for (const [name, day] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const)
    if (day !== undefined && !ISO_DAY.test(day))
      throw new Error(`${name} "${day}" is not a day: write it as 2017-04-01`);
  return withCommandEngine(config, parts.engine, async (engine) => {
    const bodyId = values.body ?? config.defaultBody.id;
    const bar = new SingleBar({ format: 'bundling {value} events | {rate} events/s', clearOnComplete: true });
    const started = Date.now();
    let events = 0;
    bar.start(0, 0, { rate: 0 });
    const summary = await writeAuditorBundle(
      engine,
      {
        bodyId,
        from: values.from,
        to: values.to,
        createdAt: engine.clock(),
        onEvent: () => {
          events += 1;
          if (events % 1000 === 0)
            bar.update(events, { rate: Math.round(events / ((Date.now() - started) / 1000)) });
        },
      },
      createWriteStream(out),
    );
    bar.stop();
    return [
      `${out}: the auditor's bundle of ${bodyId}, ${summary.events} events, chain head ${summary.chainHead}`,
      ...summary.files.map((file) => `  ${file.name}  ${file.bytes} bytes  sha256 ${file.sha256}`),
      'Check it from its own files: unzip it, then node verify-bundle.mjs',
    ].join('\n');
  });
}
