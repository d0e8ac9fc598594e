import { randomUUID } from 'node:crypto';
import { Action } from '../action/action.state';
import { actionDecider } from '../action/action.decider';
import { ActionCommand } from '../action/action.commands';
import { Decision } from '../decision/decision.state';
import { decisionDecider } from '../decision/decision.decider';
import { initialMeeting } from '../meeting/meeting.state';
import { MeetingItem } from '../meeting/meeting.document';
import {
  actionReminders,
  decisionReminders,
  firstPlanned,
  meetingReminders,
  nextSendTime,
  sameActionReminders,
} from './reminder-policy';
import { DEFAULT_REMINDER_SETTINGS, ReminderSchedule, validReminderSettings } from './reminder-settings';

// On UTC's clock, so the thresholds read as plain dates; the body's own clock is tested below.
const settings: ReminderSchedule = {
  ...DEFAULT_REMINDER_SETTINGS,
  timeZone: 'UTC',
  contacts: { CR: { email: 'cr@example.test', webhookUrl: null, manager: 'DCC', dailyDigest: false } },
};

function action(dueDate: string, ...more: ActionCommand[]): Action {
  return actionLedBy(['CR', 'PS'], dueDate, ...more);
}

function actionLedBy(leadOfficers: string[], dueDate: string, ...more: ActionCommand[]): Action {
  const create: ActionCommand = {
    type: 'CreateAction',
    bodyId: 'b',
    ref: '7C02',
    plan: 'Plan',
    title: 'Balanced budget',
    leadOfficers,
    dueDate,
    yearStartMonth: 4,
    today: '2026-01-01',
  };
  return [create, ...more].reduce(
    (state, command) =>
      actionDecider
        .decide(command, state)
        .reduce((s, e) => actionDecider.evolve(s, { ...e, id: randomUUID() }), state),
    actionDecider.initialState(),
  );
}

const planned = (state: Action) => actionReminders('a1', state, settings);

