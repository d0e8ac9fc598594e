import { csvOf } from '#application/exports/csv';
import { tableWorkbook } from '#application/exports/workbook';
import { Feed } from 'feed';
import ical from 'ical-generator';
import { DecisionView } from '../decisions/decision-queries';

// csvOf neutralises cells a spreadsheet would read as formulas: published text is the public's.
const PUBLIC_CSV = { header: true };

const FORWARD_PLAN_COLUMNS = [
  { header: 'id', width: 38 },
  { header: 'expected_on', width: 12 },
  { header: 'subject', width: 60 },
  { header: 'decision_maker', width: 28 },
  { header: 'key_decision', width: 8 },
  { header: 'significant_public_interest', width: 10 },
  { header: 'notice_published_on', width: 12 },
  { header: 'status', width: 16 },
  { header: 'compliance', width: 16 },
  { header: 'exempt_paragraph', width: 8 },
  { header: 'documents', width: 40 },
] as const;

const forwardPlanRows = (items: readonly DecisionView[]): string[][] =>
  items.map((d) => [
    d.id,
    d.expectedOn ?? '',
    d.subject,
    d.decisionMaker,
    d.keyDecision ? 'yes' : 'no',
    d.significantPublicInterest ? 'yes' : 'no',
    d.noticePublishedOn ?? '',
    d.status,
    d.compliance.status,
    String(d.exemption?.category ?? ''),
    d.documents.join('; '),
  ]);

/** Forthcoming decisions as CSV, one row each, for spreadsheets. */
export function forwardPlanCsv(items: readonly DecisionView[]): string {
  return csvOf([FORWARD_PLAN_COLUMNS.map((column) => column.header), ...forwardPlanRows(items)]);
}

/** The same as an Excel workbook. */
export function forwardPlanWorkbook(items: readonly DecisionView[]): Promise<Buffer> {
  return tableWorkbook('Forward plan', FORWARD_PLAN_COLUMNS, forwardPlanRows(items));
}

/** Taken decisions as CSV: the register in a spreadsheet. */
export function registerCsv(items: readonly DecisionView[]): string {
  return csvOf(
    items.map((d) => ({
      number: d.number ?? '',
      taken_on: d.taken?.takenOn ?? '',
      subject: d.subject,
      decision: d.taken?.decisionText ?? '',
      decision_maker: d.decisionMaker,
      decided_by: d.taken?.decidedBy ?? '',
      significant_public_interest: d.significantPublicInterest ? 'yes' : 'no',
      status: d.status,
      exempt_paragraph: d.exemption?.category ?? '',
    })),
    PUBLIC_CSV,
  );
}

export interface FeedEntry {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly date: string;
  readonly description: string;
}

/** New notices and published decisions, newest first: what a subscriber wants to hear of. */
export function publicationEntries(
  items: readonly DecisionView[],
  linkOf: (d: DecisionView) => string,
): FeedEntry[] {
  const entries = items.flatMap((d): FeedEntry[] => [
    ...(d.noticePublishedOn
      ? [
          {
            id: `${d.id}/notice`,
            title: `Notice: ${d.subject}`,
            link: linkOf(d),
            date: d.noticePublishedOn,
            description: `${d.decisionMaker} expects to decide on ${d.expectedOn}.${d.keyDecision ? ' Key decision.' : ''}`,
          },
        ]
      : []),
    ...(d.recordPublishedOn && d.taken
      ? [
          {
            id: `${d.id}/record`,
            title: `${d.title ?? 'Decision'}: ${d.subject}`,
            link: linkOf(d),
            date: d.recordPublishedOn,
            description: d.taken.decisionText,
          },
        ]
      : []),
  ]);
  return entries.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export function publicationFeed(
  format: 'atom' | 'rss',
  body: { id: string; name: string },
  selfLink: string,
  homeLink: string,
  entries: readonly FeedEntry[],
): string {
  const feed = new Feed({
    title: `${body.name}: forward plan notices and decisions`,
    description: 'New notices of forthcoming decisions and published decision records',
    id: homeLink,
    link: homeLink,
    copyright: body.name,
    updated: entries.length > 0 ? new Date(`${entries[0].date}T00:00:00Z`) : new Date(0),
    feedLinks: { [format]: selfLink },
  });
  // Atom titles and summaries go out as type="html", and readers take RSS titles and descriptions
  // as HTML too: escape them, so a subject shows as the text it is and its markup never runs.
  for (const entry of entries) {
    feed.addItem({
      id: entry.id,
      title: escapeHtml(entry.title),
      link: entry.link,
      date: new Date(`${entry.date}T00:00:00Z`),
      description: escapeHtml(entry.description),
    });
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Expected decision dates as all-day calendar entries, each linking back to its decision. */
export function forwardPlanCalendar(
  body: { id: string; name: string },
  items: readonly DecisionView[],
  linkOf: (d: DecisionView) => string,
): string {
  const calendar = ical({
    name: `${body.name}: forward plan`,
    prodId: { company: 'governance-engine', product: 'forward-plan' },
  });
  for (const d of items) {
    if (!d.expectedOn) continue;
    calendar.createEvent({
      id: `${d.id}@${body.id}.forward-plan`,
      start: new Date(`${d.expectedOn}T00:00:00Z`),
      allDay: true,
      summary: `${d.keyDecision ? 'Key decision' : 'Decision'}: ${d.subject}`,
      description: `${d.decisionMaker}. ${linkOf(d)}`,
      url: linkOf(d),
      stamp: new Date(d.updatedAt),
    });
  }
  return calendar.toString();
}
