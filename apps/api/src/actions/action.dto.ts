import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { ActionLifecycle } from '#domain/action/action.state';
import { DUE_DATE_FORMS } from '#domain/action/due-date';
import { RAG_STATUSES, RagStatus } from '#domain/action/rag-status';
import { TimeTravelQueryDto } from '../http/time-travel.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { IsCalendarDate, IsOptional } from '../http/validation';

const REPORTABLE = RAG_STATUSES.filter((s) => s !== 'BLUE');
const LIFECYCLES: ActionLifecycle[] = ['open', 'completed', 'closed', 'cancelled'];

export class CreateActionDto {
  @ApiPropertyOptional({
    description: 'Body the action belongs to; defaults to the only body your token names',
  })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  bodyId?: string;

  @ApiProperty({ example: '7C02', description: 'Unique within the plan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  ref!: string;

  @ApiProperty({ example: 'Police and Crime Plan 2016-18' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  plan!: string;

  @ApiPropertyOptional({ example: 'Theme 7: Spending public money wisely' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  theme?: string;

  @ApiProperty({
    example: 'Ensure the Force achieves a balanced budget and delivers the required efficiency savings.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  title!: string;

  @ApiPropertyOptional({
    example: ['CR'],
    type: [String],
    description:
      'People of the directory by email or name (recorded by their name, and identified), or leads as the plan writes them (kept as text). Left out, empty or blank: the action is unassigned until a lead is given',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  leadOfficers?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  deliverable?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  objective?: string;

  @ApiPropertyOptional({
    example: 'Mar-18',
    description: `As written in the plan: ${DUE_DATE_FORMS}; left out means blank`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  dueDate?: string;

  @ApiPropertyOptional({
    example: '2017-04-01',
    description: 'The day the action joined the plan; defaults to today',
  })
  @IsOptional()
  @IsCalendarDate()
  createdOn?: string;
}

export class VersionedDto {
  @ApiProperty({ example: 1, description: 'The version you read; a stale one is refused with 409' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

/** A change that happened on a day: `on` defaults to today. */
export class DatedDto extends VersionedDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class SetStatusDto extends VersionedDto {
  @ApiProperty({ enum: REPORTABLE, description: 'BLUE (completed) is recorded with /complete' })
  @IsIn(RAG_STATUSES, { message: `status must be one of ${RAG_STATUSES.join(', ')}` })
  status!: RagStatus;

  @ApiProperty({ example: 'The Force is on track to achieve a balanced budget.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  commentary!: string;

  @ApiPropertyOptional({
    example: '2017-09-30',
    description: 'The period end the status reports on; defaults to today',
  })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}

export class RecordProgressDto extends VersionedDto {
  @ApiProperty({ example: 'The force is developing a new business case.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  note!: string;

  @ApiPropertyOptional({ example: '2017-10-10' })
  @IsOptional()
  @IsCalendarDate()
  reportedOn?: string;
}

export class ChangeDueDateDto extends VersionedDto {
  @ApiProperty({ example: 'Sep-18', description: DUE_DATE_FORMS })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  dueDate!: string;

  @ApiProperty({ example: 'Alliance business case delayed by the Home Office.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReassignLeadDto extends VersionedDto {
  @ApiProperty({
    example: ['KD'],
    type: [String],
    description: 'As when creating: people of the directory by email or name, or leads as written',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  leadOfficers!: string[];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class CompleteDto extends VersionedDto {
  @ApiProperty({ example: 'Balanced budget delivered for 2017/18.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  commentary!: string;

  @ApiPropertyOptional({ example: '2018-03-31' })
  @IsOptional()
  @IsCalendarDate()
  completedOn?: string;
}

export class CloseDto extends VersionedDto {
  @ApiProperty({ example: 'This action can now be closed.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  commentary!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  closedOn?: string;
}

export class ReopenDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ enum: REPORTABLE, description: 'Defaults to the status before completion' })
  @IsOptional()
  @IsIn(REPORTABLE, { message: `status must be one of ${REPORTABLE.join(', ')}` })
  status?: Exclude<RagStatus, 'BLUE'>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  reopenedOn?: string;
}

export class CancelDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  cancelledOn?: string;
}

export class CorrectEntryDto extends VersionedDto {
  @ApiProperty({
    description: 'Id of the status or progress event being corrected (from rag-history or audit)',
  })
  @IsUUID()
  correctsEventId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ enum: REPORTABLE })
  @IsOptional()
  @IsIn(RAG_STATUSES, { message: `status must be one of ${RAG_STATUSES.join(', ')}` })
  status?: RagStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  commentary?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  reportedOn?: string;
}

export class ListActionsQueryDto extends IntersectionType(PageQueryDto, TimeTravelQueryDto) {
  @ApiPropertyOptional({ description: 'Body id; "*" for every body (admins)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  plan?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  theme?: string;

  @ApiPropertyOptional({ enum: RAG_STATUSES })
  @IsOptional()
  @IsIn(RAG_STATUSES, { message: `status must be one of ${RAG_STATUSES.join(', ')}` })
  status?: RagStatus;

  @ApiPropertyOptional({ enum: LIFECYCLES })
  @IsOptional()
  @IsIn(LIFECYCLES, { message: `lifecycle must be one of ${LIFECYCLES.join(', ')}` })
  lifecycle?: ActionLifecycle;

  @ApiPropertyOptional({ description: 'Lead officer name; `unassigned` for actions with no lead yet' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lead?: string;

  @ApiPropertyOptional({ example: '2018-03-31', description: 'Only actions due on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Text to find in the ref or title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
