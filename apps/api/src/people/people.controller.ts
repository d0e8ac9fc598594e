import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandGateway } from '#application/command-gateway';
import { appointPerson, grantRole, removeRole } from '#application/directory';
import { PERSON } from '#domain/person/person.aggregate';
import { completeErasure, erasureOf } from '#engine/erasure';
import { PersonCommand } from '#domain/person/person.commands';
import { Actor } from '#engine/actor';
import { Engine } from '#engine/engine';
import { findPerson, listPeople, PersonView } from '#projections/people/people.queries';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { bodiesToRead, oneBody } from '../auth/body-scope';
import { ENGINE } from '../engine.token';
import { contextOf, RequestContext } from '../http/command-context';
import { uuidParam } from '../http/uuid-param';
import { VersionedDto } from '../actions/action.dto';
import {
  AddPersonDto,
  ListPeopleQueryDto,
  PersonDetailsDto,
  ReasonedChangeDto,
  RoleChangeDto,
} from './people.dto';

const personId = uuidParam('id');

/**
 * The directory, for admins: people, their details, and their roles in the admin's bodies. A
 * person's details are kept by the admins of the body that registered them; each body's admins
 * grant and remove the roles in their body.
 */
@ApiTags('people')
@ApiBearerAuth()
@Roles('admin')
@Controller('people')
export class PeopleController {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly gateway: CommandGateway,
  ) {}

  @Get()
  @ApiOperation({ summary: 'People of your body, by name: filter by role or by part of a name or email' })
  list(@Query() query: ListPeopleQueryDto, @CurrentActor() actor: Actor) {
    return listPeople(this.engine.db, bodiesToRead(actor, query.body), {
      search: query.q,
      role: query.role,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person, with their roles in your bodies' })
  get(@Param('id', personId) id: string, @CurrentActor() actor: Actor): Promise<PersonView> {
    return this.visible(id, actor);
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a person to your body with roles: registers someone new, or gives roles to someone registered',
  })
  async add(@Body() body: AddPersonDto, @CommandRequest() request: RequestContext) {
    const bodyId = oneBody(request.actor, body.bodyId);
    const { name, email, jobTitle, managerId, roles, reason } = body;
    const added = await appointPerson(
      this.gateway,
      this.engine.store,
      this.engine.db,
      { name, email, jobTitle: jobTitle ?? null, managerId: managerId ?? null },
      { bodyId, roles, reason },
      contextOf(request, 'AddPerson', this.engine),
    );
    return { id: added.id, version: added.version, registered: added.registered };
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a person's name, email, job title or manager (their home body's admins)" })
  async change(
    @Param('id', personId) id: string,
    @Body() body: PersonDetailsDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { expectedVersion, name, email, jobTitle, managerId } = body;
    const command = {
      type: 'ChangePersonDetails',
      name,
      email,
      jobTitle: jobTitle ?? null,
      managerId: managerId ?? null,
    };
    return this.run(id, command as PersonCommand, request, expectedVersion);
  }

  @Post(':id/disabling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a person signing in (their home body’s admins)' })
  disable(
    @Param('id', personId) id: string,
    @Body() body: ReasonedChangeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.run(id, { type: 'DisablePerson', reason: body.reason }, request, body.expectedVersion);
  }

  @Post(':id/enabling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a disabled person sign in again' })
  enable(
    @Param('id', personId) id: string,
    @Body() body: ReasonedChangeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.run(id, { type: 'EnablePerson', reason: body.reason }, request, body.expectedVersion);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Erase a disabled person (UK GDPR): their key is destroyed, every word of theirs the log sealed reads "erased person", and the read models are rebuilt',
  })
  async erase(
    @Param('id', personId) id: string,
    @Body() body: VersionedDto,
    @CommandRequest() request: RequestContext,
  ) {
    const person = await this.visible(id, request.actor);
    const written = await this.run(id, await erasureOf(this.engine, person), request, body.expectedVersion);
    const { rebuilt, eventsStillNaming } = await completeErasure(this.engine, id);
    return {
      ...written,
      erased: true,
      rebuilt: { events: rebuilt.events, seconds: rebuilt.seconds },
      eventsStillNaming,
    };
  }

  @Post(':id/role-grants')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant a role in your body; one held already changes nothing' })
  grant(
    @Param('id', personId) id: string,
    @Body() body: RoleChangeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.changeRole(id, body, request, 'GrantRole');
  }

  @Post(':id/role-removals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a role in your body; a body keeps at least one admin' })
  remove(
    @Param('id', personId) id: string,
    @Body() body: RoleChangeDto,
    @CommandRequest() request: RequestContext,
  ) {
    return this.changeRole(id, body, request, 'RemoveRole');
  }

  /** A role of a person the actor sees, in one of the actor's bodies; answers the roles held now. */
  private async changeRole(
    id: string,
    body: RoleChangeDto,
    request: RequestContext,
    command: 'GrantRole' | 'RemoveRole',
  ) {
    const bodyId = oneBody(request.actor, body.bodyId);
    await this.visible(id, request.actor);
    const change = { bodyId, role: body.role, reason: body.reason };
    const context = contextOf(request, command, this.engine);
    const written =
      command === 'GrantRole'
        ? await grantRole(this.gateway, id, change, context)
        : await removeRole(this.gateway, this.engine.db, id, change, context);
    return { id, bodyId, roles: written.state.roles, version: written.version };
  }

  /** Someone registered by, or holding a role in, one of the actor's bodies; nobody else exists for them. */
  private async visible(id: string, actor: Actor): Promise<PersonView> {
    const person = await findPerson(this.engine.db, id, actor.bodies);
    if (!person) throw new NotFoundException(`person ${id} not found`);
    return person;
  }

  private async run(id: string, command: PersonCommand, request: RequestContext, expectedVersion: number) {
    const written = await this.gateway.execute(PERSON, {
      id,
      context: contextOf(request, command.type, this.engine),
      expectedVersion,
      command,
    });
    return { id, version: written.version };
  }
}
