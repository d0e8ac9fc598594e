import { localTimeLabelOf } from '#domain/shared/time-zone';
import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { DecisionView } from '../decisions/decision-queries';
import { projectRoot } from './project-root';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2026-04-15 → 15 April 2026, the GOV.UK style for dates. */
export function longDate(date: string | null | undefined): string {
  if (!date) return '';
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Where govuk-frontend's built files are, for the templates and for serving its CSS and assets. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** Server-rendered pages on the GOV.UK Design System; they need no JavaScript. */
export class HtmlPages {
  private readonly env = nunjucks.configure(
    [join(projectRoot(), 'apps', 'api', 'templates'), GOVUK_FRONTEND_DIST],
    { autoescape: true, throwOnUndefined: false },
  );

  constructor() {
    this.env.addFilter('longDate', longDate);
  }

  /** Times show on the publishing body's clock (`timeZone`), with its zone's name. */
  render(template: string, context: object, timeZone: string): string {
    return this.env.render(template, { generatedAt: localTimeLabelOf(new Date(), timeZone), ...context });
  }
}

/** The rows of a decision's summary list, in the order a reader looks for them. */
export function decisionSummaryRows(
  decision: DecisionView,
): { key: { text: string }; value: { text: string } }[] {
  const list = (items: readonly string[]) => (items.length > 0 ? items.join('; ') : 'None');
  const rows: [string, string][] = [
    ['Matter for decision', decision.subject],
    ['Decision maker', decision.decisionMaker],
    ['Status', decision.status],
    ['Key decision', decision.keyDecision ? 'Yes' : 'No'],
    ['Expected', longDate(decision.expectedOn)],
    ['Notice published', decision.noticePublishedOn ? longDate(decision.noticePublishedOn) : 'Not yet'],
    ['Documents', list(decision.documents)],
  ];
  if (decision.taken) {
    rows.push(
      ['Number', decision.title ?? 'Not yet numbered'],
      ['Decision', decision.taken.decisionText],
      ['Reasons', decision.taken.reasons],
      ['Alternatives considered and rejected', list(decision.taken.alternativesRejected)],
      ['Conflicts of interest declared', list(decision.taken.conflictsOfInterest)],
      ['Dispensations', list(decision.taken.dispensations)],
      ['Taken', `${longDate(decision.taken.takenOn)} by ${decision.taken.decidedBy}`],
    );
  }
  if (decision.recordPublishedOn) rows.push(['Record published', longDate(decision.recordPublishedOn)]);
  if (decision.callInClosesOn)
    rows.push(['Call-in', `Until the end of ${longDate(decision.callInClosesOn)} (${decision.callIn})`]);
  if (decision.implementedOn) rows.push(['Implemented', longDate(decision.implementedOn)]);
  if (decision.revocation) rows.push(['Revoked', longDate(decision.revocation.revokedOn)]);
  if (decision.supersededBy)
    rows.push([
      'Superseded',
      // The body numbers both in one series: its label is the one in this decision's title.
      `By ${decision.title?.replace(/\s*\d+$/, '') ?? 'decision'} ${decision.supersededBy.number} on ${longDate(decision.supersededBy.on)}`,
    ]);
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}
