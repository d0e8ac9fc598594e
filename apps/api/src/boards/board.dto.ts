import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BOARD_CODE_PATTERN } from '#domain/board/board.decider';
import { VersionedDto } from '../actions/action.dto';
import { IsCalendarDate, IsOptional } from '../http/validation';

export class BoardMemberDto {
  @ApiProperty({
    example: 'Mr. J. T. Orson JP CC',
    description:
      'A person of the directory by email or name (kept as their name, with their id), or a name as written',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Chairman' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role!: string;
}

export class CadenceDto {
  @ApiProperty({ example: 6 })
  @IsInt()
  @Min(1)
  @Max(52)
  every!: number;

  @ApiProperty({ enum: ['weeks', 'months'] })
  @IsIn(['weeks', 'months'], { message: 'unit must be weeks or months' })
  unit!: 'weeks' | 'months';
}

export class EstablishBoardDto {
  @ApiPropertyOptional({
    example: 'leics-opcc',
    description: 'Required when your token acts for several bodies',
  })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  bodyId?: string;

  @ApiProperty({ example: 'Leicester, Leicestershire and Rutland Police and Crime Panel' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'PCP', description: 'Starts the refs of actions it raises: PCP-2015-07/152' })
  @Matches(BOARD_CODE_PATTERN, {
    message: 'code must be 1-12 capital letters or digits, starting with a letter',
  })
  code!: string;

  @ApiProperty({ type: [BoardMemberDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BoardMemberDto)
  members!: BoardMemberDto[];

  @ApiPropertyOptional({ type: CadenceDto, description: 'How often it meets, e.g. every 6 weeks' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CadenceDto)
  cadence?: CadenceDto;

  @ApiPropertyOptional({ description: 'Plan its actions are filed under; default "<name> action log"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actionLogPlan?: string;

  @ApiPropertyOptional({ example: 145, description: 'Minute numbers continue from here (default 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  firstMinuteNumber?: number;
}

export class ChangeMembersDto extends VersionedDto {
  @ApiProperty({ type: [BoardMemberDto] })
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BoardMemberDto)
  @ArrayMaxSize(100)
  members!: BoardMemberDto[];
}

export class AssuranceMatterDto extends VersionedDto {
  @ApiProperty({ example: 'Force performance against the Police and Crime Plan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: 'Deputy Chief Constable' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  owner!: string;

  @ApiProperty({ example: 3, description: 'Months between hearings; 0 = every meeting' })
  @IsInt()
  @Min(0)
  @Max(36)
  frequencyMonths!: number;

  @ApiProperty({ example: '2026-01-01', description: 'When it is first due' })
  @IsCalendarDate()
  firstDueOn!: string;
}

export class RetireMatterDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
