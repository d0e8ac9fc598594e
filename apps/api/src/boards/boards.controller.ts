import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newRecordId } from '#domain/shared/record-ids';
import { RequestContext } from '../http/command-context';
import { Actor } from '#engine/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { bodiesToRead, oneBody } from '../auth/body-scope';
import { uuidParam } from '../http/uuid-param';
import { TimeTravelQueryDto } from '../http/time-travel.dto';
import { ChangeBoard, EstablishBoard, PlanYearOfMeetings } from './board-commands';
import { RecordWritten } from './meeting-writes';
import { GetBoard, GetBoardActionLog, GetScheduleOfAssurance, ListBoards } from './board-queries';
import { BoardsQueryDto, MeetingsQueryDto, PlanYearDto } from './meeting.dto';
import { GetBoardAttendance } from './people-at-meetings';
import { AssuranceMatterDto, ChangeMembersDto, EstablishBoardDto, RetireMatterDto } from './board.dto';

@ApiTags('boards')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: a repeated key writes nothing twice',
})
@Controller('boards')
export class BoardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Establish a board (accountability board, panel, ...)' })
  establish(
    @Body() body: EstablishBoardDto,
    @CommandRequest() request: RequestContext,
  ): Promise<RecordWritten> {
    return this.commands.execute(new EstablishBoard(oneBody(request.actor, body.bodyId), body, request));
  }

  @Get()
  @ApiOperation({ summary: 'Boards of your body' })
  list(@Query() query: BoardsQueryDto, @CurrentActor() actor: Actor) {
    const { body, asOf, knownAt } = query;
    return this.queries.execute(new ListBoards(bodiesToRead(actor, body), { asOf, knownAt }));
  }

  @Get(':boardId')
  @ApiOperation({ summary: 'One board: members, cadence, schedule of assurance' })
  get(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetBoard(boardId, actor.bodies, time));
  }

  @Post(':boardId/calendar')
  @Roles('admin', 'secretary')
  @ApiOperation({
    summary:
      "Plan a year of meetings from the board's cadence, each provisional until confirmed; days it already meets are skipped",
  })
  planYear(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Body() body: PlanYearDto,
    @CommandRequest() request: RequestContext,
  ): Promise<{ scheduled: { id: string; date: string }[]; skipped: string[] }> {
    return this.commands.execute(
      new PlanYearOfMeetings(
        boardId,
        { from: body.from, time: body.time ?? null, place: body.place, access: body.access ?? 'public' },
        request,
      ),
    );
  }

  @Post(':boardId/members')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Replace the list of members and their roles' })
  members(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Body() body: ChangeMembersDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.commands.execute(
      new ChangeBoard(
        boardId,
        { type: 'ChangeMembers', members: body.members },
        body.expectedVersion,
        request,
      ),
    );
  }

  @Post(':boardId/assurance-matters')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Add a recurring matter to the schedule of assurance' })
  async scheduleMatter(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Body() body: AssuranceMatterDto,
    @CommandRequest() request: RequestContext,
  ) {
    const matterId = newRecordId('assurance-matter', boardId, request.actor.user, request.idempotencyKey);
    const { expectedVersion, ...matter } = body;
    const written: RecordWritten = await this.commands.execute(
      new ChangeBoard(
        boardId,
        { type: 'ScheduleAssuranceMatter', matterId, ...matter },
        expectedVersion,
        request,
      ),
    );
    return { ...written, matterId };
  }

  @Post(':boardId/assurance-matters/:matterId/retirement')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Take a matter off the schedule of assurance' })
  retireMatter(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Param('matterId', uuidParam('matterId')) matterId: string,
    @Body() body: RetireMatterDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.commands.execute(
      new ChangeBoard(
        boardId,
        { type: 'RetireAssuranceMatter', matterId, reason: body.reason },
        body.expectedVersion,
        request,
      ),
    );
  }

  @Get(':boardId/schedule-of-assurance')
  @ApiOperation({ summary: 'Each recurring matter: due, overdue or not, and whether the next agenda has it' })
  assurance(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetScheduleOfAssurance(boardId, actor.bodies, time));
  }

  @Get(':boardId/action-log')
  @ApiOperation({ summary: 'Every action the board raised, with its RAG, due date, last update and meeting' })
  actionLog(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetBoardActionLog(boardId, actor.bodies, time));
  }

  @Get(':boardId/attendance')
  @ApiOperation({
    summary: "Attendance at the board's held meetings between dates: each member present, apologies, absent",
  })
  attendance(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Query() query: MeetingsQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(
      new GetBoardAttendance(
        boardId,
        actor.bodies,
        { from: query.from, to: query.to },
        { asOf: query.asOf, knownAt: query.knownAt },
      ),
    );
  }
}
