import { DecisionLogRow } from '#domain/import/decision-log';
import { ScheduledMeetingRow } from '#domain/import/meeting-schedule';
import { RegisterRow } from '#domain/import/register-rows';
import { ImportOutcome, ImportReport, RowDecision } from './import-run';

const STATUS_WORDS = {
  status: '',
  completed: 'completed',
  cancelled: 'cancelled',
  blank: 'no status',
  unreadable: '',
} as const;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const became = (decision: RowDecision) =>
  ` → ${decision.kind}, ${plural(decision.events.length, 'event')}` +
  decision.kept.map((kept) => `\n  kept: ${kept}`).join('');

/** One row of an action register, and what it became. */
export function describeAction(row: RegisterRow, decision: RowDecision): string {
  const status = row.status.kind === 'status' ? row.status.status : STATUS_WORDS[row.status.kind];
  const due = row.dueDate.written
    ? `${row.dueDate.written}${row.dueDate.date ? ` (${row.dueDate.date})` : ' (no date)'}`
    : 'none';
  return (
    `row ${row.rowNumber}: ${row.ref}${row.refGenerated ? ' (ref made)' : ''} "${row.title}"; ` +
    `lead ${row.lead ?? 'unassigned'}; due ${due}; ${status}; ${plural(row.updates.length, 'update')}` +
    became(decision)
  );
}

/** One decision of a log, and what it became. */
export function describeDecision(row: DecisionLogRow, decision: RowDecision): string {
  const marks = [
    row.keyDecision && 'key decision',
    row.significantPublicInterest && 'significant public interest',
  ]
    .filter(Boolean)
    .join(', ');
  const by = `${row.decisionMaker}${marks ? ` (${marks})` : ''}`;
  if (row.number === null)
    return (
      `row ${row.rowNumber}: "${row.subject}" to come, expected ${row.expectedOn} of ${by}; ` +
      `${row.noticePublishedOn ? `notice published ${row.noticePublishedOn}` : 'no notice yet'}` +
      became(decision)
    );
  return (
    `row ${row.rowNumber}: ${row.series ? `${row.series} ` : ''}${row.number} "${row.subject}"; ` +
    `taken ${row.takenOn} by ${by}; ` +
    `${row.publishedOn ? `published ${row.publishedOn}` : 'not published'}` +
    became(decision)
  );
}

/** One meeting of a schedule, and what it became. */
export function describeMeeting(row: ScheduledMeetingRow, decision: RowDecision): string {
  return (
    `row ${row.rowNumber}: ${row.boardName} on ${row.date}${row.time ? ` at ${row.time}` : ''}, ${row.place} ` +
    `(${row.access})${became(decision)}`
  );
}

/** The report's head: the file, what was recorded, the columns read, the counts. */
export function summaryOf(report: ImportReport, into: string, mode: string, more: string): string[] {
  const { counts } = report;
  const outcome =
    mode === 'dry-run'
      ? 'dry run: nothing is recorded'
      : report.recorded
        ? `recorded ${report.eventsRecorded} events`
        : 'nothing recorded: a row was refused (mend it, or give --partial to record the others)';
  return [
    `${report.file} (sha256 ${report.sha256.slice(0, 12)}...) into ${into}: ${outcome}`,
    `columns: ${report.columns.map(({ field, header }) => `${field} ← "${header}"`).join(', ')}` +
      (report.unmatched.length ? `; not read: ${report.unmatched.map((h) => `"${h}"`).join(', ')}` : ''),
    `${counts.new + counts.changed + counts.unchanged} rows read (${counts.new} new, ${counts.changed} changed, ` +
      `${counts.unchanged} unchanged), ${counts.refused} refused, ${counts.blank} blank; ${more}`,
    ...(report.atomic
      ? []
      : ['this event store writes one stream at a time: if the import stops part way, run it again']),
  ];
}

/** Each refused row with its cells and why. */
export const refusedLines = (refused: ImportOutcome['refused']): string[] => [
  ...(refused.length > 0 ? ['', 'refused:'] : []),
  ...refused.map(
    (row) => `row ${row.rowNumber}: ${row.problems.map((p) => `${p.cell} ${p.text}`).join('; ')}`,
  ),
];
