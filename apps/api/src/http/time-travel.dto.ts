import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOptional } from './validation';

/** An optional instant "as known at", written ISO 8601, with what it means on this read. */
export function KnownAt(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ example: '2017-10-05T17:00:00Z', description }),
    IsOptional(),
    IsISO8601(
      { strict: true },
      { message: 'knownAt must be an ISO 8601 date-time, e.g. 2017-10-10T17:00:00Z' },
    ),
    MaxLength(40),
  );
}

/**
 * The two times of an auditor's question, on every read: what was in effect on a day (`asOf`), and
 * what had been recorded by an instant (`knownAt`), alone or together.
 */
export class TimeTravelQueryDto {
  @ApiPropertyOptional({
    example: '2017-09-30',
    description:
      'Read as in effect at the end of this date: statuses by the period they are for, decisions and ' +
      'meetings by their own dates, however late they were recorded',
  })
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(40)
  asOf?: string;

  @KnownAt(
    'Read only what had been recorded by this instant ("what did we know then?"), as a replay of the log would',
  )
  knownAt?: string;
}

/** The time a read is asked for; either may be absent. */
export type ReadTime = Pick<TimeTravelQueryDto, 'asOf' | 'knownAt'>;

/** " in effect on 2017-09-30 as known at 2017-10-05T17:00:00Z": what a "not found" then adds. */
export const whenAsked = (time: ReadTime): string =>
  [time.asOf && ` in effect on ${time.asOf}`, time.knownAt && ` as known at ${time.knownAt}`]
    .filter(Boolean)
    .join('');