describe('reminders for an action', () => {
  it('go to each lead 14, 7 and 1 days before and on the day, then escalate to their manager or the secretary', () => {
    const planned = actionReminders('a1', action('2026-03-20'), settings);
    const cr = planned.filter((r) => r.kind !== 'overdue' && r.recipient === 'CR').map((r) => r.fireAt);
    expect(cr).toEqual([
      '2026-03-06T08:00:00.000Z',
      '2026-03-13T08:00:00.000Z',
      '2026-03-19T08:00:00.000Z',
      '2026-03-20T08:00:00.000Z',
    ]);
    const escalations = planned
      .filter((r) => r.kind === 'overdue')
      .map((r) => [r.recipient, r.fireAt.slice(0, 10)]);
    expect(escalations).toEqual([
      ['DCC', '2026-03-21'],
      ['DCC', '2026-03-27'],
      ['Secretary', '2026-03-21'],
      ['Secretary', '2026-03-27'],
    ]);
  });

  it('escalate for a lead who is a person of the directory, and not on the contact list, to their manager there', () => {
    const state = actionDecider
      .decide(
        {
          type: 'CreateAction',
          bodyId: 'b',
          ref: '7C03',
          plan: 'Plan',
          title: 'Savings',
          leadOfficers: ['Carol Reid', 'CR', 'PS'],
          leadPersonIds: ['p-carol', null, null],
          dueDate: '2026-03-20',
          yearStartMonth: 4,
          today: '2026-01-01',
        },
        actionDecider.initialState(),
      )
      .reduce((s, e) => actionDecider.evolve(s, { ...e, id: randomUUID() }), actionDecider.initialState());
    const escalations = planned(state)
      .filter((r) => r.kind === 'overdue' && r.offsetDays === 1)
      .map((r) => r.recipient);
    expect(escalations).toEqual(['manager of Carol Reid', 'DCC', 'Secretary']);
  });

  it('go to the secretary while the action has no lead, saying it is unassigned', () => {
    const planned = actionReminders('a1', actionLedBy([], '2026-03-20'), settings);
    expect(new Set(planned.map((r) => r.recipient))).toEqual(new Set(['Secretary']));
    expect(planned.find((r) => r.kind === 'overdue')?.message).toMatch(/\(unassigned\) is 1 day overdue/);
  });

  it('escalate once to a person two leads share (the secretary here)', () => {
    const planned = actionReminders('a1', actionLedBy(['PS', 'KD'], '2026-03-20'), settings);
    const escalations = planned.filter((r) => r.kind === 'overdue').map((r) => [r.recipient, r.offsetDays]);
    expect(escalations).toEqual([
      ['Secretary', 1],
      ['Secretary', 7],
    ]);
  });

  it('entered late, send only the most recent threshold it missed, once, at the next send hour', () => {
    const planned = actionReminders('a1', actionLedBy(['CR'], '2026-03-20'), settings);
    // Entered 3 days overdue at 10:00: the 1-day escalation goes out tomorrow at 08:00; the 7-day one as planned.
    const late = firstPlanned(planned, '2026-03-23T10:00:00.000Z', settings);
    expect(late.map((r) => [r.kind, r.offsetDays, r.fireAt])).toEqual([
      ['overdue', 1, '2026-03-24T08:00:00.000Z'],
      ['overdue', 7, '2026-03-27T08:00:00.000Z'],
    ]);
    // Entered 10 days overdue: only the 7-day escalation, once, today at the send hour still to come.
    const later = firstPlanned(planned, '2026-03-30T07:00:00.000Z', settings);
    expect(later.map((r) => [r.kind, r.offsetDays, r.fireAt])).toEqual([
      ['overdue', 7, '2026-03-30T08:00:00.000Z'],
    ]);
    // Entered the afternoon before the due date: the due-day reminder comes next morning anyway.
    const dayBefore = firstPlanned(planned, '2026-03-19T15:00:00.000Z', settings);
    expect(dayBefore.map((r) => r.kind)).toEqual(['due today', 'overdue', 'overdue']);
    expect(nextSendTime('2026-03-19T08:00:00.000Z', settings)).toBe('2026-03-19T08:00:00.000Z');
  });

  it('fall due at the end of the month for a month-precision date like "Mar-18"', () => {
    const onTheDay = actionReminders('a1', action('Mar-18'), settings).find((r) => r.kind === 'due today');
    expect(onTheDay?.targetDate).toBe('2018-03-31');
  });

  it('never fall due for TBC or Ongoing, nor once the action is completed', () => {
    expect(actionReminders('a1', action('TBC'), settings)).toEqual([]);
    expect(actionReminders('a1', action('Ongoing'), settings)).toEqual([]);
    const done = action('2026-03-20', {
      type: 'Complete',
      commentary: 'Done.',
      completedOn: '2026-02-01',
      today: '2026-02-01',
    });
    expect(actionReminders('a1', done, settings)).toEqual([]);
  });
});

describe('an action whose reminders need no new plan', () => {
  // Another value for every field of an action: a field added to Action must be named here.
  const changed: { [Field in keyof Action]: Action[Field] } = {
    exists: false,
    bodyId: 'another body',
    ref: '7C03',
    plan: 'Another plan',
    theme: 'Another theme',
    title: 'Another title',
    leadOfficers: ['CR'],
    leadPersonIds: ['p-1', null],
    deliverable: 'A deliverable',
    objective: 'An objective',
    dueDate: { written: 'Sep-26', date: '2026-09-30', precision: 'month' },
    createdOn: '2025-01-01',
    exemption: { category: 3, reason: 'Commercial.' },
    status: 'RED',
    lifecycle: 'completed',
    lastReportedStatus: 'AMBER',
    latestStatusEventId: randomUUID(),
    correctable: new Map([[randomUUID(), 'ActionStatusSet']]),
  };

  it('is one whose every field the policy reads is as it was', () => {
    const before = action('2026-03-31');
    for (const field of Object.keys(changed) as (keyof Action)[]) {
      const after = { ...before, [field]: changed[field] };
      const replanned = JSON.stringify(actionReminders('a', after, settings));
      if (replanned !== JSON.stringify(actionReminders('a', before, settings)))
        expect([field, sameActionReminders(before, after)]).toEqual([field, false]);
    }
    // The fields a status or progress entry changes leave the plan alone.
    const reported = { ...before, status: 'RED' as const, correctable: changed.correctable };
    expect(sameActionReminders(before, reported)).toBe(true);
  });
});

