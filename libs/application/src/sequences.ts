import { DecisionNumberAssigned } from '#domain/decision/decision-numbering';
import { MinuteNumbersAllocated } from '#domain/meeting/meeting.events';
import { decisionNumbersStream, minuteNumbersStream } from '#domain/shared/record-ids';
import { SequenceKind } from './number-sequence';

/** Executive decision numbers: one per decision, per body. */
export const DECISION_NUMBERS: SequenceKind = {
  streamOf: decisionNumbersStream,
  eventOf: ({ ownerId, first }): DecisionNumberAssigned => ({
    type: 'DecisionNumberAssigned',
    schemaVersion: 1,
    data: { decisionId: ownerId, number: first },
  }),
  allocationOf: (event) => {
    const { decisionId, number } = event.data as DecisionNumberAssigned['data'];
    return { ownerId: decisionId, first: number, count: 1 };
  },
};

/** Minute numbers: a run per meeting, per board, continuing across its meetings. */
export const MINUTE_NUMBERS: SequenceKind = {
  streamOf: minuteNumbersStream,
  eventOf: ({ ownerId, first, count }): MinuteNumbersAllocated => ({
    type: 'MinuteNumbersAllocated',
    schemaVersion: 1,
    data: { meetingId: ownerId, first, count },
  }),
  allocationOf: (event) => {
    const { meetingId, first, count } = event.data as MinuteNumbersAllocated['data'];
    return { ownerId: meetingId, first, count };
  },
};
