import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ValidateIf,
} from 'class-validator';
import { BODY_ID_PATTERN } from '#domain/body/body.decider';
import { ReminderSettings } from '#domain/reminder/reminder-settings';
import { IsCalendarDate, IsOptional } from '../http/validation';

export class RegisterBodyDto {
  @ApiProperty({ example: 'leics-opcc', description: 'Lower-case letters, digits and hyphens' })
  @Matches(BODY_ID_PATTERN, { message: 'id must be 2-63 lower-case letters, digits or hyphens' })
  id!: string;

  @ApiProperty({ example: 'Office of the Police and Crime Commissioner for Leicestershire' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class StatusDisplayDto {
  @ApiPropertyOptional({ example: 'Green' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  meaning?: string;

  @ApiPropertyOptional({ example: '#00703c' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  colour?: string;
}

export class StatusDisplaysDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  WHITE?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  RED?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  AMBER?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  GREEN?: StatusDisplayDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplayDto)
  BLUE?: StatusDisplayDto;
}

export class StatutoryPeriodsDto {
  @ApiPropertyOptional({ example: 28, description: 'Clear days a key decision notice must run (reg 9)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  keyDecisionNoticeClearDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Clear days under the general exception (reg 10)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  generalExceptionClearDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Working days scrutiny has to call a decision in' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  callInWorkingDays?: number;

  @ApiPropertyOptional({
    example: ['2026-12-25'],
    description: 'The full list of bank holidays (replaces it)',
  })
  @IsOptional()
  @IsArray()
  @IsCalendarDate({ each: true })
  @ArrayMaxSize(500)
  bankHolidays?: string[];
}

export class ContactDto {
  @ApiProperty({ example: 'CR', description: 'The name records use: a lead officer as written in actions' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'c.robinson@example.gov.uk' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: 'https://hooks.example.gov.uk/reminders' })
  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'webhookUrl must be a URL' })
  webhookUrl?: string;

  @ApiPropertyOptional({ example: 'DCC', description: 'Whom their overdue items escalate to' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  manager?: string;

  @ApiPropertyOptional({ description: 'Send a daily digest of what is due this week and overdue' })
  @IsOptional()
  @IsBoolean()
  dailyDigest?: boolean;
}

export class ReminderSettingsDto {
  @ApiPropertyOptional({ example: [14, 7, 1] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @ArrayMaxSize(20)
  daysBeforeDue?: number[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() onDueDay?: boolean;

  @ApiPropertyOptional({ example: [1, 7] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @ArrayMaxSize(20)
  escalateDaysAfter?: number[];

  @ApiPropertyOptional({ example: [7, 0] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @ArrayMaxSize(20)
  noticeDaysBefore?: number[];

  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsInt() @Min(0) @Max(60) agendaIssueDaysBefore?: number;
  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  writtenAnswersDaysBefore?: number;
  @ApiPropertyOptional({ example: 8, description: 'UTC hour reminders go out' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  sendHour?: number;

  @ApiPropertyOptional({ example: 'Secretary', description: 'The contact who is the board secretary' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  secretary?: string;

  @ApiPropertyOptional({ type: [ContactDto], description: 'The whole directory (replaces it)' })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  @ArrayMaxSize(500)
  contacts?: ContactDto[];
}

export class DecisionSettingsDto {
  @ApiPropertyOptional({
    example: false,
    description:
      "Whether scrutiny may call the body's decisions in (false for a Police and Crime Commissioner)",
  })
  @IsOptional()
  @IsBoolean()
  subjectToCallIn?: boolean;

  @ApiPropertyOptional({
    example: 66,
    description: 'The first number the body gives, continuing a paper series (applies before any is given)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  firstNumber?: number;

  @ApiPropertyOptional({ example: 'Executive Order', description: 'What a numbered decision is called' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  seriesLabel?: string;
}

/** Years a record type is kept; null is permanently (the domain asks at least six). */
const KEPT_YEARS = {
  example: null,
  nullable: true,
  description: 'Whole years, at least 6; null to keep them permanently',
};

export class RetentionSettingsDto {
  @ApiPropertyOptional(KEPT_YEARS)
  @ValidateIf((_, value: unknown) => value !== undefined && value !== null)
  @IsInt()
  @Min(6)
  @Max(1000)
  minutesYears?: number | null;

  @ApiPropertyOptional(KEPT_YEARS)
  @ValidateIf((_, value: unknown) => value !== undefined && value !== null)
  @IsInt()
  @Min(6)
  @Max(1000)
  decisionRecordsYears?: number | null;

  @ApiPropertyOptional({
    example: 72,
    description: 'Months after an officer is disabled before their personal data may be erased (0: at once)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  officerPersonalDataMonths?: number;
}

export class ChangeBodySettingsDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @ApiPropertyOptional({ type: StatusDisplaysDto, description: 'How each fixed status code is shown' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatusDisplaysDto)
  statusDisplay?: StatusDisplaysDto;

  @ApiPropertyOptional({ example: 4, description: 'First month of the reporting year (4 = April)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  yearStartMonth?: number;

  @ApiPropertyOptional({
    example: 'Europe/London',
    description:
      'IANA time zone of the body\'s calendar (default Europe/London): "today", the dates commands default to and reminder send hours are read in it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: StatutoryPeriodsDto, description: 'Notice, exception and call-in periods' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StatutoryPeriodsDto)
  statutoryPeriods?: StatutoryPeriodsDto;

  @ApiPropertyOptional({ type: ReminderSettingsDto, description: 'When reminders go out and to whom' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderSettingsDto)
  reminders?: ReminderSettingsDto;

  @ApiPropertyOptional({ type: DecisionSettingsDto, description: 'Numbering and call-in of decisions' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionSettingsDto)
  decisions?: DecisionSettingsDto;

  @ApiPropertyOptional({
    type: RetentionSettingsDto,
    description: 'How long records and personal data are kept',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RetentionSettingsDto)
  retention?: RetentionSettingsDto;
}

/** The request's contact list becomes the settings' directory, keyed by name. */
export function reminderChange({ contacts, ...rest }: ReminderSettingsDto): Partial<ReminderSettings> {
  if (!contacts) return rest;
  return {
    ...rest,
    contacts: Object.fromEntries(
      contacts.map((c) => [
        c.name,
        {
          email: c.email ?? null,
          webhookUrl: c.webhookUrl ?? null,
          manager: c.manager ?? null,
          dailyDigest: c.dailyDigest ?? false,
        },
      ]),
    ),
  };
}
