import { SingleBar } from 'cli-progress';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { RegisterRow } from '#domain/import/register-rows';
import { ActionImportReport, importActions } from '#application/imports/action-import';
import { RowDecision } from '#application/imports/import-run';
import { registerFromFile } from '#application/imports/register-files';
import { EngineConfig } from '#engine/config';
import { Engine, openEngine } from '#engine/engine';
import { actorOfPerson } from '#engine/person-actor';
import { findPerson, personIdByEmail } from '#projections/people/people.queries';

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
  Exits 1 when a row is refused. On the embedded database, stop the server first.`;

const STATUS_WORDS = { status: '', completed: 'completed', blank: 'no status', unreadable: '' } as const;

function describe(row: RegisterRow, decision: RowDecision): string {
  const status = row.status.kind === 'status' ? row.status.status : STATUS_WORDS[row.status.kind];
  const due = row.dueDate.written
    ? `${row.dueDate.written}${row.dueDate.date ? ` (${row.dueDate.date})` : ' (no date)'}`
    : 'none';
  const updates = row.updates.length === 1 ? '1 update' : `${row.updates.length} updates`;
  const events = decision.events.length === 1 ? '1 event' : `${decision.events.length} events`;
  return (
    `row ${row.rowNumber}: ${row.ref}${row.refGenerated ? ' (ref made)' : ''} "${row.title}"; ` +
    `lead ${row.lead ?? 'unassigned'}; due ${due}; ${status}; ${updates} → ${decision.kind}, ${events}` +
    decision.kept.map((kept) => `\n  kept: ${kept}`).join('')
  );
}

function summary(report: ActionImportReport, mode: string): string[] {
  const { counts } = report;
  const outcome =
    mode === 'dry-run'
      ? 'dry run: nothing is recorded'
      : report.recorded
        ? `recorded ${report.eventsRecorded} events`
        : 'nothing recorded: a row was refused (mend it, or give --partial to record the others)';
  return [
    `${report.file} (sha256 ${report.sha256.slice(0, 12)}...) into plan "${report.plan}": ${outcome}`,
    `columns: ${report.columns.map(({ field, header }) => `${field} ← "${header}"`).join(', ')}` +
      (report.unmatched.length ? `; not read: ${report.unmatched.map((h) => `"${h}"`).join(', ')}` : ''),
    `${counts.new + counts.changed + counts.unchanged} rows read (${counts.new} new, ${counts.changed} changed, ` +
      `${counts.unchanged} unchanged), ${counts.refused} refused, ${counts.blank} blank; ${counts.refsMade} refs made`,
    ...(report.atomic
      ? []
      : ['this event store writes one stream at a time: if the import stops part way, run it again']),
  ];
}

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

/** `import actions FILE`: the report a secretary reads, and the number of rows refused. */
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
  if (what !== 'actions' || !file) throw new Error(`name what to import and the file\n${importUsage}`);
  if (!values.plan) throw new Error(`--plan is required: the plan the actions belong to\n${importUsage}`);
  if (values['dry-run'] && values.partial) throw new Error('give --dry-run or --partial, not both');
  const mode = values['dry-run'] ? 'dry-run' : values.partial ? 'partial' : 'all';
  const { source, notes } = await registerFromFile(file, {
    sheet: values.sheet,
    limits: config.importLimits,
  });
  const engine =
    parts.engine ??
    (await openEngine(
      { ...config, remindersInProcess: false },
      { log: pino({ level: 'warn' }), runProcesses: false },
    ));
  try {
    const bodyId = values.body ?? config.defaultBody.id;
    const total = await rowsIn(source.rows());
    const bar = new SingleBar({
      format: 'importing {bar} {value}/{total} rows | {rate} rows/s',
      clearOnComplete: true,
    });
    const started = Date.now();
    bar.start(total, 0, { rate: 0 });
    const lines: string[] = [];
    let rows = 0;
    const report = await importActions(engine, source, {
      bodyId,
      plan: values.plan,
      refPrefix: values['ref-prefix'],
      map: values.map,
      year: values.year,
      mode,
      actor: await importer(engine, bodyId, values.by),
      recordedAt: engine.clock(),
      onRow: ({ row, decision }) => {
        lines.push(describe(row, decision));
        bar.update(++rows, { rate: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    // The registers show the import once the read models have it: wait for them here.
    const lagging = report.lastPosition ? await engine.projector.waitFor(report.lastPosition, 600_000) : [];
    if (lagging.length > 0)
      notes.push(`still catching up (finished when the engine next runs): ${lagging.join(', ')}`);
    return {
      report: [
        ...summary(report, mode),
        ...notes,
        `${Math.round(total / Math.max(seconds, 0.001))} rows/s`,
        '',
        ...lines,
        ...(report.refused.length > 0 ? ['', 'refused:'] : []),
        ...report.refused.map(
          (refused) =>
            `row ${refused.rowNumber}: ${refused.problems.map((p) => `${p.cell} ${p.text}`).join('; ')}`,
        ),
      ].join('\n'),
      refused: report.refused.length,
    };
  } finally {
    if (!parts.engine) await engine.close();
  }
}
