import { Action } from '../action/action.state';
import { Decision } from '../decision/decision.state';
import { latestNoticeDate } from '../decision/decision-compliance';
import { Meeting } from '../meeting/meeting.state';
import { IsoDate } from '../shared/event';
import { addDays } from '../shared/iso-date';
import { instantAt, localDateOf } from '../shared/time-zone';
import { contactNamed, ReminderSchedule } from './reminder-settings';

/** The recipient that stands for a person's manager in the directory, whoever that is when it goes out. */
export const MANAGER_OF = 'manager of ';
export const managerOf = (lead: string) => `${MANAGER_OF}${lead}`;

export type ReminderKind =
  | 'due soon'
  | 'due today'
  | 'overdue'
  | 'notice deadline'
  | 'call-in window closed'
  | 'agenda issue'
  | 'written answers';

export interface ReminderSubject {
  readonly type: 'action' | 'decision' | 'meeting';
  readonly id: string;
  readonly label: string;
}

/** One reminder the policy wants sent: to whom, when, about what. */
export interface PlannedReminder {
  readonly kind: ReminderKind;
  readonly subject: ReminderSubject;
  /** Contact name (resolved to an address when it is sent). */
  readonly recipient: string;
  /** The date the reminder is about (the due date, the meeting date...); part of its identity. */
  readonly targetDate: IsoDate;
  /** Days from the target date: negative before, positive after. */
  readonly offsetDays: number;
  readonly fireAt: string;
  readonly message: string;
}

/** The send hour of a day on the body's clock, as an instant. */
export const fireAt = (date: IsoDate, settings: ReminderSchedule): string =>
  instantAt(date, settings.sendHour, settings.timeZone);

/** The next time reminders go out at or after `at`: today's send hour, or tomorrow's once it has passed. */
export function nextSendTime(at: string, settings: ReminderSchedule): string {
  const day = localDateOf(at, settings.timeZone);
  const today = fireAt(day, settings);
  return today >= at ? today : fireAt(addDays(day, 1), settings);
}

/**
 * Reminders planned for the first time at `at`. Those still to come go as planned. Of those whose
 * time had already passed (an item entered late, already overdue, or a due date moved into the
 * past), only the most recent threshold goes out, once, at the next send hour, unless a planned
 * reminder goes out by then anyway: the recipient hears where the item stands now, not every
 * reminder it missed.
 */
export function firstPlanned(
  planned: readonly PlannedReminder[],
  at: string,
  settings: ReminderSchedule,
): PlannedReminder[] {
  const upcoming = planned.filter((reminder) => reminder.fireAt >= at);
  const missed = planned.filter((reminder) => reminder.fireAt < at);
  if (missed.length === 0) return upcoming;
  const next = nextSendTime(at, settings);
  if (upcoming.some((reminder) => reminder.fireAt <= next)) return upcoming;
  const latest = missed.reduce((max, reminder) => (reminder.fireAt > max ? reminder.fireAt : max), '');
  const catchUp = missed
    .filter((reminder) => reminder.fireAt === latest)
    .map((reminder) => ({ ...reminder, fireAt: next }));
  return [...catchUp, ...upcoming];
}

function reminder(
  settings: ReminderSchedule,
  subject: ReminderSubject,
  kind: ReminderKind,
  recipient: string,
  targetDate: IsoDate,
  offsetDays: number,
  message: string,
): PlannedReminder {
  return {
    kind,
    subject,
    recipient,
    targetDate,
    offsetDays,
    fireAt: fireAt(addDays(targetDate, offsetDays), settings),
    message,
  };
}

/**
 * An open action's reminders: to each lead before the due date and on it, then escalation to the
 * lead's manager (or the secretary) when overdue. Month and quarter due dates fall due at the end
 * of the period (the parsed date already is). TBC and Ongoing never fall due: no reminders; they
 * appear on the weekly no-due-date digest instead.
 */
