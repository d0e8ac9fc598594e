import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { localDateOf } from '#domain/shared/time-zone';
import { findBody } from '#projections/bodies/bodies.queries';
import { RagReport, ragReport, RagReportQuery } from '#projections/rag-history/rag-history.queries';
import { Actor } from '#engine/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { oneBody } from '../auth/body-scope';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { KnownAt } from '../http/time-travel.dto';
import { IsCalendarDate, IsOptional } from '../http/validation';

export class RagReportQueryDto {
  @ApiPropertyOptional({ description: 'Body id; defaults to the only body your token names' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;

  @ApiPropertyOptional({ example: 'Police and Crime Plan 2016-18', description: 'Every plan when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  plan?: string;

  @ApiPropertyOptional({ example: 'Theme 7: Spending public money wisely' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  theme?: string;

  @ApiPropertyOptional({
    example: '2017-09-30',
    description: 'Count the status in effect on this date; defaults to today',
  })
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(40)
  asOf?: string;

  @KnownAt('Count only what had been recorded by this instant ("what did we know then?")')
  knownAt?: string;
}

export class GetRagReport {
  /** Without `asOf`, the report as at today on the body's calendar. */
  constructor(readonly query: Omit<RagReportQuery, 'asOf'> & { asOf?: string }) {}
}

@QueryHandler(GetRagReport)
export class GetRagReportHandler implements IQueryHandler<GetRagReport, RagReport> {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  async execute({ query }: GetRagReport): Promise<RagReport> {
    const body = await findBody(this.engine.db, query.bodyId);
    if (!body) throw new NotFoundException(`body "${query.bodyId}" not found`);
    // As at today on the body's calendar, unless the request names a date.
    const asOf = query.asOf ?? localDateOf(this.engine.clock(), body.settings.timeZone);
    return ragReport(this.engine.db, { ...query, asOf }, body.settings.statusDisplay);
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('rag')
  @ApiOperation({
    summary: 'Status counts and percentages of a plan or theme as at a date ("12/20 (60%) Green")',
  })
  rag(@Query() query: RagReportQueryDto, @CurrentActor() actor: Actor): Promise<RagReport> {
    return this.queries.execute(
      new GetRagReport({
        bodyId: oneBody(actor, query.body),
        plan: query.plan,
        theme: query.theme,
        asOf: query.asOf,
        knownAt: query.knownAt,
      }),
    );
  }
}
