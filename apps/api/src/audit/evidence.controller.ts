import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EvidencePack, evidencePackOf } from '#application/audit/evidence-pack';
import { actionStream } from '#domain/action/action-ids';
import { decisionStream } from '#domain/shared/record-ids';
import { Actor } from '#engine/actor';
import { Engine } from '#engine/engine';
import { GetAction } from '../actions/action-queries';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { DecisionView, GetDecision } from '../decisions/decision-queries';
import { ENGINE } from '../engine.token';
import { uuidParam } from '../http/uuid-param';

const id = uuidParam('id');

/** One record's evidence pack, for its body's auditors, secretaries and admins (another body's: 404). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(ENGINE) private readonly engine: Engine,
  ) {}

  @Get('actions/:id/evidence')
  @Roles('admin', 'auditor', 'secretary')
  @ApiOperation({
    summary:
      "An action's evidence pack: the record, every event with its hashes and whether each holds, and the check",
  })
  async action(@Param('id', id) actionId: string, @CurrentActor() actor: Actor): Promise<EvidencePack> {
    const action = await this.queries.execute(new GetAction(actionId, actor.bodies));
    return evidencePackOf(this.engine, {
      kind: 'action',
      id: actionId,
      bodyId: action.bodyId,
      streamId: actionStream(actionId),
      record: action,
    });
  }

  @Get('decisions/:id/evidence')
  @Roles('admin', 'auditor', 'secretary')
  @ApiOperation({
    summary:
      "A decision's evidence pack: the record, each statutory rule with the events that satisfied it, every event with its hashes, and the check",
  })
  async decision(@Param('id', id) decisionId: string, @CurrentActor() actor: Actor): Promise<EvidencePack> {
    const decision: DecisionView = await this.queries.execute(
      new GetDecision(decisionId, actor.bodies, 'members'),
    );
    return evidencePackOf(this.engine, {
      kind: 'decision',
      id: decisionId,
      bodyId: decision.bodyId,
      streamId: decisionStream(decisionId),
      record: decision,
      rules: decision.compliance.rules,
    });
  }
}
