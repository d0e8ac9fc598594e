import { BadRequestException } from '@nestjs/common';
import { isIsoDate } from '#domain/shared/iso-date';
import { endOfLocalDay, localDateOf } from '#domain/shared/time-zone';
import { ForwardPlanQueryDto } from '../decisions/decision.dto';

export interface ForwardPlanWindow {
  readonly from: string;
  readonly to: string;
  /** Absent: the plan as it stands now. */
  readonly asOf?: Date;
}

/** Forward plans look four months ahead unless told otherwise (plans are revised monthly). */
const DEFAULT_MONTHS_AHEAD = 4;

function monthsAfter(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The window and instant a forward-plan request asks for, with the defaults a reader expects: from
 * today (or the day of `asOf`) on the body's calendar.
 */
export function forwardPlanWindow(
  query: ForwardPlanQueryDto,
  now: Date,
  timeZone: string,
): ForwardPlanWindow {
  const asOf = query.asOf === undefined ? undefined : asOfInstant(query.asOf, timeZone);
  const from = query.from ?? localDateOf(asOf ?? now, timeZone);
  const to = query.to ?? monthsAfter(from, DEFAULT_MONTHS_AHEAD);
  if (to < from) throw new BadRequestException({ message: `to ${to} is before from ${from}`, field: 'to' });
  return { from, to, asOf };
}

/**
 * A date means the end of that day on the body's calendar (the plan as it stood when the day was
 * over); else an ISO instant.
 */
function asOfInstant(text: string, timeZone: string): Date {
  if (isIsoDate(text)) return endOfLocalDay(text, timeZone);
  const instant = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new BadRequestException({
      message: `asOf "${text}" is not a date (YYYY-MM-DD) or an ISO instant (2026-02-01T12:00:00Z)`,
      field: 'asOf',
    });
  }
  return instant;
}
