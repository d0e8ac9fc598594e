import { correctApprovedMinutes } from './minutes-correction';
import { DomainError } from '../shared/domain-error';
import { MeetingCommand } from './meeting.commands';
import { Decider, StoredDomainEvent } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { MeetingEvent } from './meeting.events';
import { decideBeforeMeeting } from './meeting-agenda';
import { amendOutcome, recordOutcome } from './meeting-outcome';
import { conflict, itemOf, texts, timeOf } from './meeting-rules';
import { unknownEventType } from '../shared/upcasting';
import { Meeting, initialMeeting } from './meeting.state';
import { MeetingDocument, MeetingItem } from './meeting.document';

export function decideMeeting(command: MeetingCommand, state: Meeting): MeetingEvent[] {
  if (command.type === 'ScheduleMeeting') {
    if (state.stage !== 'none') throw conflict('MEETING_EXISTS', 'This meeting is already scheduled.');
    return [
      {
        type: 'MeetingScheduled',
        schemaVersion: 2,
        data: {
          bodyId: command.bodyId,
          boardId: command.boardId,
          date: requireIsoDate(command.date, 'date'),
          time: timeOf(command.time, 'time'),
          place: requiredText(command.place, 'place'),
          access: command.access,
          provisional: command.provisional ?? false,
        },
      },
    ];
  }
  if (state.stage === 'none') throw new DomainError('MEETING_NOT_FOUND', 'No such meeting.', 'not_found');
  if (state.stage === 'cancelled') throw conflict('MEETING_CANCELLED', 'The meeting was cancelled.');
  switch (command.type) {
    case 'ConfirmMeeting':
    case 'RescheduleMeeting':
    case 'CancelMeeting':
    case 'AddAgendaItem':
    case 'ReorderAgenda':
    case 'WithdrawAgendaItem':
    case 'IssueAgenda':
    case 'HoldMeeting':
      if (state.stage === 'held')
        throw conflict(
          'MEETING_HELD',
          `The meeting was held on ${state.held?.heldOn}; its agenda is closed.`,
        );
      return decideBeforeMeeting(command, state);
    case 'RecordAttendance':
    case 'DeclareInterest':
    case 'WithdrawDeclaration':
      if (state.minutes === 'approved' || state.minutes === 'published')
        throw conflict('MINUTES_APPROVED', 'The minutes are approved; the record of the meeting is closed.');
      return decideRecordOfMeeting(command, state);
    default:
      if (state.stage !== 'held') throw conflict('MEETING_NOT_HELD', 'The meeting has not been held yet.');
      return decideAfterMeeting(command, state);
  }
}

function decideRecordOfMeeting(
  command: Extract<MeetingCommand, { type: 'RecordAttendance' | 'DeclareInterest' | 'WithdrawDeclaration' }>,
  state: Meeting,
): MeetingEvent[] {
  if (command.type === 'WithdrawDeclaration') {
    const declaration = state.declarations[command.declaration];
    if (!declaration)
      throw new DomainError(
        'DECLARATION_NOT_FOUND',
        `declaration ${command.declaration} is not one of the meeting's ${state.declarations.length}`,
        'invalid',
        'declaration',
      );
    if (declaration.withdrawn)
      throw conflict('DECLARATION_WITHDRAWN', 'The declaration is already withdrawn.');
    return [
      {
        type: 'InterestDeclarationWithdrawn',
        schemaVersion: 1,
        data: {
          declaration: command.declaration,
          member: declaration.member,
          reason: requiredText(command.reason, 'reason'),
        },
      },
    ];
  }
  if (command.type === 'DeclareInterest') {
    if (command.itemId !== null) itemOf(state, command.itemId);
    return [
      {
        type: 'InterestDeclared',
        schemaVersion: 2,
        data: {
          member: requiredText(command.member, 'member'),
          memberPersonId: command.memberPersonId ?? null,
          itemId: command.itemId,
          nature: requiredText(command.nature, 'nature'),
        },
      },
    ];
  }
  const present = texts(command.present, 'present');
  const apologies = texts(command.apologies, 'apologies');
  const both = present.find((name) => apologies.includes(name));
  if (both)
    throw new DomainError(
      'PRESENT_AND_APOLOGISED',
      `${both} is listed both as present and as giving apologies`,
      'invalid',
      'apologies',
    );
  const chair = requiredText(command.chair, 'chair');
  const inAttendance = texts(command.inAttendance, 'inAttendance');
  const named = new Set([chair, ...present, ...apologies, ...inAttendance]);
  // Only the names this record lists are kept: a person is identified where the minutes name them.
  const people = Object.fromEntries(Object.entries(command.people ?? {}).filter(([name]) => named.has(name)));
  return [
    {
      type: 'AttendanceRecorded',
      schemaVersion: 2,
      data: { chair, present, apologies, inAttendance, people },
    },
  ];
}

