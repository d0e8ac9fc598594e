import { MeetingSteps } from './meeting-steps';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newRecordId } from '#domain/shared/record-ids';
import { RequestContext } from '../http/command-context';
import { DatedDto } from '../actions/action.dto';
import { Actor } from '#engine/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { placeParam, uuidParam } from '../http/uuid-param';
import { TimeTravelQueryDto } from '../http/time-travel.dto';
import { ScheduleMeeting } from './board-commands';
import { GetMeetingPack, ListMeetings, meetingFor, meetingView } from './board-queries';
import {
  MeetingsQueryDto,
  AddAgendaItemDto,
  AttendanceDto,
  DeclarationDto,
  HoldMeetingDto,
  ReasonDto,
  ReorderAgendaDto,
  RescheduleMeetingDto,
  ScheduleMeetingDto,
} from './meeting.dto';

@ApiTags('boards')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: a repeated key writes nothing twice',
})
@Controller('boards')
export class MeetingsController extends MeetingSteps {
  constructor(
    commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(ENGINE) engine: Engine,
  ) {
    super(commands, engine);
  }

  @Post(':boardId/meetings')
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Schedule a meeting (date, time, place, public or private)' })
  schedule(
    @Param('boardId', uuidParam('boardId')) boardId: string,
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
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Query() query: MeetingsQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    const { from, to, asOf, knownAt } = query;
    return this.queries.execute(new ListMeetings(boardId, actor.bodies, { from, to }, { asOf, knownAt }));
  }

  @Get(':boardId/meetings/:meetingId')
  @ApiOperation({
    summary: 'One meeting: agenda, attendance, declarations, outcomes, minutes; asOf and knownAt',
  })
  async meeting(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Param('meetingId', uuidParam('meetingId')) meetingId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return meetingView((await meetingFor(this.engine, boardId, meetingId, actor.bodies, time)).meeting);
  }

  @Get(':boardId/meetings/:meetingId/pack')
  @ApiOperation({
    summary: 'The meeting pack: agenda, questions, updates on linked actions since the last meeting',
  })
  pack(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Param('meetingId', uuidParam('meetingId')) meetingId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetMeetingPack(boardId, meetingId, actor.bodies, time));
  }

  @Post(':boardId/meetings/:meetingId/rescheduling')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Move the meeting, with a reason' })
  reschedule(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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

  @Post(':boardId/meetings/:meetingId/confirmation')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Confirm a provisional meeting: its agenda may then be issued' })
  confirm(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Body() body: DatedDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'ConfirmMeeting', confirmedOn: this.dateOr(body.on) }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/cancellation')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Cancel the meeting, with a reason' })
  cancel(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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

  @Post(':boardId/meetings/:meetingId/declarations/:declaration/withdrawal')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({
    summary: 'Withdraw a declaration recorded in error (by its place in the list, from 0), before approval',
  })
  withdrawDeclaration(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Param('declaration', placeParam('declaration')) declaration: number,
    @Body() body: ReasonDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'WithdrawDeclaration', declaration, reason: body.reason }, body, r);
  }

  @Post(':boardId/meetings/:meetingId/holding')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record that the meeting was held; its items get their minute numbers' })
  hold(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
}
