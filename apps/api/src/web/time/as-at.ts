import { DateTime } from 'luxon';
import { isIsoDate, isRealDate } from '#domain/shared/iso-date';
import { longDate } from '../../publishing/html-pages';
import { ReadTime } from '../../http/time-travel.dto';
import { Response } from 'express';
import nunjucks from 'nunjucks';
import { FieldError, formText, renderPage, SignedInRequest } from '../page';

/** The moment a page shows: statuses in effect on `asAt`, and only what was recorded by `knownAt`. */
export interface PageTime {
  /** The date asked for, or today on the body's calendar. */
  readonly asAt: string;
  /** The instant asked for (UTC, ISO 8601), or null for everything recorded. */
  readonly knownAt: string | null;
  /** What the person typed or the link carried, to keep on links and in the form. */
  readonly asked: { readonly asAt: string; readonly knownAt: string };
  /** A page shown as at another time: a banner says so, and no forms or buttons are shown. */
  readonly travelling: boolean;
  readonly banner: string | null;
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/;

/**
 * An instant from what a person types: an ISO 8601 date-time, or a date written `5/10/2017` with
 * an optional time `12:00` on the body's clock. A date alone means the end of that day: everything
 * recorded on it.
 */
export function parseKnownAt(text: string, timeZone: string): string | null {
  const uk = UK_DATE.exec(text);
  if (uk) {
    const [day, month, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (!isRealDate(year, month, day)) return null;
    const local = DateTime.fromObject({ year, month, day }, { zone: timeZone });
    const at =
      uk[4] === undefined ? local.endOf('day') : local.set({ hour: Number(uk[4]), minute: Number(uk[5]) });
    if (!at.isValid || Number(uk[4] ?? 0) > 23 || Number(uk[5] ?? 0) > 59) return null;
    return at.toUTC().toISO();
  }
  const iso = DateTime.fromISO(text, { setZone: true });
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && iso.isValid ? iso.toUTC().toISO() : null;
}

/** "1pm (UK time) on 5 October 2017": an instant as the body's people read it. */
export function spokenInstant(instant: string, timeZone: string): string {
  const local = DateTime.fromISO(instant, { zone: timeZone });
  const time = local.minute === 0 ? local.toFormat('ha') : local.toFormat('h:mma');
  const zone = timeZone === 'Europe/London' ? 'UK time' : timeZone;
  return `${time.toLowerCase()} (${zone}) on ${longDate(local.toISODate())}`;
}

/**
 * The time a page is asked for by `?asAt=` and `?knownAt=`, or the errors that say what is wrong
 * with them (the page then answers 400 and shows them beside the fields).
 */
export function pageTimeOf(
  query: Record<string, unknown>,
  today: string,
  timeZone: string,
): { time: PageTime; errors: FieldError[] } {
  const asked = { asAt: formText(query.asAt), knownAt: formText(query.knownAt) };
  const errors: FieldError[] = [];
  let asAt = today;
  if (asked.asAt && !isIsoDate(asked.asAt))
    errors.push({ field: 'asAt', text: 'The date must be written like 2017-09-30' });
  else if (asked.asAt) asAt = asked.asAt;
  let knownAt: string | null = null;
  if (asked.knownAt) {
    knownAt = parseKnownAt(asked.knownAt, timeZone);
    if (!knownAt)
      errors.push({
        field: 'knownAt',
        text: 'Write the date and time like 5/10/2017 12:00, or just the date, like 5/10/2017',
      });
  }
  const travelling = Boolean(asked.asAt || knownAt);
  const parts = [
    asked.asAt ? `as at ${longDate(asAt)}` : null,
    knownAt ? `as known at ${spokenInstant(knownAt, timeZone)}` : null,
  ].filter(Boolean);
  return {
    time: {
      asAt,
      knownAt,
      asked,
      travelling,
      banner: travelling ? `You are viewing this ${parts.join(', ')}` : null,
    },
    errors,
  };
}

/** The time the reads of a page ask for: a date only when one was asked, an instant when given. */
export const readTimeOf = (time: PageTime): ReadTime => ({
  asOf: time.asked.asAt ? time.asAt : undefined,
  knownAt: time.knownAt ?? undefined,
});

/** A link that keeps the page's time: the same `asAt` and `knownAt` as the page it is on. */
export function timeLink(path: string, time: PageTime, more: Record<string, string> = {}): string {
  const query = new URLSearchParams(
    Object.entries({ ...more, asAt: time.asked.asAt, knownAt: time.asked.knownAt }).filter(([, v]) => v),
  ).toString();
  return query ? `${path}?${query}` : path;
}

/** A date typed as 30/9/2017 or 2017-09-30; '' when blank (the command then takes today). */
export function typedDate(text: string): string | null {
  if (!text) return '';
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text;
  return isIsoDate(iso) ? iso : null;
}

/** A record that did not exist yet at the time asked: the page says so (404), with the way back to now. */
export function notThen(
  views: nunjucks.Environment,
  request: SignedInRequest,
  response: Response,
  time: PageTime,
  what: string,
): void {
  renderPage(views, request, response, 'pages/not-then.njk', {
    title: 'Not yet recorded then',
    status: 404,
    time,
    current: request.path,
    what,
  });
}
