import { BoardDocument } from '#domain/board/board.document';
import { MeetingDocument, MeetingItem } from '#domain/meeting/meeting.document';
import { Vote } from '#domain/meeting/vote';
import { weekdayOf } from '#domain/shared/iso-date';
import { longDate } from './html-pages';

/** One numbered minute as the document shows it. */
export interface MinuteView {
  readonly number: number;
  readonly title: string;
  readonly exempt: boolean;
  readonly paragraphs: readonly string[];
  readonly declarations: readonly string[];
  readonly discussion: readonly string[];
  /** "RESOLVED:", "ACTION:" ... or null for a plain noting. */
  readonly outcomeHeading: string | null;
  readonly outcomeLines: readonly string[];
  readonly voteLines: readonly string[];
  readonly actionLines: readonly string[];
}

/** The minutes of one meeting, in the shape boards publish them (the seed's, for the 17 July 2015 Panel). */
export interface MinutesView {
  readonly heading: string;
  readonly status: string;
  /** Each correction of the approved minutes, and the later minute that resolved it. */
  readonly corrections: readonly string[];
  readonly chair: string | null;
  readonly present: readonly string[];
  readonly apologies: readonly string[];
  readonly inAttendance: readonly string[];
  /** Declarations not placed under a "Declarations of interest" minute. */
  readonly declarations: readonly string[];
  readonly minutes: readonly MinuteView[];
  readonly closing: string | null;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const fullDate = (date: string) => `${WEEKDAYS[weekdayOf(date)]}, ${longDate(date)}`;
const DECLARATIONS = /declarations? of interest/i;

function voteLines(vote: Vote | null): string[] {
  if (!vote) return [];
  const lines = [`For ${vote.for}, against ${vote.against}, abstained ${vote.abstained}.`];
  for (const cast of ['for', 'against', 'abstained'] as const) {
    const names = vote.named.filter((n) => n.vote === cast).map((n) => n.member);
    if (names.length > 0)
      lines.push(`${cast === 'abstained' ? 'Abstained' : `Voted ${cast}`}: ${names.join(', ')}.`);
  }
  if (vote.castingVote)
    lines.push(`The chair, ${vote.castingVote.by}, gave a casting vote ${vote.castingVote.vote}.`);
  lines.push(vote.carried ? 'The motion was carried.' : 'The motion was lost.');
  return lines;
}

function outcomeOf(item: MeetingItem): { heading: string | null; lines: string[] } {
  const outcome = item.outcome?.outcome;
  switch (outcome?.kind) {
    case undefined:
      return { heading: null, lines: ['(Outcome not yet recorded.)'] };
    case 'noted':
      return { heading: null, lines: [outcome.text] };
    case 'resolved':
      return {
        heading: 'RESOLVED:',
        lines: outcome.parts.map((part) => (part.letter ? `(${part.letter}) ${part.text}` : part.text)),
      };
    case 'deferred':
      return { heading: 'DEFERRED:', lines: [outcome.reason] };
    case 'action raised':
      return { heading: 'ACTION RAISED:', lines: [] };
    case 'decision requested':
      return { heading: 'DECISION REQUESTED:', lines: [] };
  }
}

/** What the public may read of an exempt item: that it was considered, under which paragraph. */
function exemptMinute(item: MeetingItem, board: BoardDocument): MinuteView {
  return {
    number: item.minuteNumber as number,
    title: 'Exempt item',
    exempt: true,
    paragraphs: [
      `The ${board.name} considered an item containing exempt information (Local Government Act 1972, Schedule 12A, paragraph ${item.exemption?.category}). The public were excluded for this item.`,
    ],
    declarations: [],
    discussion: [],
    outcomeHeading: null,
    outcomeLines: [],
    voteLines: [],
    actionLines: [],
  };
}

/** The minutes document, built from the meeting's events; `public` leaves out exempt content. */
export function minutesOf(
  meeting: MeetingDocument,
  board: BoardDocument,
  audience: 'members' | 'public',
): MinutesView {
  const items = meeting.items.filter((item) => !item.withdrawn && item.minuteNumber !== null);
  const exemptItemIds = new Set(items.filter((i) => i.exemption).map((i) => i.itemId));
  const numberOf = new Map(items.map((item) => [item.itemId, item.minuteNumber as number]));
  const declarationLine = (d: MeetingDocument['declarations'][number]) => {
    if (audience === 'public' && d.itemId && exemptItemIds.has(d.itemId))
      return `${d.member} declared an interest in an exempt item.`;
    return `${d.member} declared ${d.nature}${d.itemId ? ` (Minute ${numberOf.get(d.itemId)} refers)` : ''}.`;
  };
  const declarationsItem = items.find((item) => DECLARATIONS.test(item.title));
  // A declaration withdrawn as recorded in error is not part of the minutes.
  const declarations = meeting.declarations.filter((d) => !d.withdrawn).map(declarationLine);
  const minutes = items.map((item): MinuteView => {
    if (audience === 'public' && item.exemption) return exemptMinute(item, board);
    const outcome = outcomeOf(item);
    return {
      number: item.minuteNumber as number,
      title: item.title,
      exempt: item.exemption !== null,
      paragraphs: item.outcome?.narrative ?? [],
      declarations: item === declarationsItem ? declarations : [],
      discussion: item.outcome?.discussion ?? [],
      outcomeHeading: outcome.heading,
      outcomeLines: outcome.lines,
      voteLines: item.outcome?.outcome.kind === 'resolved' ? voteLines(item.outcome.outcome.vote) : [],
      actionLines: [
        ...item.actions.map(
          (a) =>
            `Action ${a.ref}: ${a.title} (${a.owner}; due ${a.dueOn ? longDate(a.dueOn) : 'at the next meeting'}).`,
        ),
        ...item.decisions.map(
          (d) => `Decision requested: ${d.subject} (${d.decisionMaker}, by ${longDate(d.expectedOn)}).`,
        ),
      ],
    };
  });
  const chair = meeting.attendance?.chair ?? null;
  const held = meeting.held;
  return {
    heading: `Minutes of a meeting of the ${board.name} held at ${meeting.place} on ${fullDate(held?.heldOn ?? meeting.date)}.`,
    status:
      meeting.minutes === 'none' || meeting.minutes === 'drafted'
        ? 'Draft: not yet approved.'
        : `Approved at the meeting of ${meeting.approval ? longDate(meeting.approval.approvedOn) : ''} (minute ${meeting.approval?.minuteNumber}).`,
    corrections: meeting.corrections.map(
      (c) =>
        `Corrected by minute ${c.minuteNumber} of the meeting of ${longDate(c.correctedAt.date)}: ${c.correction}`,
    ),
    chair,
    present: (meeting.attendance?.present ?? []).filter((name) => name !== chair),
    apologies: meeting.attendance?.apologies ?? [],
    inAttendance: meeting.attendance?.inAttendance ?? [],
    declarations: declarationsItem ? [] : declarations,
    minutes,
    closing: held
      ? `${held.startTime && held.endTime ? `${held.startTime} - ${held.endTime}, ` : ''}${longDate(held.heldOn)}`
      : null,
  };
}

/** Markdown of the minutes: text that reads as the printed minutes do. */
export function minutesMarkdown(view: MinutesView): string {
  const md = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
  const lines: string[] = [`# ${md(view.heading)}`, '', `_${md(view.status)}_`, ''];
  for (const correction of view.corrections) lines.push(`> ${md(correction)}`, '');
  const list = (label: string, names: readonly string[]) => {
    if (names.length > 0) lines.push(`**${label}:** ${names.map(md).join('; ')}`, '');
  };
  if (view.chair)
    lines.push(`**Present:** ${md(view.chair)} (in the Chair); ${view.present.map(md).join('; ')}`, '');
  else list('Present', view.present);
  list('Apologies', view.apologies);
  list('In attendance', view.inAttendance);
  if (view.declarations.length > 0)
    lines.push('**Declarations of interest**', '', ...view.declarations.map((d) => `- ${md(d)}`), '');
  for (const minute of view.minutes) {
    lines.push(`## ${minute.number}. ${md(minute.title)}`, '');
    for (const paragraph of minute.paragraphs) lines.push(md(paragraph), '');
    if (minute.declarations.length > 0) lines.push(...minute.declarations.map((d) => md(d)), '');
    if (minute.discussion.length > 0)
      lines.push(
        'Arising from discussion, the following points were noted:',
        '',
        ...minute.discussion.map((d) => `- ${md(d)}`),
        '',
      );
    if (minute.outcomeHeading) lines.push(`**${minute.outcomeHeading}**`, '');
    if (minute.outcomeLines.length > 0) lines.push(...minute.outcomeLines.map((l) => md(l)), '');
    if (minute.voteLines.length > 0) lines.push(...minute.voteLines.map((l) => md(l)), '');
    if (minute.actionLines.length > 0) lines.push(...minute.actionLines.map((l) => `- ${md(l)}`), '');
  }
  if (view.closing) lines.push(`_${md(view.closing)}_`, '', 'CHAIRMAN', '');
  return lines.join('\n');
}
