import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { newRecordId } from '../../../../libs/application/src/record-ids';
import { isoDateOf } from '../../../../libs/domain/src/shared/iso-date';
import { RequestContext } from '../actions/action-commands';
import { DatedDto, VersionedDto } from '../actions/action.dto';
import { Actor } from '../auth/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { bodiesToRead, oneBody } from '../auth/body-scope';
import { Engine } from '../engine';
import { ENGINE } from '../engine.token';
import { IsCalendarDate, IsOptional } from '../http/validation';
import { HtmlPages } from '../publishing/html-pages';
import { minutesMarkdown, minutesOf } from '../publishing/minutes';
import {
  ChangeBoard,
  ChangeMeeting,
  EstablishBoard,
  MeetingChange,
  RecordWritten,
  ScheduleMeeting,
} from './board-commands';
import {
  GetBoard,
  GetBoardActionLog,
  GetMeetingPack,
  GetScheduleOfAssurance,
  ListBoards,
  ListMeetings,
  meetingFor,
  meetingView,
} from './board-queries';
import {
  AddAgendaItemDto,
  ApproveMinutesDto,
  AssuranceMatterDto,
  AttendanceDto,
  ChangeMembersDto,
  DeclarationDto,
  EstablishBoardDto,
  HoldMeetingDto,
  ReasonDto,
  RecordOutcomeDto,
  ReorderAgendaDto,
  RescheduleMeetingDto,
  RetireMatterDto,
  ScheduleMeetingDto,
} from './board.dto';

const uuid = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException({ message: `${field} must be a UUID`, field }),
  });

export class MeetingWindowDto {
  @ApiPropertyOptional({ example: '2015-01-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2015-12-31' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ description: 'Body id; `*` for every body (admins)' })
  @IsOptional()
  @IsString()
  body?: string;
}

