import { CommandBus } from '@nestjs/cqrs';
import { Engine } from '#engine/engine';
import { dateOrToday, RequestContext } from '../http/command-context';
import { VersionedDto } from '../actions/action.dto';
import { ChangeMeeting } from './board-commands';
import { RecordWritten } from './meeting-writes';
import { MeetingChange } from '#application/changes/meeting-changes';

/** What the controllers of a meeting's steps share: send a change, and date a step today unless told. */
export abstract class MeetingSteps {
  protected constructor(
    protected readonly commands: CommandBus,
    protected readonly engine: Engine,
  ) {}

  protected dateOr(date: string | undefined): string {
    return dateOrToday(date);
  }

  protected change(
    boardId: string,
    meetingId: string,
    change: MeetingChange,
    body: VersionedDto,
    request: RequestContext,
  ): Promise<RecordWritten> {
    return this.commands.execute(
      new ChangeMeeting(boardId, meetingId, change, body.expectedVersion, request),
    );
  }
}
