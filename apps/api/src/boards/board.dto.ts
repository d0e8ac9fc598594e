import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { BOARD_CODE_PATTERN } from '../../../../libs/domain/src/board/board.decider';
import { DatedDto, VersionedDto } from '../actions/action.dto';
import { IsCalendarDate, IsOptional, OptionalTextList } from '../http/validation';

const TEXT = 20_000;
const TIME = /^([01]\d|2[0-3])[:.][0-5]\d$/;

export class BoardMemberDto {
  @ApiProperty({ example: 'Mr. J. T. Orson JP CC' })
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

export class ScheduleMeetingDto {
  @ApiProperty({ example: '2015-07-17' })
  @IsCalendarDate()
  date!: string;

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
  @MaxLength(TEXT, { each: true })
  questions?: string[];

  @ApiPropertyOptional({ enum: ['verbal', 'written'] })
  @IsOptional()
  @IsIn(['verbal', 'written'], { message: 'responseForm must be verbal or written' })
  responseForm?: 'verbal' | 'written';

  @ApiPropertyOptional({ description: 'Ids of actions the item reports on' })
  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true, message: 'each linked action id must be a UUID' })
  linkedActionIds?: string[];

  @ApiPropertyOptional({ description: 'Ids of decisions the item concerns' })
  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true, message: 'each linked decision id must be a UUID' })
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
  present!: string[];

  @ApiPropertyOptional({ example: ['Col. Robert Martin OBE, DL'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  apologies?: string[];

  @ApiPropertyOptional({ example: ['Sir Clive Loader, Police and Crime Commissioner'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(300, { each: true })
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
  @MaxLength(TEXT)
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

export class NamedVoteDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  member!: string;

  @ApiProperty({ enum: ['for', 'against', 'abstained'] })
  @IsIn(['for', 'against', 'abstained'], { message: 'vote must be for, against or abstained' })
  vote!: 'for' | 'against' | 'abstained';
}

export class CastingVoteDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by!: string;

  @ApiProperty({ enum: ['for', 'against'] })
  @IsIn(['for', 'against'], { message: 'castingVote.vote must be for or against' })
  vote!: 'for' | 'against';
}

export class VoteDto {
  @ApiProperty() @IsInt() @Min(0) for!: number;
  @ApiProperty() @IsInt() @Min(0) against!: number;
  @ApiProperty() @IsInt() @Min(0) abstained!: number;

  @ApiPropertyOptional({ type: [NamedVoteDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NamedVoteDto)
  named?: NamedVoteDto[];

  @ApiPropertyOptional({ type: CastingVoteDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CastingVoteDto)
  castingVote?: CastingVoteDto;
}

const OUTCOME_KINDS = ['noted', 'resolved', 'deferred', 'action raised', 'decision requested'] as const;

export class OutcomeDto {
  @ApiProperty({ enum: OUTCOME_KINDS })
  @IsIn(OUTCOME_KINDS, { message: `outcome.kind must be one of ${OUTCOME_KINDS.join(', ')}` })
  kind!: (typeof OUTCOME_KINDS)[number];

  @ApiPropertyOptional({
    description: 'noted: what was noted',
    example: 'It was NOTED that the next meeting ...',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  text?: string;

  @ApiPropertyOptional({ description: 'resolved: the parts, lettered (a), (b), ... when more than one' })
  @OptionalTextList()
  parts?: string[];

  @ApiPropertyOptional({ type: VoteDto, description: 'resolved: the vote, when one was taken' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VoteDto)
  vote?: VoteDto;

  @ApiPropertyOptional({ description: 'deferred: to which meeting (id)' })
  @IsOptional()
  @IsUUID(undefined, { message: 'outcome.toMeetingId must be a meeting id' })
  toMeetingId?: string;

  @ApiPropertyOptional({ description: 'deferred: why' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  reason?: string;
}

export class RaisedActionDto {
  @ApiPropertyOptional({ example: 'b', description: 'The resolution part that raised it' })
  @IsOptional()
  @Matches(/^[a-z]$/, { message: 'part must be a letter a-z' })
  part?: string;

  @ApiProperty({ example: 'Further update on the MTFS position' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: 'Chief Finance Officer (OPCC)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  owner!: string;

  @ApiPropertyOptional({ example: '2015-09-16' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ description: 'Due on the date of the board’s next meeting' })
  @IsOptional()
  @IsBoolean()
  dueAtNextMeeting?: boolean;
}

export class RequestedDecisionDto {
  @ApiPropertyOptional({ example: 'a' })
  @IsOptional()
  @Matches(/^[a-z]$/, { message: 'part must be a letter a-z' })
  part?: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) subject!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) decisionMaker!: string;
  @ApiProperty({ example: '2015-10-01' }) @IsCalendarDate() expectedOn!: string;
  @ApiProperty() @IsBoolean() keyDecision!: boolean;
  @ApiProperty() @IsBoolean() significantPublicInterest!: boolean;
}

export class RecordOutcomeDto extends VersionedDto {
  @ApiPropertyOptional({
    example: ['The Panel considered a report of the Police and Crime Commissioner ...'],
  })
  @OptionalTextList()
  narrative?: string[];

  @ApiPropertyOptional({ description: 'Points noted in discussion' })
  @OptionalTextList()
  discussion?: string[];

  @ApiProperty({ type: OutcomeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomeDto)
  outcome!: OutcomeDto;

  @ApiPropertyOptional({ type: [RaisedActionDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RaisedActionDto)
  actions?: RaisedActionDto[];

  @ApiPropertyOptional({ type: [RequestedDecisionDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RequestedDecisionDto)
  decisions?: RequestedDecisionDto[];
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
