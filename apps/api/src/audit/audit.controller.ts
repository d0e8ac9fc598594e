import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsString, Max, Min, MaxLength } from 'class-validator';
import { IsOptional } from '../http/validation';
import { AuditEntry, AuditFilter, listAuditTrail } from '#projections/audit-trail/audit-trail.queries';
import { RecordVerification, verifyRecord } from '#application/audit/record-verification';
import { Page } from '#projections/cursor';
import { Actor } from '#engine/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { bodiesToRead, oneBody } from '../auth/body-scope';
import { bodyIdsOf } from '../auth/readable-bodies';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Body id; "*" for every body (admins)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;

  @ApiPropertyOptional({ description: 'Id of the action (or other record) the events are about' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ example: 'action' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityType?: string;

  @ApiPropertyOptional({ description: 'User who recorded the change' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'ActionStatusSet' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  eventType?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time' })
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time' })
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class VerifyAuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;
}

export class ListAuditTrail {
  constructor(
    readonly filter: Omit<AuditFilter, 'bodyIds'>,
    readonly bodies: readonly string[] | 'all',
  ) {}
}

export class VerifyAuditTrail {
  constructor(readonly bodyId: string) {}
}

@QueryHandler(ListAuditTrail)
export class ListAuditTrailHandler implements IQueryHandler<ListAuditTrail, Page<AuditEntry>> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ filter, bodies }: ListAuditTrail): Promise<Page<AuditEntry>> {
    return listAuditTrail(this.engine.db, { ...filter, bodyIds: await bodyIdsOf(this.engine.db, bodies) });
  }
}

@QueryHandler(VerifyAuditTrail)
export class VerifyAuditTrailHandler implements IQueryHandler<VerifyAuditTrail, RecordVerification> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  execute({ bodyId }: VerifyAuditTrail): Promise<RecordVerification> {
    return verifyRecord(this.engine, bodyId);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every change, in the order recorded, with who, when, what, why and correlation' })
  list(@Query() query: AuditQueryDto, @CurrentActor() actor: Actor): Promise<Page<AuditEntry>> {
    const { body, from, to, limit, ...filter } = query;
    return this.queries.execute(
      new ListAuditTrail(
        { ...filter, recordedFrom: from, recordedTo: to, limit: limit ?? 100 },
        bodiesToRead(actor, body),
      ),
    );
  }

  @Get('verify')
  @Roles('admin', 'auditor', 'secretary')
  @ApiOperation({
    summary:
      "Check the body's record: the events table's own hash chain (content, links, signed heads), and the audit trail against the log",
  })
  verify(@Query() query: VerifyAuditQueryDto, @CurrentActor() actor: Actor): Promise<RecordVerification> {
    return this.queries.execute(new VerifyAuditTrail(oneBody(actor, query.body)));
  }
}