describe('reminders for decisions and meetings', () => {
  it('remind the secretary to publish a key decision’s notice by the last lawful day', () => {
    const decision = decisionDecider
      .decide(
        {
          type: 'ProposeDecision',
          bodyId: 'b',
          subject: 'Contract',
          decisionMaker: 'PCC',
          expectedOn: '2026-04-15',
          keyDecision: true,
          significantPublicInterest: false,
          documents: [],
        },
        decisionDecider.initialState(),
      )
      .reduce(
        (s, e) => decisionDecider.evolve(s, { ...e, id: randomUUID() }),
        decisionDecider.initialState(),
      ) as Decision;
    const planned = decisionReminders('d1', decision, settings, 28);
    expect(planned.map((r) => [r.recipient, r.fireAt.slice(0, 10)])).toEqual([
      ['Secretary', '2026-03-10'],
      ['Secretary', '2026-03-17'],
    ]);
  });

  it('remind the secretary the day after a call-in window closes, and not once it is closed', () => {
    const periods = {
      keyDecisionNoticeClearDays: 28,
      generalExceptionClearDays: 5,
      callInWorkingDays: 5,
      bankHolidays: [],
    };
    const commands = [
      {
        type: 'ProposeDecision',
        bodyId: 'b',
        subject: 'Fleet',
        decisionMaker: 'PCC',
        expectedOn: '2026-06-01',
        keyDecision: false,
        significantPublicInterest: false,
        documents: [],
      },
      {
        type: 'TakeDecision',
        periods,
        decisionText: 'Buy.',
        reasons: 'Old.',
        alternativesRejected: [],
        conflictsOfInterest: [],
        dispensations: [],
        takenOn: '2026-06-01',
        decidedBy: 'PCC',
      },
      {
        type: 'PublishRecord',
        publishedOn: '2026-06-01',
        periods,
        subjectToCallIn: true,
        today: '2026-06-01',
      },
    ] as const;
    const fold = (list: readonly unknown[]) =>
      list.reduce<Decision>(
        (state, command) =>
          decisionDecider
            .decide(command as Parameters<typeof decisionDecider.decide>[0], state)
            .reduce((s, e) => decisionDecider.evolve(s, { ...e, id: randomUUID() }), state),
        decisionDecider.initialState(),
      );
    const open = fold(commands);
    expect(decisionReminders('d1', open, settings, 28).map((r) => [r.kind, r.fireAt.slice(0, 10)])).toEqual([
      ['call-in window closed', '2026-06-09'],
    ]);
    const closed = fold([...commands, { type: 'CloseCallInWindow', today: '2026-06-09' }]);
    expect(decisionReminders('d1', closed, settings, 28)).toEqual([]);
  });

  it('remind the secretary to issue the agenda and chase written answers', () => {
    const item = {
      itemId: 'i',
      title: 'Performance',
      withdrawn: null,
      responseForm: 'written',
      questions: ['Why?'],
    } as unknown as MeetingItem;
    const meeting = { ...initialMeeting(), stage: 'scheduled' as const, date: '2026-05-20', items: [item] };
    expect(
      meetingReminders('m1', meeting, 'SAB', settings).map((r) => [r.kind, r.fireAt.slice(0, 10)]),
    ).toEqual([
      ['agenda issue', '2026-05-13'],
      ['written answers', '2026-05-17'],
    ]);
  });
});

describe('reminder settings', () => {
  it('refuse a manager who is not a contact, naming the field', () => {
    expect(() =>
      validReminderSettings({
        ...settings,
        contacts: { CR: { ...settings.contacts.CR, manager: 'Nobody' } },
      }),
    ).toThrow(/reminders.contacts.CR.manager "Nobody" is not a contact/);
  });
});
