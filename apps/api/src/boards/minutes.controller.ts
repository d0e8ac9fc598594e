import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '#engine/actor';
import { Engine } from '#engine/engine';
import { RequestContext } from '../http/command-context';
import { DatedDto } from '../actions/action.dto';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { ENGINE } from '../engine.token';
import { uuidParam } from '../http/uuid-param';
import { TimeTravelQueryDto } from '../http/time-travel.dto';
import { HtmlPages } from '../publishing/html-pages';
import { minutesMarkdown, minutesOf } from '../publishing/minutes';
import { meetingFor } from './board-queries';
import { ApproveMinutesDto, CorrectMinutesDto } from './meeting.dto';
import { MeetingSteps } from './meeting-steps';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { AmendOutcomeDto, outcomeInputOf, RecordOutcomeDto } from './outcome.dto';

/** A held meeting's outcomes and its minutes: recorded, drafted, approved, published, read. */
@ApiTags('boards')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: a repeated key writes nothing twice',
})
@Controller('boards')
export class MinutesController extends MeetingSteps {
  private readonly pages = new HtmlPages();

  constructor(commands: CommandBus, @Inject(ENGINE) engine: Engine) {
    super(commands, engine);
  }

  @Get(':boardId/meetings/:meetingId/minutes.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The minutes as a printable page (exempt items included for members)' })
  async minutesHtml(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Param('meetingId', uuidParam('meetingId')) meetingId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<string> {
    const { board, meeting } = await meetingFor(this.engine, boardId, meetingId, actor.bodies, time);
    const minutes = minutesOf(meeting.meeting, board.board, 'members');
    return this.pages.render(
      'minutes.njk',
      { title: `Minutes: ${board.board.name}`, body: { name: board.board.name }, minutes },
      (await bodySettingsOf(this.engine.db, board.bodyId)).timeZone,
    );
  }

  @Get(':boardId/meetings/:meetingId/minutes.md')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiProduces('text/markdown')
  @ApiOperation({ summary: 'The minutes as Markdown' })
  async minutesMarkdown(
    @Param('boardId', uuidParam('boardId')) boardId: string,
    @Param('meetingId', uuidParam('meetingId')) meetingId: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<string> {
    const { board, meeting } = await meetingFor(this.engine, boardId, meetingId, actor.bodies, time);
    return minutesMarkdown(minutesOf(meeting.meeting, board.board, 'members'));
  }

  @Post(':boardId/meetings/:meetingId/agenda-items/:itemId/outcome')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({
    summary:
      "Record an item's outcome: noted, resolved (with a vote), deferred, actions raised, decisions requested",
  })
  outcome(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
    @Body() body: RecordOutcomeDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'RecordOutcome',
        itemId,
        narrative: body.narrative ?? [],
        discussion: body.discussion ?? [],
        outcome: outcomeInputOf(body.outcome),
        actions: body.actions ?? [],
        decisions: body.decisions ?? [],
      },
      body,
      r,
    );
  }

  @Post(':boardId/meetings/:meetingId/agenda-items/:itemId/outcome-amendment')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({
    summary:
      'Amend a draft minute before approval: the outcome as it now reads and why (approved minutes are never changed)',
  })
  amend(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
    @Body() body: AmendOutcomeDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'AmendOutcome',
        itemId,
        narrative: body.narrative ?? [],
        discussion: body.discussion ?? [],
        outcome: outcomeInputOf(body.outcome),
        reason: body.reason,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
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

  @Post(':boardId/meetings/:meetingId/minutes-correction')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({
    summary: 'Link a correction of approved minutes, resolved at a later meeting under its minute number',
  })
  correct(
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Body() body: CorrectMinutesDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(
      b,
      m,
      {
        type: 'CorrectApprovedMinutes',
        correctedAtMeetingId: body.correctedAtMeetingId,
        minuteNumber: body.minuteNumber,
        correction: body.correction,
        correctedOn: this.dateOr(body.on),
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
    @Param('boardId', uuidParam('boardId')) b: string,
    @Param('meetingId', uuidParam('meetingId')) m: string,
    @Body() body: DatedDto,
    @CommandRequest() r: RequestContext,
  ) {
    return this.change(b, m, { type: 'PublishMinutes', publishedOn: this.dateOr(body.on) }, body, r);
  }
}
