import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MaxLength } from 'class-validator';
import { IsOptional } from './validation';

/** A page of a list: how many (each list has its own default), and where the previous page ended. */
export class PageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 500,
    description: 'Items per page (default 50; 100 for the forward plan)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
