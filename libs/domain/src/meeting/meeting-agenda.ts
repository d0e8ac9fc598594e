import { DomainError } from '../shared/domain-error';
import { requireIsoDate } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { MeetingEvent } from './meeting.events';
import type { MeetingCommand } from './meeting.commands';
import type { Meeting } from './meeting.state';
import { conflict, itemOf, texts, timeOf } from './meeting-rules';

/** Before the meeting is held: its date and place, the agenda, and holding it. */
export function decideBeforeMeeting(
  command: Extract<
    MeetingCommand,
    {
      type:
        | 'ConfirmMeeting'
        | 'RescheduleMeeting'
        | 'CancelMeeting'
        | 'AddAgendaItem'
        | 'ReorderAgenda'
        | 'WithdrawAgendaItem'
        | 'IssueAgenda'
        | 'HoldMeeting';
    }
  >,
  state: Meeting,
): MeetingEvent[] {
  switch (command.type) {
    case 'ConfirmMeeting':
      if (!state.provisional) throw conflict('MEETING_CONFIRMED', 'The meeting is not provisional.');
      return [
        {
          type: 'MeetingConfirmed',
          schemaVersion: 1,
          data: { confirmedOn: requireIsoDate(command.confirmedOn, 'confirmedOn') },
        },
      ];
    case 'RescheduleMeeting':
      return [
        {
          type: 'MeetingRescheduled',
          schemaVersion: 1,
          data: {
            date: requireIsoDate(command.date, 'date'),
            time: timeOf(command.time, 'time'),
            place: requiredText(command.place, 'place'),
            reason: requiredText(command.reason, 'reason'),
          },
        },
      ];
    case 'CancelMeeting':
      return [
        {
          type: 'MeetingCancelled',
          schemaVersion: 1,
          data: { reason: requiredText(command.reason, 'reason') },
        },
      ];
    case 'AddAgendaItem': {
      if (state.items.some((i) => i.itemId === command.itemId))
        throw conflict('ITEM_EXISTS', 'This item is already on the agenda.');
      const { type, ...item } = command;
      if (
        item.exemption &&
        (!Number.isInteger(item.exemption.category) ||
          item.exemption.category < 1 ||
          item.exemption.category > 7)
      )
        throw new DomainError(
          'INVALID_EXEMPTION_CATEGORY',
          'exemption.category must be a paragraph of Schedule 12A: 1-7',
          'invalid',
          'exemption.category',
        );
      return [
        {
          type: 'AgendaItemAdded',
          schemaVersion: 1,
          data: {
            ...item,
            title: requiredText(item.title, 'title'),
            reportAuthor: item.reportAuthor?.trim() || null,
            questions: texts(item.questions, 'questions'),
            exemption: item.exemption && {
              category: item.exemption.category,
              reason: requiredText(item.exemption.reason, 'exemption.reason'),
            },
          },
        },
      ];
    }
    case 'ReorderAgenda': {
      const current = state.items.filter((i) => !i.withdrawn).map((i) => i.itemId);
      const same =
        command.order.length === current.length && current.every((id) => command.order.includes(id));
      if (!same)
        throw new DomainError(
          'INVALID_ORDER',
          `order must list each item on the agenda exactly once: ${current.join(', ')}`,
          'invalid',
          'order',
        );
      return [{ type: 'AgendaItemsReordered', schemaVersion: 1, data: { order: command.order } }];
    }
    case 'WithdrawAgendaItem':
      if (itemOf(state, command.itemId).withdrawn)
        throw conflict('ITEM_WITHDRAWN', 'The item is already withdrawn.');
      return [
        {
          type: 'AgendaItemWithdrawn',
          schemaVersion: 1,
          data: { itemId: command.itemId, reason: requiredText(command.reason, 'reason') },
        },
      ];
    case 'IssueAgenda':
      if (state.provisional)
        throw conflict(
          'MEETING_PROVISIONAL',
          'The meeting is provisional: confirm it before issuing its agenda.',
        );
      return [
        {
          type: 'AgendaIssued',
          schemaVersion: 1,
          data: { issuedOn: requireIsoDate(command.issuedOn, 'issuedOn') },
        },
      ];
    case 'HoldMeeting':
      if (state.provisional)
        throw conflict(
          'MEETING_PROVISIONAL',
          'The meeting is provisional: confirm it before recording it as held.',
        );
      if (state.items.every((i) => i.withdrawn))
        throw conflict('AGENDA_EMPTY', 'A meeting with no agenda items cannot be held.');
      return [
        {
          type: 'MeetingHeld',
          schemaVersion: 1,
          data: {
            heldOn: requireIsoDate(command.heldOn, 'heldOn'),
            startTime: timeOf(command.startTime, 'startTime'),
            endTime: timeOf(command.endTime, 'endTime'),
          },
        },
      ];
  }
}
