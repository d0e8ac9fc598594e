import { Upcaster } from '../shared/upcasting';
import {
  AttendanceRecorded,
  BoardDecisionRequested,
  InterestDeclared,
  MeetingScheduled,
} from './meeting.events';

// Records of meetings made before the directory was: names only, no person identified.
export const MEETING_UPCASTERS: readonly Upcaster[] = [
  // Meetings scheduled before provisional ones existed were firm.
  {
    type: 'MeetingScheduled',
    fromVersion: 1,
    upcast: (data): MeetingScheduled['data'] => ({
      ...(data as Omit<MeetingScheduled['data'], 'provisional'>),
      provisional: false,
    }),
  },
  {
    type: 'AttendanceRecorded',
    fromVersion: 1,
    upcast: (data): AttendanceRecorded['data'] => ({
      ...(data as Omit<AttendanceRecorded['data'], 'people'>),
      people: {},
    }),
  },
  {
    type: 'InterestDeclared',
    fromVersion: 1,
    upcast: (data): InterestDeclared['data'] => ({
      ...(data as Omit<InterestDeclared['data'], 'memberPersonId'>),
      memberPersonId: null,
    }),
  },
  {
    type: 'BoardDecisionRequested',
    fromVersion: 1,
    upcast: (data): BoardDecisionRequested['data'] => ({
      ...(data as Omit<BoardDecisionRequested['data'], 'decisionMakerPersonId'>),
      decisionMakerPersonId: null,
    }),
  },
];
