import { SubscriptionTopic } from '#application/subscriptions/subscriptions';
import { MeetingDocument } from '#domain/meeting/meeting.document';
import { DecisionView } from '../decisions/decision-queries';
import { PublicMeeting } from './agenda';
import { decisionSummaryRows, longDate } from './html-pages';

/** An email's words; the text is plain (no markup to escape, nothing a mail client runs). */
export interface EmailWords {
  readonly subject: string;
  readonly text: string;
}

const TOPIC_WORDS: Record<SubscriptionTopic, string> = {
  decisions: 'decisions',
  agendas: 'agendas of meetings',
  minutes: 'minutes of meetings',
};

/** The topics as a reader says them: "decisions, agendas of meetings and minutes of meetings". */
export function topicsInWords(topics: readonly SubscriptionTopic[]): string {
  const words = topics.map((topic) => TOPIC_WORDS[topic]);
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : (words[0] ?? '');
}

export function confirmationEmail(
  bodyName: string,
  topics: readonly SubscriptionTopic[],
  link: string,
): EmailWords {
  return {
    subject: `Confirm your email updates from ${bodyName}`,
    text:
      `You asked for an email when ${bodyName} publishes ${topicsInWords(topics)}.\n\n` +
      `To start them, open this link and confirm:\n\n${link}\n\n` +
      'It works for 7 days. If you did not ask for this, ignore this email: nothing will be sent.\n',
  };
}

/** What ends every update: why it came, and how to stop them in one click. */
function footer(bodyName: string, topics: readonly SubscriptionTopic[], unsubscribe: string): string {
  return (
    `\n--\nYou get this because you asked ${bodyName} for email updates on ${topicsInWords(topics)}.\n` +
    `Stop them: ${unsubscribe}\n`
  );
}

/** A published decision, as its public record reads: never an exempt part. */
export function decisionEmail(
  bodyName: string,
  decision: DecisionView,
  link: string,
  subscription: { topics: readonly SubscriptionTopic[]; unsubscribe: string },
): EmailWords {
  const title = decision.title ? `${decision.title}: ${decision.subject}` : decision.subject;
  const rows = decisionSummaryRows(decision).map((row) => `${row.key.text}: ${row.value.text}`);
  return {
    subject: `Decision published: ${title}`,
    text:
      `${bodyName} has published the record of a decision.\n\n${title}\n\n${rows.join('\n')}\n\n` +
      (decision.exemption
        ? `Part of this decision is exempt information (Local Government Act 1972, Schedule 12A, paragraph ${decision.exemption.category}) and is not published.\n\n`
        : '') +
      `Read it: ${link}\n` +
      footer(bodyName, subscription.topics, subscription.unsubscribe),
  };
}

/** An issued agenda or published minutes of a public meeting, as the public pages show them. */
export function meetingEmail(
  topic: 'agendas' | 'minutes',
  bodyName: string,
  boardName: string,
  meeting: PublicMeeting,
  link: string,
  subscription: { topics: readonly SubscriptionTopic[]; unsubscribe: string },
): EmailWords {
  const when = `${longDate(meeting.date)}${meeting.time ? ` at ${meeting.time}` : ''}`;
  const items = meeting.agenda.map((item) => `${item.item}. ${item.title}`).join('\n');
  const opening =
    topic === 'agendas'
      ? `The agenda of the ${boardName} meeting on ${when}, ${meeting.place}, has been published.\n\n${items}\n\n`
      : `The minutes of the ${boardName} meeting on ${when} have been approved and published.\n\n`;
  return {
    subject: `${topic === 'agendas' ? 'Agenda' : 'Minutes'} published: ${boardName}, ${longDate(meeting.date)}`,
    text:
      `${opening}Read ${topic === 'agendas' ? 'it' : 'them'}: ${link}\n` +
      footer(bodyName, subscription.topics, subscription.unsubscribe),
  };
}

/**
 * An issued agenda to a member of the board: when, where, the business, and a link to the papers.
 * An exempt item is named by its paragraph only: an email travels further than the papers.
 */
export function membersAgendaEmail(
  bodyName: string,
  boardName: string,
  meeting: MeetingDocument,
  papers: string,
): EmailWords {
  const when = `${longDate(meeting.date)}${meeting.time ? ` at ${meeting.time}` : ''}`;
  const items = meeting.items
    .filter((item) => !item.withdrawn)
    .map((item, index) =>
      item.exemption
        ? `${index + 1}. Exempt item (Schedule 12A, paragraph ${item.exemption.category}): see the papers`
        : `${index + 1}. ${item.title}${item.reportAuthor ? ` (report by ${item.reportAuthor})` : ''}`,
    );
  return {
    subject: `Agenda issued: ${boardName}, ${longDate(meeting.date)}`,
    text:
      `The agenda for the meeting of the ${boardName} on ${when}, ${meeting.place}, has been issued.\n\n` +
      `${items.join('\n')}\n\nThe agenda and papers: ${papers}\n\n` +
      `--\nSent by ${bodyName} to the members of the ${boardName}.\n`,
  };
}
