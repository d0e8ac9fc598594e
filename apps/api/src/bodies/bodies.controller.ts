import { Body, Controller, Get, Inject, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { bodyStream } from '../../../../libs/application/src/action-ids';
import { handleCommand } from '../../../../libs/application/src/command-handling';
import { BODY_ID_PATTERN, BodyCommand, bodyDecider } from '../../../../libs/domain/src/body/body.decider';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error';
import { ReminderSettings } from '../../../../libs/domain/src/reminder/reminder-settings';
import { BodyView, findBody, listBodies } from '../../../../libs/projections/src/bodies/bodies.queries';
import { Actor } from '../auth/actor';
import { CommandRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { Engine } from '../engine';
import { ENGINE } from '../engine.token';
import { contextOf, RequestContext } from '../actions/action-commands';
import { IsCalendarDate, IsOptional } from '../http/validation';
import { awaitProjections } from '../http/read-your-writes';

export class RegisterBodyDto {
  @ApiProperty({ example: 'leics-opcc', description: 'Lower-case letters, digits and hyphens' })
  @Matches(BODY_ID_PATTERN, { message: 'id must be 2-63 lower-case letters, digits or hyphens' })
  id!: string;

  @ApiProperty({ example: 'Office of the Police and Crime Commissioner for Leicestershire' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class StatusDisplayDto {
  @ApiPropertyOptional({ example: 'Green' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  meaning?: string;

  @ApiPropertyOptional({ example: '#00703c' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  colour?: string;
}

export class StatusDisplaysDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  WHITE?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  RED?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  AMBER?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  GREEN?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  BLUE?: StatusDisplayDto;
}

export class StatutoryPeriodsDto {
  @ApiPropertyOptional({ example: 28, description: 'Clear days a key decision notice must run (reg 9)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  keyDecisionNoticeClearDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Clear days under the general exception (reg 10)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  generalExceptionClearDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Working days scrutiny has to call a decision in' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  callInWorkingDays?: number;

  @ApiPropertyOptional({
    example: ['2026-12-25'],
    description: 'The full list of bank holidays (replaces it)',
  })
  @IsOptional()
  @IsArray()
  @IsCalendarDate({ each: true })
  @ArrayMaxSize(500)
  bankHolidays?: string[];
}

export class ContactDto {
  @ApiProperty({ example: 'CR', description: 'The name records use: a lead officer as written in actions' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'c.robinson@example.gov.uk' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: 'https://hooks.example.gov.uk/reminders' })
  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'webhookUrl must be a URL' })
  webhookUrl?: string;

  @ApiPropertyOptional({ example: 'DCC', description: 'Whom their overdue items escalate to' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  manager?: string;

  @ApiPropertyOptional({ description: 'Send a daily digest of what is due this week and overdue' })
  @IsOptional()
  @IsBoolean()
  dailyDigest?: boolean;
}

export class ReminderSettingsDto {
  @ApiPropertyOptional({ example: [14, 7, 1] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @ArrayMaxSize(20)
  daysBeforeDue?: number[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() onDueDay?: boolean;

  @ApiPropertyOptional({ example: [1, 7] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @ArrayMaxSize(20)
  escalateDaysAfter?: number[];

  @ApiPropertyOptional({ example: [7, 0] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @ArrayMaxSize(20)
  noticeDaysBefore?: number[];

  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsInt() @Min(0) @Max(60) agendaIssueDaysBefore?: number;
  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  writtenAnswersDaysBefore?: number;
  @ApiPropertyOptional({ example: 8, description: 'UTC hour reminders go out' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  sendHour?: number;

  @ApiPropertyOptional({ example: 'Secretary', description: 'The contact who is the board secretary' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  secretary?: string;

  @ApiPropertyOptional({ type: [ContactDto], description: 'The whole directory (replaces it)' })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  @ArrayMaxSize(500)
  contacts?: ContactDto[];
}

export class ChangeBodySettingsDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @ApiPropertyOptional({ type: StatusDisplaysDto, description: 'How each fixed status code is shown' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplaysDto)
  statusDisplay?: StatusDisplaysDto;

  @ApiPropertyOptional({ example: 4, description: 'First month of the reporting year (4 = April)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  yearStartMonth?: number;

  @ApiPropertyOptional({ type: StatutoryPeriodsDto, description: 'Notice, exception and call-in periods' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatutoryPeriodsDto)
  statutoryPeriods?: StatutoryPeriodsDto;

  @ApiPropertyOptional({ type: ReminderSettingsDto, description: 'When reminders go out and to whom' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderSettingsDto)
  reminders?: ReminderSettingsDto;
}

/** The request's contact list becomes the settings' directory, keyed by name. */
function reminderChange({ contacts, ...rest }: ReminderSettingsDto): Partial<ReminderSettings> {
  if (!contacts) return rest;
  return {
    ...rest,
    contacts: Object.fromEntries(
      contacts.map((c) => [
        c.name,
        {
          email: c.email ?? null,
          webhookUrl: c.webhookUrl ?? null,
          manager: c.manager ?? null,
          dailyDigest: c.dailyDigest ?? false,
        },
      ]),
    ),
  };
}

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('bodies')
export class BodiesController {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

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
    summary: "Change a body's status display names and colours, reporting year or statutory periods",
  })
  async changeSettings(
    @Param('id') id: string,
    @Body() body: ChangeBodySettingsDto,
    @CommandRequest() request: RequestContext,
  ) {
    const { expectedVersion, reminders, ...change } = body;
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
    const context = contextOf(request, command.type, this.engine);
    const outcome = await handleCommand(this.engine.store, bodyDecider, command, context, {
      streamId: bodyStream(bodyId),
      bodyOf: (state) => (state.exists ? state.bodyId : null),
      expectedVersion,
    });
    await awaitProjections(this.engine, outcome.position);
    return outcome.version;
  }
}
