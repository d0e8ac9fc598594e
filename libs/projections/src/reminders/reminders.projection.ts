import { SqlQueryable } from '#database/sql-database';
import { Action } from '#domain/action/action.state';
import { ACTION_EVENT_TYPES } from '#domain/action/action.events';
import { BOARD_EVENT_TYPES } from '#domain/board/board.events';
import { Board } from '#domain/board/board.state';
import { BodySettings } from '#domain/body/body-settings';
import { BodyEvent } from '#domain/body/body.events';
import { Decision } from '#domain/decision/decision.state';
import { DECISION_EVENT_TYPES } from '#domain/decision/decision.events';
import { Meeting } from '#domain/meeting/meeting.state';
import { MEETING_EVENT_TYPES } from '#domain/meeting/meeting.events';
import {
  actionReminders,
  decisionReminders,
  meetingReminders,
  PlannedReminder,
  sameActionReminders,
} from '#domain/reminder/reminder-policy';
import { ReminderSchedule, reminderScheduleOf } from '#domain/reminder/reminder-settings';
import { REMINDER_EVENT_TYPES, ReminderFailed, ReminderSent } from '#domain/reminder/reminder.events';
import { StoredDomainEvent } from '#domain/shared/event';
import { RecordedEvent } from '#event-store/port';
import { entityOfStream, idsStoredBefore, Projection } from '../projection';
import { ReminderRows } from './reminder-rows';
import { remindersMigrations } from './reminders.migrations';
import { isSubjectType, ReminderSubjects, Subject } from './reminder-subjects';

/** Plans reminders from the events of actions, decisions and meetings, and records what was sent. */
export const remindersProjection: Projection = {
  name: 'reminders',
  migrations: remindersMigrations,
  // Reminders are planned from actions, decisions, meetings (with their boards), the body's
  // settings, and record what was sent.
  handles: [
    ...ACTION_EVENT_TYPES,
    ...DECISION_EVENT_TYPES,
    ...MEETING_EVENT_TYPES,
    ...BOARD_EVENT_TYPES,
    'BodySettingsChanged',
    ...REMINDER_EVENT_TYPES,
  ],
  apply: (tx, event) => applyEvents(tx, [event]),
  applyBatch: applyEvents,
};
/**
 * Applies a batch: loads every subject, setting and reminder row it touches, folds the events in
 * order in memory (each replanning its subject as `at` its own recording), and writes each changed
 * row once. A change of a body's settings replans every subject of that body.
 */
async function applyEvents(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const subjects = new ReminderSubjects();
  const rows = new ReminderRows();
  const streams = events.map((event) => entityOfStream(event.streamId));
  // Subjects whose first event is in this batch have nothing stored yet: nothing to read back.
  const subjectIds = idsStoredBefore(events.filter((_, index) => isSubjectType(streams[index].entityType)));
  const resettled = events
    .filter((event) => event.type === 'BodySettingsChanged')
    .map((event) => event.metadata.bodyId);
  await subjects.load(tx, subjectIds, [...new Set(resettled)]);
  // A meeting's reminders name its board: those of the meetings held, and of those scheduled now.
  const boardsNamed = events
    .map((event) => (event.data as { boardId?: unknown }).boardId)
    .filter((id): id is string => typeof id === 'string');
  await subjects.load(tx, [...new Set([...boardsNamed, ...subjects.boardsMissing()])]);
  await subjects.loadSettings(tx, [...new Set(events.map((event) => event.metadata.bodyId))]);
  const reminderIds = streams.filter((stream) => stream.entityType === 'reminder').map((s) => s.entityId);
  const held = [
    ...new Set([...subjectIds, ...resettled.flatMap((body) => subjects.plannedOf(body).map((s) => s.id))]),
  ];
  await rows.load(tx, held, reminderIds);

  const replan = (subject: Subject, at: string) => {
    const settings = subjects.settingsOf(subject.bodyId);
    const schedule = reminderScheduleOf(settings);
    const planned = plannedFor(subject, schedule, settings, (id) => subjects.get(id));
    rows.replan(subject, planned, at, schedule);
  };
  events.forEach((recorded, index) => {
    const { entityType, entityId } = streams[index];
    const bodyId = recorded.metadata.bodyId;
    const at = recorded.metadata.recordedAt;
    if (entityType === 'reminder') {
      // From the event itself, so a rebuild keeps every reminder that went out (digests too).
      const event = recorded as unknown as RecordedEvent & (ReminderSent | ReminderFailed);
      rows.record(event, entityId, bodyId, at);
    } else if (entityType === 'body') {
      const event = recorded as unknown as RecordedEvent & BodyEvent;
      if (event.type !== 'BodySettingsChanged') return;
      subjects.changeSettings(bodyId, event.data.settings);
      // New thresholds or contacts: every subject of the body is planned again.
      for (const subject of subjects.plannedOf(bodyId)) replan(subject, at);
    } else if (isSubjectType(entityType)) {
      const event = recorded as unknown as StoredDomainEvent;
      const before = subjects.get(entityId)?.state;
      const subject = subjects.fold(entityType, entityId, bodyId, event, recorded.revision);
      if (subject && subject.type !== 'board' && !plansAlike(subject, before)) replan(subject, at);
    }
  });
  await subjects.write(tx);
  await rows.write(tx);
}

/**
 * Whether the subject's reminders stand as planned before its event: an action's status or progress
 * changes nothing the policy reads, and planning the same again later changes no row (the same
 * reminders, and a threshold passed over stays passed over), so most of an action's events plan
 * nothing (a third of a rebuild's time went on planning each subject again at each of its events).
 */
function plansAlike(subject: Subject, before: unknown): boolean {
  return (
    before !== undefined &&
    subject.type === 'action' &&
    sameActionReminders(before as Action, subject.state as Action)
  );
}

/** What the policy wants for one subject now. */
function plannedFor(
  subject: Subject,
  schedule: ReminderSchedule,
  settings: BodySettings,
  subjectOf: (id: string) => Subject | undefined,
): PlannedReminder[] {
  switch (subject.type) {
    case 'action':
      return actionReminders(subject.id, subject.state as Action, schedule);
    case 'decision':
      return decisionReminders(
        subject.id,
        subject.state as Decision,
        schedule,
        settings.statutoryPeriods.keyDecisionNoticeClearDays,
      );
    case 'meeting': {
      const meeting = subject.state as Meeting;
      const board = subjectOf(meeting.boardId)?.state as Board | undefined;
      return meetingReminders(subject.id, meeting, board?.name ?? 'board', schedule);
    }
    case 'board':
      return [];
  }
}