function decideAfterMeeting(
  command: Extract<
    MeetingCommand,
    {
      type:
        | 'NumberMinutes'
        | 'RecordOutcome'
        | 'AmendOutcome'
        | 'DraftMinutes'
        | 'ApproveMinutes'
        | 'PublishMinutes'
        | 'CorrectApprovedMinutes';
    }
  >,
  state: Meeting,
): MeetingEvent[] {
  switch (command.type) {
    case 'NumberMinutes': {
      const items = state.items.filter((i) => !i.withdrawn);
      if (items[0].minuteNumber === command.firstMinuteNumber) return [];
      if (items[0].minuteNumber !== null)
        throw conflict('MINUTES_NUMBERED', `The minutes are already numbered from ${items[0].minuteNumber}.`);
      const minuteNumbers = Object.fromEntries(
        items.map((item, i) => [item.itemId, command.firstMinuteNumber + i]),
      );
      return [{ type: 'MinuteNumbersAssigned', schemaVersion: 1, data: { minuteNumbers } }];
    }
    case 'RecordOutcome':
      return recordOutcome(command, state);
    case 'AmendOutcome':
      return amendOutcome(command, state);
    case 'DraftMinutes': {
      if (state.minutes !== 'none')
        throw conflict('MINUTES_DRAFTED', `The minutes are already ${state.minutes}.`);
      const missing = state.items.filter((i) => !i.withdrawn && !i.outcome).map((i) => i.minuteNumber);
      if (missing.length > 0)
        throw conflict('OUTCOMES_MISSING', `Record the outcome of minute ${missing.join(', ')} first.`);
      return [
        {
          type: 'MinutesDrafted',
          schemaVersion: 1,
          data: { draftedOn: requireIsoDate(command.draftedOn, 'draftedOn') },
        },
      ];
    }
    case 'ApproveMinutes': {
      if (state.minutes !== 'drafted')
        throw conflict(
          'MINUTES_NOT_DRAFTED',
          state.minutes === 'none' ? 'Draft the minutes first.' : `The minutes are already ${state.minutes}.`,
        );
      const at = command.approvingMeeting;
      if (at.boardId !== state.boardId || at.date <= state.date)
        throw new DomainError(
          'NOT_A_LATER_MEETING',
          'Minutes are approved at a later meeting of the same board.',
          'invalid',
          'approvedAtMeetingId',
        );
      if (!at.minuteNumbers.includes(command.minuteNumber))
        throw new DomainError(
          'NOT_A_MINUTE_OF_THAT_MEETING',
          `minute ${command.minuteNumber} is not a minute of the meeting of ${at.date}${at.minuteNumbers.length ? ` (${at.minuteNumbers[0]}-${at.minuteNumbers[at.minuteNumbers.length - 1]})` : ', which has not been held'}`,
          'invalid',
          'minuteNumber',
        );
      return [
        {
          type: 'MinutesApproved',
          schemaVersion: 1,
          data: {
            approvedAtMeetingId: at.meetingId,
            minuteNumber: command.minuteNumber,
            approvedOn: requireIsoDate(command.approvedOn, 'approvedOn'),
          },
        },
      ];
    }
    case 'CorrectApprovedMinutes':
      return correctApprovedMinutes(command, state);
    case 'PublishMinutes':
      if (state.minutes !== 'approved')
        throw conflict(
          'MINUTES_NOT_APPROVED',
          state.minutes === 'published'
            ? 'The minutes are already published.'
            : 'Minutes are published once approved.',
        );
      return [
        {
          type: 'MinutesPublished',
          schemaVersion: 1,
          data: { publishedOn: requireIsoDate(command.publishedOn, 'publishedOn') },
        },
      ];
  }
}