@ApiTags('boards')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: a repeated key writes nothing twice',
})
@Controller('boards')
export class BoardsController {
  private readonly pages = new HtmlPages();

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(ENGINE) private readonly engine: Engine,
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
  list(@Query() query: MeetingWindowDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListBoards(bodiesToRead(actor, query.body)));
  }

  @Get(':boardId')
  @ApiOperation({ summary: 'One board: members, cadence, schedule of assurance' })
  get(@Param('boardId', uuid('boardId')) boardId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetBoard(boardId, actor.bodies));
  }

  @Post(':boardId/members')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Replace the list of members and their roles' })
  members(
    @Param('boardId', uuid('boardId')) boardId: string,
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
    @Param('boardId', uuid('boardId')) boardId: string,
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
    @Param('boardId', uuid('boardId')) boardId: string,
    @Param('matterId', uuid('matterId')) matterId: string,
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
  assurance(@Param('boardId', uuid('boardId')) boardId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetScheduleOfAssurance(boardId, actor.bodies));
  }

  @Get(':boardId/action-log')
  @ApiOperation({ summary: 'Every action the board raised, with its RAG, due date, last update and meeting' })
  actionLog(@Param('boardId', uuid('boardId')) boardId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetBoardActionLog(boardId, actor.bodies));
  }

  @Post(':boardId/meetings')
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Schedule a meeting (date, time, place, public or private)' })
  schedule(
    @Param('boardId', uuid('boardId')) boardId: string,
    @Body() body: ScheduleMeetingDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.commands.execute(
      new ScheduleMeeting(
        boardId,
        { date: body.date, time: body.time ?? null, place: body.place, access: body.access ?? 'public' },
        request,
      ),
    );
  }

  @Get(':boardId/meetings')
  @ApiOperation({ summary: 'The board’s meetings in date order' })
  meetings(
    @Param('boardId', uuid('boardId')) boardId: string,
    @Query() query: MeetingWindowDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new ListMeetings(boardId, actor.bodies, { from: query.from, to: query.to }));
  }

  @Get(':boardId/meetings/:meetingId')
  @ApiOperation({ summary: 'One meeting: agenda, attendance, declarations, outcomes, minutes' })
  async meeting(
    @Param('boardId', uuid('boardId')) boardId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @CurrentActor() actor: Actor,
  ) {
    return meetingView((await meetingFor(this.engine, boardId, meetingId, actor.bodies)).meeting);
  }

  @Get(':boardId/meetings/:meetingId/pack')
  @ApiOperation({
    summary: 'The meeting pack: agenda, questions, updates on linked actions since the last meeting',
  })
  pack(
    @Param('boardId', uuid('boardId')) boardId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetMeetingPack(boardId, meetingId, actor.bodies));
  }

  @Get(':boardId/meetings/:meetingId/minutes.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The minutes as a printable page (exempt items included for members)' })
  async minutesHtml(
    @Param('boardId', uuid('boardId')) boardId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @CurrentActor() actor: Actor,
  ): Promise<string> {
    const { board, meeting } = await meetingFor(this.engine, boardId, meetingId, actor.bodies);
    const minutes = minutesOf(meeting.meeting, board.board, 'members');
    return this.pages.render('minutes.njk', {
      title: `Minutes: ${board.board.name}`,
      body: { name: board.board.name },
      minutes,
    });
  }

  @Get(':boardId/meetings/:meetingId/minutes.md')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiProduces('text/markdown')
  @ApiOperation({ summary: 'The minutes as Markdown' })
  async minutesMarkdown(
    @Param('boardId', uuid('boardId')) boardId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @CurrentActor() actor: Actor,
  ): Promise<string> {
    const { board, meeting } = await meetingFor(this.engine, boardId, meetingId, actor.bodies);
    return minutesMarkdown(minutesOf(meeting.meeting, board.board, 'members'));
  }

  @Post(':boardId/meetings/:meetingId/rescheduling')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Move the meeting, with a reason' })
  reschedule(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: RescheduleMeetingDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'RescheduleMeeting',
        date: body.date,
        time: body.time ?? null,
        place: body.place,
        reason: body.reason,
      },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/cancellation')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Cancel the meeting, with a reason' })
  cancel(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: ReasonDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'CancelMeeting', reason: body.reason }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/agenda-items')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Add an item to the agenda, with the questions the force must answer' })
  async addItem(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: AddAgendaItemDto,
    @CommandRequest() r: RequestContext,
  ) {
    const itemId = newRecordId('agenda-item', m, r.actor.user, r.idempotencyKey);
    const written = await this.change(
      b,
      m,
      {
        type: 'AddAgendaItem',
        itemId,
        title: body.title,
        reportAuthor: body.reportAuthor ?? null,
        questions: body.questions ?? [],
        responseForm: body.responseForm ?? null,
        linkedActionIds: body.linkedActionIds ?? [],
        linkedDecisionIds: body.linkedDecisionIds ?? [],
        assuranceMatterId: body.assuranceMatterId ?? null,
        exemption: body.exemption ?? null,
      },
      body,
      r,
    );
    return { ...written, itemId };
  }

  @Post(':boardId/meetings/:meetingId/agenda-order')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Reorder the agenda' })
  reorder(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: ReorderAgendaDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'ReorderAgenda', order: body.order }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/agenda-items/:itemId/withdrawal')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Withdraw an item from the agenda, with a reason' })
  withdraw(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() body: ReasonDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'WithdrawAgendaItem', itemId, reason: body.reason }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/agenda-issue')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record that the agenda was issued' })
  issue(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: DatedDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'IssueAgenda', issuedOn: this.dateOr(body.on) }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/attendance')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record who was present, who gave apologies, and who was in attendance' })
  attendance(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: AttendanceDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'RecordAttendance',
        chair: body.chair,
        present: body.present,
        apologies: body.apologies ?? [],
        inAttendance: body.inAttendance ?? [],
      },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/declarations')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record a declaration of interest (member, item, nature)' })
  declare(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: DeclarationDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      { type: 'DeclareInterest', member: body.member, itemId: body.itemId ?? null, nature: body.nature },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/holding')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record that the meeting was held; its items get their minute numbers' })
  hold(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: HoldMeetingDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'HoldMeeting',
        heldOn: this.dateOr(body.on),
        startTime: body.startTime ?? null,
        endTime: body.endTime ?? null,
      },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/agenda-items/:itemId/outcome')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({
    summary:
      "Record an item's outcome: noted, resolved (with a vote), deferred, actions raised, decisions requested",
  })
  outcome(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() body: RecordOutcomeDto,
    @CommandRequest() r: RequestContext,
  ) {
    const o = body.outcome;
    const outcome =
      o.kind === 'noted'
        ? { kind: o.kind, text: o.text ?? '' }
        : o.kind === 'resolved'
          ? { kind: o.kind, parts: o.parts ?? [], vote: o.vote ?? null }
          : o.kind === 'deferred'
            ? { kind: o.kind, toMeetingId: o.toMeetingId ?? null, reason: o.reason ?? '' }
            : { kind: o.kind };
    return this.change(
      b,
      m,
      {
        type: 'RecordOutcome',
        itemId,
        narrative: body.narrative ?? [],
        discussion: body.discussion ?? [],
        outcome,
        actions: body.actions ?? [],
        decisions: body.decisions ?? [],
      },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/minutes-draft')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Mark the minutes drafted (every item needs its outcome)' })
  draft(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: DatedDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'DraftMinutes', draftedOn: this.dateOr(body.on) }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/minutes-approval')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record the minutes approved at a later meeting, under its minute number' })
  approve(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: ApproveMinutesDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'ApproveMinutes',
        approvedAtMeetingId: body.approvedAtMeetingId,
        minuteNumber: body.minuteNumber,
        approvedOn: this.dateOr(body.on),
      },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/minutes-publication')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Publish the approved minutes' })
  publish(
    @Param('boardId', uuid('boardId')) b: string,
    @Param('meetingId', uuid('meetingId')) m: string,
    @Body() body: DatedDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'PublishMinutes', publishedOn: this.dateOr(body.on) }, body, r);
  }

  private dateOr(date: string | undefined): string {
    return date ?? isoDateOf(this.engine.clock());
  }

  private change(
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
