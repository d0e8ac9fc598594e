import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '#engine/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { bodiesToRead, oneBody } from '../auth/body-scope';
import { ActionWritten, ChangeAction, CreateAction } from './action-commands';
import { RequestContext } from '../http/command-context';
import { ActionChange } from '#application/changes/action-changes';
import { GetAction, GetRagHistory, ListActions } from './action-queries';
import {
  CancelDto,
  ChangeDueDateDto,
  CloseDto,
  CompleteDto,
  CorrectEntryDto,
  CreateActionDto,
  ListActionsQueryDto,
  ReassignLeadDto,
  RecordProgressDto,
  ReopenDto,
  SetStatusDto,
} from './action.dto';
import { uuidParam } from '../http/uuid-param';
import { TimeTravelQueryDto } from '../http/time-travel.dto';

const actionId = uuidParam('id');

@ApiTags('actions')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: a repeated key writes nothing twice',
})
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Add an action to a plan' })
  create(@Body() body: CreateActionDto, @CommandRequest() request: RequestContext): Promise<ActionWritten> {
    return this.commands.execute(new CreateAction(oneBody(request.actor, body.bodyId), body, request));
  }

  @Get()
  @ApiOperation({ summary: 'List actions, filtered, a page at a time' })
  list(@Query() query: ListActionsQueryDto, @CurrentActor() actor: Actor) {
    const { body, q, limit, asOf, knownAt, ...filter } = query;
    return this.queries.execute(
      new ListActions({ ...filter, search: q, limit: limit ?? 50 }, bodiesToRead(actor, body), {
        asOf,
        knownAt,
      }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One action with its version; asOf and knownAt for where it stood then' })
  get(@Param('id', actionId) id: string, @Query() time: TimeTravelQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetAction(id, actor.bodies, time));
  }

  @Get(':id/rag-history')
  @ApiOperation({ summary: 'Every status the action has had, when, who and why; asOf and knownAt for then' })
  ragHistory(
    @Param('id', actionId) id: string,
    @Query() time: TimeTravelQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetRagHistory(id, actor.bodies, time));
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'secretary', 'officer')
  @ApiOperation({ summary: 'Record the RAG status for a period, with commentary' })
  setStatus(
    @Param('id', actionId) id: string,
    @Body() body: SetStatusDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { status, commentary, effectiveDate } = body;
    return this.change(
      id,
      { type: 'SetStatus', status, commentary, effectiveOn: effectiveDate },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/progress')
  @HttpCode(200)
  @Roles('admin', 'secretary', 'officer')
  @ApiOperation({ summary: 'Record a dated progress update' })
  progress(
    @Param('id', actionId) id: string,
    @Body() body: RecordProgressDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'RecordProgress', note: body.note, reportedOn: body.reportedOn },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/due-date')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Move the due date, with a reason' })
  dueDate(
    @Param('id', actionId) id: string,
    @Body() body: ChangeDueDateDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'ChangeDueDate', dueDate: body.dueDate, reason: body.reason },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/lead')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Reassign the lead officer(s), with a reason' })
  lead(
    @Param('id', actionId) id: string,
    @Body() body: ReassignLeadDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'ReassignLead', leadOfficers: body.leadOfficers, reason: body.reason },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('admin', 'secretary', 'officer')
  @ApiOperation({ summary: 'Record completion (BLUE)' })
  complete(
    @Param('id', actionId) id: string,
    @Body() body: CompleteDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'Complete', commentary: body.commentary, completedOn: body.completedOn },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Close a completed action' })
  close(
    @Param('id', actionId) id: string,
    @Body() body: CloseDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'Close', commentary: body.commentary, closedOn: body.closedOn },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Reopen a completed, closed or cancelled action' })
  reopen(
    @Param('id', actionId) id: string,
    @Body() body: ReopenDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { reason, status, reopenedOn } = body;
    return this.change(id, { type: 'Reopen', reason, status, reopenedOn }, body.expectedVersion, request);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Cancel an open action, with a reason' })
  cancel(
    @Param('id', actionId) id: string,
    @Body() body: CancelDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'Cancel', reason: body.reason, cancelledOn: body.cancelledOn },
      body.expectedVersion,
      request,
    );
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Correct an earlier status or progress entry; both stay in the history' })
  correct(
    @Param('id', actionId) id: string,
    @Body() body: CorrectEntryDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { expectedVersion, effectiveDate, ...rest } = body;
    return this.change(
      id,
      { type: 'CorrectEntry', ...rest, effectiveOn: effectiveDate },
      expectedVersion,
      request,
    );
  }

  private change(id: string, change: ActionChange, expectedVersion: number, request: RequestContext) {
    return this.commands.execute<ChangeAction, ActionWritten>(
      new ChangeAction(id, change, expectedVersion, request),
    );
  }
}