export function evolveMeeting(state: Meeting, event: StoredDomainEvent<MeetingEvent>): Meeting {
  const updateItem = (itemId: string, change: (item: MeetingItem) => MeetingItem) => ({
    ...state,
    items: state.items.map((item) => (item.itemId === itemId ? change(item) : item)),
  });
  switch (event.type) {
    case 'MeetingScheduled':
      return { ...state, stage: 'scheduled', ...event.data };
    case 'MeetingConfirmed':
      return { ...state, provisional: false };
    case 'MeetingRescheduled':
      return { ...state, date: event.data.date, time: event.data.time, place: event.data.place };
    case 'MeetingCancelled':
      return { ...state, stage: 'cancelled', cancellation: { reason: event.data.reason } };
    case 'AgendaItemAdded':
      return {
        ...state,
        items: [
          ...state.items,
          { ...event.data, withdrawn: null, minuteNumber: null, outcome: null, actions: [], decisions: [] },
        ],
      };
    case 'AgendaItemsReordered': {
      const position = (id: string) => {
        const at = event.data.order.indexOf(id);
        return at < 0 ? event.data.order.length : at;
      };
      return { ...state, items: [...state.items].sort((a, b) => position(a.itemId) - position(b.itemId)) };
    }
    case 'AgendaItemWithdrawn':
      return updateItem(event.data.itemId, (item) => ({ ...item, withdrawn: { reason: event.data.reason } }));
    case 'AgendaIssued':
      return { ...state, agendaIssuedOn: event.data.issuedOn };
    case 'AttendanceRecorded':
      return { ...state, attendance: event.data };
    case 'InterestDeclared':
      return { ...state, declarations: [...state.declarations, event.data] };
    case 'InterestDeclarationWithdrawn':
      return {
        ...state,
        declarations: state.declarations.map((declaration, i) =>
          i === event.data.declaration
            ? { ...declaration, withdrawn: { reason: event.data.reason } }
            : declaration,
        ),
      };
    case 'MeetingHeld':
      return { ...state, stage: 'held', held: event.data };
    case 'MinuteNumbersAssigned':
      return {
        ...state,
        items: state.items.map((item) => ({
          ...item,
          minuteNumber: event.data.minuteNumbers[item.itemId] ?? null,
        })),
      };
    case 'ItemOutcomeRecorded':
      return updateItem(event.data.itemId, (item) => ({ ...item, outcome: event.data }));
    case 'ItemOutcomeAmended': {
      const { amends: _before, reason: _reason, ...outcome } = event.data;
      return updateItem(event.data.itemId, (item) => ({ ...item, outcome }));
    }
    case 'BoardActionRaised':
      return updateItem(event.data.itemId, (item) => ({ ...item, actions: [...item.actions, event.data] }));
    case 'BoardDecisionRequested':
      return updateItem(event.data.itemId, (item) => ({
        ...item,
        decisions: [...item.decisions, event.data],
      }));
    case 'MinutesDrafted':
      return { ...state, minutes: 'drafted', minutesDraftedOn: event.data.draftedOn };
    case 'MinutesApproved':
      return { ...state, minutes: 'approved', approval: event.data };
    case 'MinutesPublished':
      return { ...state, minutes: 'published', minutesPublishedOn: event.data.publishedOn };
    case 'ApprovedMinutesCorrected':
      return { ...state, corrections: [...state.corrections, event.data] };
    default:
      return unknownEventType(event);
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, Meeting> = {
  initialState: initialMeeting,
  decide: decideMeeting,
  evolve: evolveMeeting,
};

/** Minute numbers a held meeting used, in order (for approving minutes "at minute 146"). */
export function minuteNumbersOf(meeting: MeetingDocument): number[] {
  return meeting.items
    .flatMap((item) => (item.minuteNumber === null ? [] : [item.minuteNumber]))
    .sort((a, b) => a - b);
}
