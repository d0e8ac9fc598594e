import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionStage } from '#domain/decision/decision.document';
import { dateOrToday, RequestContext } from '../http/command-context';
import { Actor } from '#engine/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { bodiesToRead, oneBody } from '../auth/body-scope';
import { ChangeDecision, ProposeDecision } from './decision-commands';
import { DecisionWritten } from './decision-writes';
import { DecisionChange } from '#application/changes/decision-changes';
import { GetDecision, ListDecisions } from './decision-queries';
import {
  CallInDto,
  CallInOutcomeDto,
  DeferDecisionDto,
  ExemptionChangeDto,
  GeneralExceptionDto,
  LiftExemptionDto,
  ListDecisionsQueryDto,
  ProposeDecisionDto,
  ReasonedDto,
  ReconsiderDto,
  SpecialUrgencyDto,
  SupersedeDto,
  TakeDecisionDto,
} from './decision.dto';
import { DatedDto, VersionedDto } from '../actions/action.dto';
import { TimeTravelQueryDto } from '../http/time-travel.dto';
import { uuidParam } from '../http/uuid-param';

const decisionId = uuidParam('id');

const TAKEN_STAGES: DecisionStage[] = ['taken', 'revoked', 'superseded'];

@ApiTags('decisions')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: a repeated key writes nothing twice',
})
@Controller('decisions')
export class DecisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Propose a decision (the start of its record)' })
  propose(
    @Body() body: ProposeDecisionDto,
    @CommandRequest() request: RequestContext,
  ): Promise<DecisionWritten> {
    return this.commands.execute(new ProposeDecision(oneBody(request.actor, body.bodyId), body, request));
  }

  @Get()
  @ApiOperation({
    summary: 'Decisions of a body, newest number first; filter by stage, flags, dates and text',
  })
  list(@Query() query: ListDecisionsQueryDto, @CurrentActor() actor: Actor) {
    const { body, q, limit, stage, asOf, knownAt, ...filter } = query;
    return this.queries.execute(
      new ListDecisions(
        { ...filter, stages: stage ? [stage] : undefined, search: q, limit: limit ?? 50 },
        bodiesToRead(actor, body),
        'members',
        { asOf, knownAt },
      ),
    );
  }

  @Get('register')
  @ApiOperation({ summary: 'The decision register: every taken decision with its number and status' })
  register(@Query() query: ListDecisionsQueryDto, @CurrentActor() actor: Actor) {
    const { body, q, limit, stage, asOf, knownAt, ...filter } = query;
    return this.queries.execute(
      new ListDecisions(
        { ...filter, stages: stage ? [stage] : TAKEN_STAGES, search: q, limit: limit ?? 50 },
        bodiesToRead(actor, body),
        'members',
        { asOf, knownAt },
      ),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One decision with its version, compliance and evidence chain; asOf and knownAt for then',
  })
  get(@Param('id', decisionId) id: string, @Query() time: TimeTravelQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetDecision(id, actor.bodies, 'members', time));
  }

  @Post(':id/exemption')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Mark parts of the decision as exempt information (Schedule 12A)' })
  markExempt(
    @Param('id', decisionId) id: string,
    @Body() body: ExemptionChangeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(id, { type: 'MarkExempt', ...body.exemption }, body, request);
  }

  @Post(':id/exemption-lifting')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Lift the exemption: the information becomes public' })
  liftExemption(
    @Param('id', decisionId) id: string,
    @Body() body: LiftExemptionDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'LiftExemption', reason: body.reason, liftedOn: this.dateOr(body.liftedOn) },
      body,
      request,
    );
  }

  @Post(':id/notice')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Publish the notice on the forward plan' })
  publishNotice(
    @Param('id', decisionId) id: string,
    @Body() body: DatedDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(id, { type: 'PublishNotice', publishedOn: this.dateOr(body.on) }, body, request);
  }

  @Post(':id/deferral')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Defer to a new expected date, with a reason' })
  defer(
    @Param('id', decisionId) id: string,
    @Body() body: DeferDecisionDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'DeferDecision', expectedOn: body.expectedOn, reason: body.reason },
      body,
      request,
    );
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Withdraw the proposal, with a reason' })
  withdraw(
    @Param('id', decisionId) id: string,
    @Body() body: ReasonedDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'WithdrawDecision', reason: body.reason, withdrawnOn: this.dateOr(body.on) },
      body,
      request,
    );
  }

  @Post(':id/general-exception')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record the general exception (reg 10): the scrutiny chair informed' })
  generalException(
    @Param('id', decisionId) id: string,
    @Body() body: GeneralExceptionDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { scrutinyChairInformedOn, reason } = body;
    return this.change(
      id,
      { type: 'RecordGeneralException', scrutinyChairInformedOn, reason },
      body,
      request,
    );
  }

  @Post(':id/special-urgency')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record agreement to special urgency (reg 11)' })
  specialUrgency(
    @Param('id', decisionId) id: string,
    @Body() body: SpecialUrgencyDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { agreedBy, agreedByRole, reason } = body;
    return this.change(
      id,
      { type: 'AgreeSpecialUrgency', agreedBy, agreedByRole, reason, agreedOn: this.dateOr(body.on) },
      body,
      request,
    );
  }

  @Post(':id/taking')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: "Record the decision as taken; it is given the body's next number" })
  take(
    @Param('id', decisionId) id: string,
    @Body() body: TakeDecisionDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      {
        type: 'TakeDecision',
        decisionText: body.decisionText,
        reasons: body.reasons,
        alternativesRejected: body.alternativesRejected ?? [],
        conflictsOfInterest: body.conflictsOfInterest ?? [],
        dispensations: body.dispensations ?? [],
        takenOn: this.dateOr(body.on),
        decidedBy: body.decidedBy,
      },
      body,
      request,
    );
  }

  @Post(':id/record-publication')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Publish the decision record; the call-in window opens' })
  publishRecord(
    @Param('id', decisionId) id: string,
    @Body() body: DatedDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(id, { type: 'PublishRecord', publishedOn: this.dateOr(body.on) }, body, request);
  }

  @Post(':id/call-in-window-closure')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Close the call-in window once its last day has passed' })
  closeCallIn(
    @Param('id', decisionId) id: string,
    @Body() body: VersionedDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(id, { type: 'CloseCallInWindow' }, body, request);
  }

  @Post(':id/call-in')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record that scrutiny called the decision in' })
  callIn(
    @Param('id', decisionId) id: string,
    @Body() body: CallInDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'CallIn', calledInBy: body.calledInBy, reason: body.reason, calledInOn: this.dateOr(body.on) },
      body,
      request,
    );
  }

  @Post(':id/call-in-outcome')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record the outcome of a call-in' })
  callInOutcome(
    @Param('id', decisionId) id: string,
    @Body() body: CallInOutcomeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      {
        type: 'RecordCallInOutcome',
        outcome: body.outcome,
        decidedOn: this.dateOr(body.on),
        notes: body.notes ?? '',
      },
      body,
      request,
    );
  }

  @Post(':id/reconsideration')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record the reconsidered decision after a referral: confirmed or amended' })
  reconsider(
    @Param('id', decisionId) id: string,
    @Body() body: ReconsiderDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      {
        type: 'ReconsiderDecision',
        outcome: body.outcome,
        decisionText: body.decisionText,
        reconsideredOn: this.dateOr(body.on),
      },
      body,
      request,
    );
  }

  @Post(':id/implementation')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record the decision as implemented (after call-in has cleared)' })
  implement(
    @Param('id', decisionId) id: string,
    @Body() body: DatedDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(id, { type: 'ImplementDecision', implementedOn: this.dateOr(body.on) }, body, request);
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Revoke the decision, with a reason' })
  revoke(
    @Param('id', decisionId) id: string,
    @Body() body: ReasonedDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'RevokeDecision', reason: body.reason, revokedOn: this.dateOr(body.on) },
      body,
      request,
    );
  }

  @Post(':id/supersession')
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiOperation({ summary: 'Record that a later decision supersedes this one' })
  supersede(
    @Param('id', decisionId) id: string,
    @Body() body: SupersedeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.change(
      id,
      { type: 'SupersedeDecision', supersededBy: body.supersededBy, supersededOn: this.dateOr(body.on) },
      body,
      request,
    );
  }

  private dateOr(date: string | undefined): string {
    return dateOrToday(date);
  }

  private change(
    id: string,
    change: DecisionChange,
    body: VersionedDto,
    request: RequestContext,
  ): Promise<DecisionWritten> {
    return this.commands.execute(new ChangeDecision(id, change, body.expectedVersion, request));
  }
}
