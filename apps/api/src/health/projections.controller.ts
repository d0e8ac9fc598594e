import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { ALL_PROJECTIONS } from '#projections';
import { listParked, ParkedEvent, retryParked, RetryOutcome } from '#projections/parked-events';
import { Roles } from '../auth/auth.decorators';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { IsOptional } from '../http/validation';

const PROJECTION_NAMES = ALL_PROJECTIONS.map((projection) => projection.name);

export class ProjectionChoiceDto {
  @ApiPropertyOptional({ enum: PROJECTION_NAMES, description: 'Only this projection (all by default)' })
  @IsOptional()
  @IsString()
  @IsIn(PROJECTION_NAMES, { message: `projection must be one of: ${PROJECTION_NAMES.join(', ')}` })
  projection?: string;
}

/** Events projections parked, and retrying them after a fix (also `npm run cli -- projections`). */
@ApiTags('health')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  @Get('parked')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Events a projection could not apply, with the error, oldest first' })
  parked(@Query() query: ProjectionChoiceDto): Promise<ParkedEvent[]> {
    return listParked(this.engine.db, query.projection);
  }

  @Post('retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Apply parked events again; those that fail again stay parked' })
  retry(@Body() body: ProjectionChoiceDto): Promise<RetryOutcome> {
    return retryParked(this.engine.db, this.engine.store, ALL_PROJECTIONS, body.projection);
  }
}
