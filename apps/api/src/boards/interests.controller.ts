import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { Actor } from '#engine/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { bodiesToRead } from '../auth/body-scope';
import { IsOptional } from '../http/validation';
import { MeetingWindowDto } from './meeting.dto';
import { DeclarationsPage, ListDeclarations } from './people-at-meetings';

export class DeclarationsQueryDto extends MeetingWindowDto {
  @ApiPropertyOptional({ description: 'Only this board' })
  @IsOptional()
  @IsUUID('all', { message: 'board must be a board id' })
  board?: string;

  @ApiPropertyOptional({ description: 'Only declarations by this person of the directory' })
  @IsOptional()
  @IsUUID('all', { message: 'person must be a person id' })
  person?: string;

  @ApiPropertyOptional({ description: 'Page number, from 1', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  page?: number;

  @ApiPropertyOptional({ description: 'Declarations a page, 1-500', default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1 to 500' })
  @Max(500, { message: 'pageSize must be 1 to 500' })
  pageSize?: number;
}

@ApiTags('boards')
@ApiBearerAuth()
@Controller('interests')
export class InterestsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'The register of interests: declarations at meetings, latest first, by board, person and dates',
  })
  list(@Query() query: DeclarationsQueryDto, @CurrentActor() actor: Actor): Promise<DeclarationsPage> {
    return this.queries.execute(
      new ListDeclarations(bodiesToRead(actor, query.body), {
        boardId: query.board,
        personId: query.person,
        from: query.from,
        to: query.to,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 100,
      }),
    );
  }
}
