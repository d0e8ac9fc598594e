import { ItemOutcome } from './meeting.events';
import { MeetingDocument } from './meeting.document';

function outcomeText(outcome: ItemOutcome): string[] {
  switch (outcome.kind) {
    case 'noted':
      return [outcome.text];
    case 'resolved':
      return outcome.parts.map((part) => part.text);
    case 'deferred':
      return [outcome.reason];
    default:
      return [];
  }
}

/**
 * The words of a meeting the public may read, for searching: its issued agenda and, once
 * published, its minutes; nothing of a private meeting, and of an exempt item not even its title.
 */
export function publicTextOf(meeting: MeetingDocument): string {
  if (meeting.access !== 'public' || meeting.agendaIssuedOn === null) return '';
  const items = meeting.items.filter((item) => !item.withdrawn);
  const open = items.filter((item) => item.exemption === null);
  const words = open.flatMap((item) => [item.title, item.reportAuthor ?? '']);
  if (meeting.minutes === 'published') {
    const exempt = new Set(items.filter((item) => item.exemption !== null).map((item) => item.itemId));
    words.push(
      ...(meeting.attendance?.present ?? []),
      ...meeting.declarations
        .filter((d) => !d.withdrawn && !(d.itemId && exempt.has(d.itemId)))
        .map((d) => `${d.member} ${d.nature}`),
      ...open.flatMap((item) => [
        ...(item.outcome?.narrative ?? []),
        ...(item.outcome?.discussion ?? []),
        ...(item.outcome ? outcomeText(item.outcome.outcome) : []),
        ...item.actions.map((action) => action.title),
        ...item.decisions.map((decision) => decision.subject),
      ]),
    );
  }
  return words.filter(Boolean).join('\n');
}
