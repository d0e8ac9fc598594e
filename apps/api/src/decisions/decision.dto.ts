import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CALL_IN_OUTCOMES,
  CallInOutcome,
  EXEMPTABLE_PARTS,
  ExemptablePart,
  SPECIAL_URGENCY_ROLES,
} from '#domain/decision/decision.events';
import { DecisionStage } from '#domain/decision/decision.document';
import { DatedDto, VersionedDto } from '../actions/action.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { KnownAt, TimeTravelQueryDto } from '../http/time-travel.dto';
import { IsCalendarDate, IsOptional, OptionalTextList } from '../http/validation';

const TEXT = 20_000;

export class ExemptionDto {
  @ApiProperty({
    example: 3,
    description: 'Paragraph of Schedule 12A to the Local Government Act 1972 (1-7)',
  })
  @IsInt()
  @Min(1, { message: 'category must be a paragraph of Schedule 12A: 1-7' })
  @Max(7, { message: 'category must be a paragraph of Schedule 12A: 1-7' })
  category!: number;

  @ApiProperty({ example: 'Commercially sensitive pricing from the bidders' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ enum: EXEMPTABLE_PARTS, isArray: true, example: ['reasons', 'documents'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(EXEMPTABLE_PARTS, { each: true, message: `each part must be one of ${EXEMPTABLE_PARTS.join(', ')}` })
  @ArrayMaxSize(10)
  parts!: ExemptablePart[];
}

export class ProposeDecisionDto {
  @ApiPropertyOptional({
    example: 'leics-opcc',
    description: 'Required when your token acts for several bodies',
  })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  bodyId?: string;

  @ApiProperty({ example: 'Award of the custody healthcare contract' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  subject!: string;

  @ApiProperty({ example: 'Police and Crime Commissioner' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decisionMaker!: string;

  @ApiProperty({ example: '2026-04-15', description: 'When the decision is expected to be taken' })
  @IsCalendarDate()
  expectedOn!: string;

  @ApiProperty({ description: 'A key decision needs 28 clear days of notice on the forward plan' })
  @IsBoolean()
  keyDecision!: boolean;

  @ApiProperty({
    description: 'Listed on the published register of decisions of significant public interest',
  })
  @IsBoolean()
  significantPublicInterest!: boolean;

  @ApiPropertyOptional({ example: ['Report to the Commissioner, March 2026'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  documents?: string[];

  @ApiPropertyOptional({
    type: ExemptionDto,
    description: 'Parts that hold exempt (confidential) information',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExemptionDto)
  exemption?: ExemptionDto;
}

export class ExemptionChangeDto extends VersionedDto {
  @ApiProperty({ type: ExemptionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ExemptionDto)
  exemption!: ExemptionDto;
}

export class LiftExemptionDto extends VersionedDto {
  @ApiProperty({ example: 'The contract has been signed; pricing is now published.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  liftedOn?: string;
}

export class DeferDecisionDto extends VersionedDto {
  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  expectedOn!: string;

  @ApiProperty({ example: 'Awaiting the outcome of consultation.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  reason!: string;
}

export class ReasonedDto extends DatedDto {
  @ApiProperty({ example: 'No longer needed.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  reason!: string;
}

export class GeneralExceptionDto extends VersionedDto {
  @ApiProperty({ example: '2026-03-02', description: 'When the scrutiny chair was informed in writing' })
  @IsCalendarDate()
  scrutinyChairInformedOn!: string;

  @ApiProperty({ example: 'The current contract expires before 28 clear days could run.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  reason!: string;
}

export class SpecialUrgencyDto extends DatedDto {
  @ApiProperty({ example: 'Cllr Smith' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agreedBy!: string;

  @ApiProperty({ enum: SPECIAL_URGENCY_ROLES })
  @IsIn(SPECIAL_URGENCY_ROLES, { message: `agreedByRole must be one of ${SPECIAL_URGENCY_ROLES.join(', ')}` })
  agreedByRole!: (typeof SPECIAL_URGENCY_ROLES)[number];

  @ApiProperty({ example: 'The provider has ceased trading.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  reason!: string;
}

export class TakeDecisionDto extends DatedDto {
  @ApiProperty({ example: 'To award the contract to the preferred bidder.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  decisionText!: string;

  @ApiProperty({ example: 'It offers the best value and meets the service specification.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  reasons!: string;

  @ApiPropertyOptional({ example: ['Extend the current contract'] })
  @OptionalTextList()
  alternativesRejected?: string[];

  @ApiPropertyOptional({ example: [] })
  @OptionalTextList()
  conflictsOfInterest?: string[];

  @ApiPropertyOptional({ example: [] })
  @OptionalTextList()
  dispensations?: string[];

  @ApiProperty({ example: 'Lord Bach, Police and Crime Commissioner' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decidedBy!: string;
}

export class CallInDto extends ReasonedDto {
  @ApiProperty({ example: ['Cllr Jones', 'Cllr Patel'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMaxSize(50)
  calledInBy!: string[];
}

export class CallInOutcomeDto extends DatedDto {
  @ApiProperty({ enum: CALL_IN_OUTCOMES })
  @IsIn(CALL_IN_OUTCOMES, { message: `outcome must be one of ${CALL_IN_OUTCOMES.join(', ')}` })
  outcome!: CallInOutcome;

  @ApiPropertyOptional({ example: 'The committee asked for the cost comparison.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string;
}

export class ReconsiderDto extends DatedDto {
  @ApiProperty({ enum: ['confirmed', 'amended'] })
  @IsIn(['confirmed', 'amended'], { message: 'outcome must be confirmed or amended' })
  outcome!: 'confirmed' | 'amended';

  @ApiPropertyOptional({ description: 'The amended decision text (required when amended)' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  decisionText?: string;
}

export class SupersedeDto extends DatedDto {
  @ApiProperty({ description: 'The id of the taken decision that supersedes this one' })
  @IsUUID(undefined, { message: 'supersededBy must be the id (a UUID) of a decision' })
  supersededBy!: string;
}

const STAGES: DecisionStage[] = ['proposed', 'withdrawn', 'taken', 'revoked', 'superseded'];
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The decision register's filters, as the public pages take them (their body is in the path). */
export class PublicDecisionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES, { message: `stage must be one of ${STAGES.join(', ')}` })
  stage?: DecisionStage;

  @ApiPropertyOptional({
    description: 'Only decisions of significant public interest (true) or the others (false)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'significantPublicInterest must be true or false' })
  significantPublicInterest?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'keyDecision must be true or false' })
  keyDecision?: boolean;

  @ApiPropertyOptional({ description: 'Text to find in the subject, decision, reasons or maker' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Taken on or after' })
  @IsOptional()
  @IsCalendarDate()
  takenFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Taken on or before' })
  @IsOptional()
  @IsCalendarDate()
  takenTo?: string;
}

export class ListDecisionsQueryDto extends IntersectionType(PublicDecisionsQueryDto, TimeTravelQueryDto) {
  @ApiPropertyOptional({ description: 'Body id; `*` for every body (admins)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;
}

/** The forward plan's window, as the public pages take it (their body is in the path). */
export class PublicForwardPlanQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First expected date; default today' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'Last expected date; default four months after from',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    example: '2026-02-01',
    description: 'The plan as it stood at the end of this date (or at this ISO instant)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;

  @ApiPropertyOptional({ description: 'Key decisions only' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'keyOnly must be true or false' })
  keyOnly?: boolean;
}

export class ForwardPlanQueryDto extends PublicForwardPlanQueryDto {
  @ApiPropertyOptional({ description: 'Body id (required for several-body tokens)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;

  @KnownAt('The plan only as recorded by this instant (a replay of the log); compliance as on asOf')
  knownAt?: string;

  @ApiPropertyOptional({ description: 'Add open actions falling due in the window (JSON only)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeActions must be true or false' })
  includeActions?: boolean;
}
