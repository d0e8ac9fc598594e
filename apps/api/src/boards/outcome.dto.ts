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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OutcomeInput } from '#domain/meeting/meeting.commands';
import { VersionedDto } from '../actions/action.dto';
import { IsCalendarDate, IsOptional, LONG_TEXT, OptionalTextList } from '../http/validation';

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
  @ArrayMaxSize(200)
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
  @MaxLength(LONG_TEXT)
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
  @MaxLength(LONG_TEXT)
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
  @ArrayMaxSize(100)
  actions?: RaisedActionDto[];

  @ApiPropertyOptional({ type: [RequestedDecisionDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RequestedDecisionDto)
  @ArrayMaxSize(100)
  decisions?: RequestedDecisionDto[];
}

export class AmendOutcomeDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'What the minutes say first, as amended' })
  @OptionalTextList()
  narrative?: string[];

  @ApiPropertyOptional({ description: 'Points noted in discussion, as amended' })
  @OptionalTextList()
  discussion?: string[];

  @ApiProperty({ type: OutcomeDto, description: 'The outcome as amended; actions and decisions raised stay' })
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomeDto)
  outcome!: OutcomeDto;

  @ApiProperty({ example: 'The Chairman asked that the resolution record the vote' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LONG_TEXT)
  reason!: string;
}

/** The outcome a request describes, in the domain's shape (fields of other kinds left out). */
export function outcomeInputOf(o: OutcomeDto): OutcomeInput {
  return o.kind === 'noted'
    ? { kind: o.kind, text: o.text ?? '' }
    : o.kind === 'resolved'
      ? { kind: o.kind, parts: o.parts ?? [], vote: o.vote ?? null }
      : o.kind === 'deferred'
        ? { kind: o.kind, toMeetingId: o.toMeetingId ?? null, reason: o.reason ?? '' }
        : { kind: o.kind };
}
