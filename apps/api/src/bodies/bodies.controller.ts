import { Body, Controller, Get, Inject, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandGateway } from '#application/command-gateway';
import { BODY } from '#domain/body/body.aggregate';
import { BodyCommand } from '#domain/body/body.commands';
import { DomainError } from '#domain/shared/domain-error';
import { BodyView, findBody, listBodies } from '#projections/bodies/bodies.queries';
import { Actor } from '#engine/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { contextOf, RequestContext } from '../http/command-context';
import { webhookUrlProblem } from '#reminders/webhook-address';
import { ChangeBodySettingsDto, RegisterBodyDto, reminderChange } from './bodies.dto';

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('bodies')
export class BodiesController {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The bodies your token acts for' })
  list(@CurrentActor() actor: Actor): Promise<BodyView[]> {
    return listBodies(this.engine.db, actor.bodies === 'all' ? null : actor.bodies);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One body and its settings' })
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<BodyView> {
    const body =
      actor.bodies === 'all' || actor.bodies.includes(id) ? await findBody(this.engine.db, id) : null;
    if (!body) throw new NotFoundException(`body "${id}" not found`);
    return body;
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a public body' })
  async register(@Body() body: RegisterBodyDto, @CommandRequest() request: RequestContext) {
    try {
      const version = await this.run(
        body.id,
        { type: 'RegisterBody', bodyId: body.id, name: body.name },
        request,
      );
      return { id: body.id, version };
    } catch (error) {
      // It exists, but for bodies the token does not name: registering it again is a conflict all the same.
      if (error instanceof DomainError && error.kind === 'not_found')
        throw new DomainError('BODY_EXISTS', `body "${body.id}" is already registered`, 'conflict', 'id');
      throw error;
    }
  }

  @Patch(':id/settings')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Change a body's status display names and colours, reporting year, statutory periods, reminders, or decision numbering and call-in",
  })
  async changeSettings(
    @Param('id') id: string,
    @Body() body: ChangeBodySettingsDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { expectedVersion, reminders, ...change } = body;
    for (const [index, contact] of (reminders?.contacts ?? []).entries()) {
      if (!contact.webhookUrl) continue;
      const problem = await webhookUrlProblem(
        contact.webhookUrl,
        this.engine.config.webhookAllowPrivateNetworks,
      );
      const field = `reminders.contacts[${index}].webhookUrl`;
      if (problem) throw new DomainError('WEBHOOK_NOT_ALLOWED', `${field} ${problem}`, 'invalid', field);
    }
    const version = await this.run(
      id,
      {
        type: 'ChangeBodySettings',
        change: { ...change, ...(reminders ? { reminders: reminderChange(reminders) } : {}) },
      },
      request,
      expectedVersion,
    );
    return { id, version };
  }

  private async run(bodyId: string, command: BodyCommand, request: RequestContext, expectedVersion?: number) {
    const written = await this.gateway.execute(BODY, {
      id: bodyId,
      context: contextOf(request, command.type, this.engine),
      expectedVersion,
      command,
    });
    return written.version;
  }
}
