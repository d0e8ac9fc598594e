import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Page } from '#projections/cursor';
import { listReminders, ReminderStatus, ReminderView } from '#projections/reminders/reminders.queries';
import { Actor } from '#engine/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { bodiesToRead } from '../auth/body-scope';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { PageQueryDto } from '../http/page-query.dto';
import { IsCalendarDate, IsOptional } from '../http/validation';

const STATUSES: ReminderStatus[] = ['pending', 'sending', 'sent', 'failed', 'cancelled'];

export class ListRemindersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Body id; `*` for every body (admins)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;

  @ApiPropertyOptional({ description: 'An action, decision or meeting id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subjectId?: string;

  @ApiPropertyOptional({ example: 'CR', description: 'A contact name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recipient?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: ReminderStatus;

  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsCalendarDate() to?: string;
}

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  @Get()
  @ApiOperation({ summary: 'Reminders for an item or a person: upcoming (pending), sent, failed, cancelled' })
  async list(
    @Query() query: ListRemindersQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<ReminderView>> {
    return this.page(query, actor, query.status ? [query.status] : undefined);
  }

  @Get('upcoming')
  @ApiOperation({ summary: 'Reminders still to go out, soonest first' })
  upcoming(@Query() query: ListRemindersQueryDto, @CurrentActor() actor: Actor): Promise<Page<ReminderView>> {
    return this.page(query, actor, ['pending', 'sending']);
  }

  @Get('failed')
  @ApiOperation({ summary: 'Reminders that could not be delivered after every retry' })
  failed(@Query() query: ListRemindersQueryDto, @CurrentActor() actor: Actor): Promise<Page<ReminderView>> {
    return this.page(query, actor, ['failed']);
  }

  private async page(query: ListRemindersQueryDto, actor: Actor, statuses: ReminderStatus[] | undefined) {
    const bodies = await bodyIdsOf(this.engine.db, bodiesToRead(actor, query.body));
    return listReminders(this.engine.db, {
      bodyIds: bodies,
      subjectId: query.subjectId,
      recipient: query.recipient,
      statuses,
      from: query.from,
      to: query.to ? `${query.to}T23:59:59.999Z` : undefined,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }
}
