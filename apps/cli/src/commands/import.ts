import { SingleBar } from 'cli-progress';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { importActions } from '#application/imports/action-import';
import { importDecisions } from '#application/imports/decision-import';
import { importMeetings } from '#application/imports/meeting-import';
import { registerFromFile } from '#application/imports/register-files';
import { EngineConfig } from '#engine/config';
import { withCommandEngine } from './command-engine';
import { Engine } from '#engine/engine';
import { actorOfPerson } from '#engine/person-actor';
import { findPerson, personIdByEmail } from '#projections/people/people.queries';
import {
  describeAction,
  describeDecision,
  describeMeeting,
  refusedLines,
  summaryOf,
} from '#application/imports/import-report';

export const importUsage = `import actions FILE.(csv|xlsx) --plan PLAN [--body ID] [--sheet NAME] [--ref-prefix PREFIX]
       [--year 2017/18] [--map "Header=field" ...] [--by EMAIL] [--dry-run | --partial]
  Imports an action register as a body keeps it: columns found by their headers (--map for odd
  ones), each row recorded as the events a person would have recorded (created, dated updates as
  progress, the status as at the update date), marked as imported from the file and row. A second
  run of the same file records nothing; a changed row records only its changes. The file goes in
  whole or not at all; --partial records the rows it can. --dry-run reports what each row would
  become and every row refused, with its cell and why. Refs left blank are made as PREFIX/001...
  (PREFIX defaults to the plan); a due date written Q4 is in --year (read from the plan's name
  when it holds one). --by names the person of the directory recording it (an admin or secretary).
  Exits 1 when a row is refused. On the embedded database, stop the server first.

import decisions FILE.(csv|xlsx) [--body ID] [--sheet NAME] [--map "Header=field" ...] [--by EMAIL]
       [--dry-run | --partial]
  Imports a decision log (number as written, e.g. Executive Order 73, with its series kept; date;
  decision maker; subject; key decision; significant public interest; published; notice): each
  decision proposed, taken, numbered and published as a secretary would have recorded it. Numbers
  must rise down the log and continue the body's register, which goes on after the last.

import meetings FILE.(csv|xlsx) [--body ID] [--sheet NAME] [--map "Header=field" ...] [--by EMAIL]
       [--dry-run | --partial]
  Imports a schedule of meetings (board by its name, date, time, place, public or private), each
  scheduled on its board; a place changed in the schedule moves a meeting not yet held.`;

/** Who the import is recorded as: a person of the directory (--by), or the command line's user. */
async function importer(engine: Engine, bodyId: string, email: string | undefined) {
  if (email === undefined) return { user: `command line (${userInfo().username})`, role: 'admin' };
  const id = await personIdByEmail(engine.db, email);
  const person = id ? await findPerson(engine.db, id, 'all') : null;
  const actor = person ? actorOfPerson(person, bodyId) : null;
  if (!actor || !['admin', 'secretary'].includes(actor.role))
    throw new Error(`--by ${email}: no admin or secretary of ${bodyId} has that email`);
  return { user: actor.user, role: actor.role };
}

/** Counts the rows first (a quick pass), so the progress bar knows its end. */
async function rowsIn(rows: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const row of rows) if (row) count += 1;
  return count;
}

/** `import actions|decisions|meetings FILE`: the report a secretary reads, and the number of rows refused. */
export async function importCommand(
  args: string[],
  config: EngineConfig,
  parts: { engine?: Engine } = {},
): Promise<{ report: string; refused: number }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      body: { type: 'string' },
      sheet: { type: 'string' },
      year: { type: 'string' },
      by: { type: 'string' },
      'ref-prefix': { type: 'string' },
      map: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
    },
  });
  const [what, file] = positionals;
  if (!['actions', 'decisions', 'meetings'].includes(what ?? '') || !file)
    throw new Error(`name what to import (actions, decisions or meetings) and the file\n${importUsage}`);
  if (what === 'actions' && !values.plan)
    throw new Error(`--plan is required: the plan the actions belong to\n${importUsage}`);
  if (values['dry-run'] && values.partial) throw new Error('give --dry-run or --partial, not both');
  const mode = values['dry-run'] ? 'dry-run' : values.partial ? 'partial' : 'all';
  const { source, notes } = await registerFromFile(file, {
    sheet: values.sheet,
    limits: config.importLimits,
  });
  return withCommandEngine(config, parts.engine, async (engine) => {
    const bodyId = values.body ?? config.defaultBody.id;
    const total = await rowsIn(source.rows());
    const bar = new SingleBar({
      format: 'importing {bar} {value}/{total} rows | {rate} rows/s',
      clearOnComplete: true,
    });
    const started = Date.now();
    bar.start(total, 0, { rate: 0 });
    const lines: string[] = [];
    const heard = (line: string) => {
      lines.push(line);
      bar.update(lines.length, {
        rate: Math.round(lines.length / Math.max((Date.now() - started) / 1000, 0.001)),
      });
    };
    const common = {
      bodyId,
      mode,
      map: values.map,
      actor: await importer(engine, bodyId, values.by),
      recordedAt: engine.clock(),
    } as const;
    let head: string[];
    let report;
    if (what === 'actions') {
      report = await importActions(engine, source, {
        ...common,
        plan: values.plan!,
        refPrefix: values['ref-prefix'],
        year: values.year,
        onRow: ({ row, decision }) => heard(describeAction(row, decision)),
      });
      head = summaryOf(report, `plan "${values.plan}"`, mode, `${report.counts.refsMade} refs made`);
    } else if (what === 'meetings') {
      report = await importMeetings(engine, source, {
        ...common,
        onRow: ({ row, decision }) => heard(describeMeeting(row, decision)),
      });
      head = summaryOf(report, `the boards of ${bodyId}`, mode, `${report.counts.new} meetings scheduled`);
    } else {
      report = await importDecisions(engine, source, {
        ...common,
        onRow: ({ row, decision }) => heard(describeDecision(row, decision)),
      });
      const next =
        report.nextNumber === null
          ? 'no number given yet'
          : `the register's next number is ${report.nextNumber}`;
      head = summaryOf(report, `the decision register of ${bodyId}`, mode, next);
    }
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    // The registers show the import once the read models have it: wait for them here.
    const lagging = report.lastPosition ? await engine.projector.waitFor(report.lastPosition, 600_000) : [];
    if (lagging.length > 0)
      notes.push(`still catching up (finished when the engine next runs): ${lagging.join(', ')}`);
    return {
      report: [
        ...head,
        ...notes,
        `${Math.round(total / Math.max(seconds, 0.001))} rows/s`,
        '',
        ...lines,
        ...refusedLines(report.refused),
      ].join('\n'),
      refused: report.refused.length,
    };
  });
}