export function actionReminders(
  actionId: string,
  action: Action,
  settings: ReminderSchedule,
): PlannedReminder[] {
  const due = action.dueDate?.date;
  if (!action.exists || action.lifecycle !== 'open' || !due) return [];
  const subject: ReminderSubject = { type: 'action', id: actionId, label: `${action.ref} ${action.title}` };
  const reminders: PlannedReminder[] = [];
  // An unassigned action's reminders go to the secretary, who must find it a lead.
  const leads = action.leadOfficers.length > 0 ? action.leadOfficers : [settings.secretary];
  const escalated = new Set<string>();
  for (const [index, lead] of leads.entries()) {
    for (const days of settings.daysBeforeDue.filter((d) => d > 0))
      reminders.push(
        reminder(
          settings,
          subject,
          'due soon',
          lead,
          due,
          -days,
          `Action ${action.ref} "${action.title}" is due on ${due} (in ${days} day${days === 1 ? '' : 's'}).`,
        ),
      );
    if (settings.onDueDay)
      reminders.push(
        reminder(
          settings,
          subject,
          'due today',
          lead,
          due,
          0,
          `Action ${action.ref} "${action.title}" is due today (${due}).`,
        ),
      );
    // The contact list's manager first; a lead who is a person of the directory, and not on the
    // list, escalates to their manager there (found when the reminder goes out); else the secretary.
    const contact = contactNamed(settings, lead);
    const isPerson = action.leadOfficers.length > 0 && action.leadPersonIds[index] != null;
    const escalateTo = contact?.manager ?? (!contact && isPerson ? managerOf(lead) : settings.secretary);
    // Two leads with the same manager (or none): that person hears once.
    if (escalated.has(escalateTo)) continue;
    escalated.add(escalateTo);
    for (const days of settings.escalateDaysAfter.filter((d) => d > 0))
      reminders.push(
        reminder(
          settings,
          subject,
          'overdue',
          escalateTo,
          due,
          days,
          `Action ${action.ref} "${action.title}" (${action.leadOfficers.length > 0 ? `lead ${lead}` : 'unassigned'}) is ${days} day${days === 1 ? '' : 's'} overdue: it was due on ${due}.`,
        ),
      );
  }
  return reminders;
}

/**
 * Whether an event that made `after` of `before` leaves the action's reminders as they were: what
 * `actionReminders` reads is unchanged (a status set, a progress note, a correction change none of
 * it). Leads compare as the same lists, so a reassignment to the same leads still counts as a change.
 */
export function sameActionReminders(before: Action, after: Action): boolean {
  return (
    before.exists === after.exists &&
    before.lifecycle === after.lifecycle &&
    before.dueDate?.date === after.dueDate?.date &&
    before.ref === after.ref &&
    before.title === after.title &&
    before.leadOfficers === after.leadOfficers &&
    before.leadPersonIds === after.leadPersonIds
  );
}

/**
 * A decision's reminders to the secretary: publish a key decision's notice in time for the 28
 * clear days (while it has none and no exception route), and act when the call-in window has closed.
 */
export function decisionReminders(
  decisionId: string,
  decision: Decision,
  settings: ReminderSchedule,
  noticeClearDays: number,
): PlannedReminder[] {
  const subject: ReminderSubject = { type: 'decision', id: decisionId, label: decision.subject };
  const reminders: PlannedReminder[] = [];
  const needsNotice =
    decision.stage === 'proposed' &&
    decision.keyDecision &&
    !decision.noticePublishedOn &&
    !decision.specialUrgency &&
    !decision.generalException;
  if (needsNotice && decision.expectedOn) {
    const latest = latestNoticeDate(decision.expectedOn, noticeClearDays);
    for (const days of settings.noticeDaysBefore)
      reminders.push(
        reminder(
          settings,
          subject,
          'notice deadline',
          settings.secretary,
          latest,
          -days,
          `Publish the notice of key decision "${decision.subject}" by ${latest} to take it on ${decision.expectedOn} (28 clear days).`,
        ),
      );
  }
  if (decision.stage === 'taken' && decision.callIn === 'open' && decision.callInClosesOn)
    reminders.push(
      reminder(
        settings,
        subject,
        'call-in window closed',
        settings.secretary,
        decision.callInClosesOn,
        1,
        `The call-in window for "${decision.subject}" closed at the end of ${decision.callInClosesOn}: record its closure, then implementation.`,
      ),
    );
  return reminders;
}

/** A meeting's reminders to the secretary: issue the agenda, chase the written answers. */
export function meetingReminders(
  meetingId: string,
  meeting: Meeting,
  boardName: string,
  settings: ReminderSchedule,
): PlannedReminder[] {
  if (meeting.stage !== 'scheduled') return [];
  const subject: ReminderSubject = { type: 'meeting', id: meetingId, label: `${boardName}, ${meeting.date}` };
  const reminders: PlannedReminder[] = [];
  if (!meeting.agendaIssuedOn)
    reminders.push(
      reminder(
        settings,
        subject,
        'agenda issue',
        settings.secretary,
        meeting.date,
        -settings.agendaIssueDaysBefore,
        `Issue the agenda for the ${boardName} meeting on ${meeting.date}.`,
      ),
    );
  const written = meeting.items.filter(
    (item) => !item.withdrawn && item.responseForm === 'written' && item.questions.length > 0,
  );
  if (written.length > 0)
    reminders.push(
      reminder(
        settings,
        subject,
        'written answers',
        settings.secretary,
        meeting.date,
        -settings.writtenAnswersDaysBefore,
        `Chase the written answers for the ${boardName} meeting on ${meeting.date}: ${written.map((i) => i.title).join('; ')}.`,
      ),
    );
  return reminders;
}
