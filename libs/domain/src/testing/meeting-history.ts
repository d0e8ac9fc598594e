import { MeetingCommand } from '../meeting/meeting.commands';
import { MeetingEvent } from '../meeting/meeting.events';
import { factOf } from './decider-scenario';

const fact = factOf<MeetingEvent>();

const item = (itemId: string, title = `Item ${itemId}`) => ({
  itemId,
  title,
  reportAuthor: 'Police and Crime Commissioner',
  questions: [],
  responseForm: null,
  linkedActionIds: [],
  linkedDecisionIds: [],
  assuranceMatterId: null,
  exemption: null,
});

/** A Police and Crime Panel meeting of 17 July 2015 in commands and in the facts the log holds. */
export const meetingHistory = {
  board: { code: 'PCP', actionLogPlan: 'Police and Crime Panel action log' },
  item,
  addItem: (itemId: string): MeetingCommand => ({ type: 'AddAgendaItem', ...item(itemId) }),
  holding: {
    type: 'HoldMeeting',
    heldOn: '2015-07-17',
    startTime: '12:30',
    endTime: '14:15',
  } as MeetingCommand,
  numbering: (firstMinuteNumber: number): MeetingCommand => ({ type: 'NumberMinutes', firstMinuteNumber }),
  scheduled: (date = '2015-07-17') =>
    fact(
      'MeetingScheduled',
      {
        bodyId: 'leics-pcp',
        boardId: 'board-1',
        date,
        time: '12:30',
        place: 'County Hall, Glenfield',
        access: 'public',
        provisional: false,
      },
      2,
    ),
  added: (itemId: string, title?: string) => fact('AgendaItemAdded', item(itemId, title)),
  held: (heldOn = '2015-07-17') => fact('MeetingHeld', { heldOn, startTime: '12:30', endTime: '14:15' }),
  numbered: (minuteNumbers: Record<string, number>) => fact('MinuteNumbersAssigned', { minuteNumbers }),
  /** The 25 June 2015 meeting held, its one item (minute 140) noted, its minutes drafted. */
  draftedJune: (noted = 'Noted.') => [
    meetingHistory.scheduled('2015-06-25'),
    meetingHistory.added('a'),
    meetingHistory.held('2015-06-25'),
    meetingHistory.numbered({ a: 140 }),
    fact('ItemOutcomeRecorded', {
      itemId: 'a',
      minuteNumber: 140,
      narrative: [],
      discussion: [],
      outcome: { kind: 'noted', text: noted },
    }),
    fact('MinutesDrafted', { draftedOn: '2015-06-30' }),
  ],
};
