import { Aggregate } from '../shared/aggregate';
import { meetingStream } from '../shared/record-ids';
import { MeetingCommand } from './meeting.commands';
import { meetingDecider } from './meeting.decider';
import { MeetingEvent } from './meeting.events';
import { Meeting } from './meeting.state';

export const MEETING: Aggregate<MeetingCommand, MeetingEvent, Meeting> = {
  decider: meetingDecider,
  streamOf: meetingStream,
  bodyOf: (meeting) => meeting.bodyId,
};
