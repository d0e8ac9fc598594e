import { RagStatus } from '#domain/action/rag-status';
import { StatusDisplay } from '#domain/body/body-settings';
import { RagReport } from '#projections/rag-history/rag-history.queries';
import { RegisterLine, RegisterStatus } from '#projections/action-register/register-as-at.queries';

/** The GOV.UK tag colour of each status: the tag's text says the status too, never colour alone. */
const TAG_CLASSES: Record<RegisterStatus, string> = {
  GREEN: 'govuk-tag--green',
  AMBER: 'govuk-tag--orange',
  RED: 'govuk-tag--red',
  WHITE: 'govuk-tag--grey',
  BLUE: 'govuk-tag--blue',
  NONE: 'govuk-tag--grey',
  CANCELLED: 'govuk-tag--grey',
};

/** The paper's order of the status key: good news first. */
export const KEY_ORDER: readonly RagStatus[] = ['GREEN', 'AMBER', 'RED', 'WHITE', 'BLUE'];

export function statusLabel(status: RegisterStatus, display: Readonly<Record<RagStatus, StatusDisplay>>) {
  if (status === 'NONE') return 'Not yet reported';
  if (status === 'CANCELLED') return 'Cancelled';
  return display[status].label;
}

export const statusTag = (status: RegisterStatus, display: Readonly<Record<RagStatus, StatusDisplay>>) => ({
  text: statusLabel(status, display),
  classes: TAG_CLASSES[status],
});

const signed = (change: number) => (change > 0 ? `+${change}` : change === 0 ? 'No change' : `${change}`);

/**
 * The status key of seed 000 with counts and percentages ("12/20 (60%)"), and each count's
 * movement since the quarter before.
 */
export function statusKey(
  report: RagReport,
  previous: RagReport,
  display: Readonly<Record<RagStatus, StatusDisplay>>,
) {
  const line = (
    status: RegisterStatus,
    count: RagReport['notReported'],
    before: RagReport['notReported'],
  ) => ({
    tag: statusTag(status, display),
    meaning:
      status === 'NONE' ? 'No status reported for the period yet' : display[status as RagStatus].meaning,
    now: `${count.count}/${report.total} (${count.percent}%)`,
    before: `${before.count}/${previous.total} (${before.percent}%)`,
    change: signed(count.count - before.count),
  });
  const rows = KEY_ORDER.map((status) => line(status, report.counts[status], previous.counts[status]));
  if (report.notReported.count > 0 || previous.notReported.count > 0)
    rows.push(line('NONE', report.notReported, previous.notReported));
  return rows;
}

export interface RegisterGroup {
  plan: string;
  theme: string | null;
  lines: RegisterLine[];
}

/** Lines under their plan and theme, as the paper sets them out (the lines come sorted by both). */
export function groupedByTheme(lines: readonly RegisterLine[]): RegisterGroup[] {
  const groups: RegisterGroup[] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    if (last && last.plan === line.plan && last.theme === line.theme) last.lines.push(line);
    else groups.push({ plan: line.plan, theme: line.theme, lines: [line] });
  }
  return groups;
}
