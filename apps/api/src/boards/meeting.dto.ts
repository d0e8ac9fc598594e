import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DatedDto, VersionedDto } from '../actions/action.dto';
import { IsCalendarDate, IsOptional, LONG_TEXT } from '../http/validation';
import { TimeTravelQueryDto } from '../http/time-travel.dto';

const TIME = /^([01]\d|2[0-3])[:.][0-5]\d$/;

/** When and where a board's meetings are held, and whether the public may attend. */
class MeetingPlaceDto {
  @ApiPropertyOptional({ example: '12:30' })
  @IsOptional()
  @Matches(TIME, { message: 'time must be HH:MM' })
  time?: string;

  @ApiProperty({ example: 'County Hall, Glenfield' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  place!: string;

  @ApiPropertyOptional({ enum: ['public', 'private'], description: 'Default public' })
  @IsOptional()
  @IsIn(['public', 'private'], { message: 'access must be public or private' })
  access?: 'public' | 'private';
}

export class ScheduleMeetingDto extends MeetingPlaceDto {
  @ApiProperty({ example: '2015-07-17' })
  @IsCalendarDate()
  date!: string;
}

export class PlanYearDto extends MeetingPlaceDto {
  @ApiProperty({
    example: '2015-07-17',
    description: 'The first meeting; the rest follow the board’s cadence',
  })
  @IsCalendarDate()
  from!: string;
}

export class RescheduleMeetingDto extends VersionedDto {
  @ApiProperty({ example: '2015-09-16' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ example: '13:00' })
  @IsOptional()
  @Matches(TIME, { message: 'time must be HH:MM' })
  time?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  place!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReasonDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ItemExemptionDto {
  @ApiProperty({ example: 3, description: 'Paragraph of Schedule 12A (1-7)' })
  @IsInt()
  @Min(1, { message: 'category must be a paragraph of Schedule 12A: 1-7' })
  @Max(7, { message: 'category must be a paragraph of Schedule 12A: 1-7' })
  category!: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class AddAgendaItemDto extends VersionedDto {
  @ApiProperty({ example: 'Medium Term Financial Strategy - Update.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ example: 'Police and Crime Commissioner' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reportAuthor?: string;

  @ApiPropertyOptional({ example: ['What savings are planned for 2016/17?'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(LONG_TEXT, { each: true })
  @ArrayMaxSize(50)
  questions?: string[];

  @ApiPropertyOptional({ enum: ['verbal', 'written'] })
  @IsOptional()
  @IsIn(['verbal', 'written'], { message: 'responseForm must be verbal or written' })
  responseForm?: 'verbal' | 'written';

  @ApiPropertyOptional({ description: 'Ids of actions the item reports on' })
  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true, message: 'each linked action id must be a UUID' })
  @ArrayMaxSize(100)
  linkedActionIds?: string[];

  @ApiPropertyOptional({ description: 'Ids of decisions the item concerns' })
  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true, message: 'each linked decision id must be a UUID' })
  @ArrayMaxSize(100)
  linkedDecisionIds?: string[];

  @ApiPropertyOptional({ description: 'The schedule-of-assurance matter this item hears' })
  @IsOptional()
  @IsUUID(undefined, { message: 'assuranceMatterId must be a UUID' })
  assuranceMatterId?: string;

  @ApiPropertyOptional({
    type: ItemExemptionDto,
    description: 'An exempt item (private part of the meeting)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ItemExemptionDto)
  exemption?: ItemExemptionDto;
}

export class ReorderAgendaDto extends VersionedDto {
  @ApiProperty({ description: 'Every item id on the agenda, in the new order' })
  @IsArray()
  @IsUUID(undefined, { each: true, message: 'order must list item ids' })
  @ArrayMaxSize(500)
  order!: string[];
}

export class AttendanceDto extends VersionedDto {
  @ApiProperty({ example: 'Mr. J. T. Orson JP CC' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  chair!: string;

  @ApiProperty({ example: ['Cllr. Roger Begy, OBE'] })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMaxSize(200)
  present!: string[];

  @ApiPropertyOptional({ example: ['Col. Robert Martin OBE, DL'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMaxSize(200)
  apologies?: string[];

  @ApiPropertyOptional({ example: ['Sir Clive Loader, Police and Crime Commissioner'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @ArrayMaxSize(200)
  inAttendance?: string[];
}

export class DeclarationDto extends VersionedDto {
  @ApiProperty({ example: "Cllr. O. O'Shea" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  member!: string;

  @ApiPropertyOptional({ description: 'The item it concerns; absent for all items' })
  @IsOptional()
  @IsUUID(undefined, { message: 'itemId must be the id of an agenda item' })
  itemId?: string;

  @ApiProperty({ example: 'A personal interest as a civilian at Leicestershire Police' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LONG_TEXT)
  nature!: string;
}

export class HoldMeetingDto extends DatedDto {
  @ApiPropertyOptional({ example: '12:30' })
  @IsOptional()
  @Matches(TIME, { message: 'startTime must be HH:MM' })
  startTime?: string;

  @ApiPropertyOptional({ example: '14:15' })
  @IsOptional()
  @Matches(TIME, { message: 'endTime must be HH:MM' })
  endTime?: string;
}

export class ApproveMinutesDto extends DatedDto {
  @ApiProperty({ description: 'The later meeting at which they were approved' })
  @IsUUID(undefined, { message: 'approvedAtMeetingId must be a meeting id' })
  approvedAtMeetingId!: string;

  @ApiProperty({ example: 146, description: 'Its minute that approved them' })
  @IsInt()
  @Min(1)
  minuteNumber!: number;
}

export class CorrectMinutesDto extends DatedDto {
  @ApiProperty({ description: 'The later meeting whose resolution corrects the approved minutes' })
  @IsUUID(undefined, { message: 'correctedAtMeetingId must be a meeting id' })
  correctedAtMeetingId!: string;

  @ApiProperty({ example: 150, description: 'Its minute that resolved the correction' })
  @IsInt()
  @Min(1)
  minuteNumber!: number;

  @ApiProperty({ example: 'Minute 141: for "£2.1m" read "£2.4m".' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  correction!: string;
}

/** Meetings (and boards) of which body, between which dates. */
export class BodyQueryDto {
  @ApiPropertyOptional({ description: 'Body id; `*` for every body (admins)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;
}

export class MeetingWindowDto extends BodyQueryDto {
  @ApiPropertyOptional({ example: '2015-01-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2015-12-31' }) @IsOptional() @IsCalendarDate() to?: string;
}

/** Meetings between dates, as they stood on a day and as known at an instant. */
export class MeetingsQueryDto extends IntersectionType(MeetingWindowDto, TimeTravelQueryDto) {}

/** Boards of which body, as known at an instant. */
export class BoardsQueryDto extends IntersectionType(BodyQueryDto, TimeTravelQueryDto) {}
