import { Module } from '@nestjs/common';
import {
  ChangeBoardHandler,
  ChangeMeetingHandler,
  PlanYearOfMeetingsHandler,
  EstablishBoardHandler,
  ScheduleMeetingHandler,
} from './board-commands';
import {
  GetBoardActionLogHandler,
  GetBoardHandler,
  GetMeetingPackHandler,
  GetScheduleOfAssuranceHandler,
  ListBoardsHandler,
  ListMeetingsHandler,
} from './board-queries';
import { BoardsController } from './boards.controller';
import { InterestsController } from './interests.controller';
import { GetBoardAttendanceHandler, ListDeclarationsHandler } from './people-at-meetings';
import { MeetingsController } from './meetings.controller';
import { MinutesController } from './minutes.controller';

/**
 * Boards, their meetings and minutes, schedules of assurance and action logs, attendance and the
 * register of interests.
 */
@Module({
  controllers: [BoardsController, MeetingsController, MinutesController, InterestsController],
  providers: [
    EstablishBoardHandler,
    ChangeBoardHandler,
    ScheduleMeetingHandler,
    PlanYearOfMeetingsHandler,
    ChangeMeetingHandler,
    ListBoardsHandler,
    GetBoardHandler,
    GetScheduleOfAssuranceHandler,
    GetBoardActionLogHandler,
    ListMeetingsHandler,
    GetMeetingPackHandler,
    GetBoardAttendanceHandler,
    ListDeclarationsHandler,
  ],
})
export class BoardsModule {}
