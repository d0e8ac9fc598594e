import { RagStatus } from '#domain/action/rag-status';
import { StatusDisplay } from '#domain/body/body-settings';
import { localTimeLabelOf } from '#domain/shared/time-zone';
import { AuditEntry } from '#projections/audit-trail/audit-trail.queries';
import { longDate } from '../../../publishing/html-pages';

/** One entry of an action's timeline, newest first, as MoJ's timeline component lays it out. */
export interface TimelineEntry {
  id: string;
  heading: string;
  text: string | null;
  /** Who recorded it, and when, on the body's clock. */
  byline: string;
  recordedAt: string;
  /** The date it applies on, when that is not the day it was recorded. */
  effective: string | null;
  /** For a correction: the entry it corrects. For an entry corrected later: the correction. */
  corrects: string | null;
  correctedBy: string | null;
}

type Data = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

function headingOf(entry: AuditEntry, display: Readonly<Record<RagStatus, StatusDisplay>>): string {
  const data = entry.data as Data;
  const label = (status: unknown) => display[status as RagStatus]?.label ?? String(status);
  switch (entry.eventType) {
    case 'ActionCreated':
      return 'Action created';
    case 'ActionStatusSet':
      return `Status: ${label(data.status)}${data.reportingPeriod ? ` for ${data.reportingPeriod}` : ''}`;
    case 'ActionProgressRecorded':
      return 'Progress update';
    case 'ActionCompleted':
      return 'Completed';
    case 'ActionEntryCorrected':
      return data.status ? `Correction: status ${label(data.status)}` : 'Correction';
    default:
      return entry.summary;
  }
}

function textOf(entry: AuditEntry): string | null {
  const data = entry.data as Data;
  return (
    text(data.commentary) ??
    text(data.note) ??
    (entry.eventType === 'ActionCreated' ? text(data.title) : null) ??
    text(entry.reason)
  );
}

/**
 * The action's timeline from its audit trail: every status, update and change, who recorded it
 * and when, the date it is effective, and each correction beside the entry it puts right.
 */
export function actionTimeline(
  entries: readonly AuditEntry[],
  display: Readonly<Record<RagStatus, StatusDisplay>>,
  timeZone: string,
  names: ReadonlyMap<string, string>,
): TimelineEntry[] {
  const correctedBy = new Map<string, string>();
  for (const entry of entries)
    if (entry.eventType === 'ActionEntryCorrected')
      correctedBy.set(String((entry.data as Data).correctsEventId), entry.eventId);
  return entries
    .map((entry) => {
      const recorded = localTimeLabelOf(entry.recordedAt, timeZone);
      const effective =
        entry.effectiveAt && entry.effectiveAt !== recorded.slice(0, 10) ? longDate(entry.effectiveAt) : null;
      const correction = entry.eventType === 'ActionEntryCorrected' ? (entry.data as Data) : null;
      return {
        id: entry.eventId,
        heading: headingOf(entry, display),
        text: textOf(entry),
        byline: names.get(entry.actor) ?? entry.actor,
        recordedAt: recorded,
        effective,
        corrects: correction ? String(correction.correctsEventId) : null,
        correctedBy: correctedBy.get(entry.eventId) ?? null,
      };
    })
    .reverse();
}
