import { DomainError } from '../shared/domain-error';
import { IsoDate } from '../shared/event';
import { requireIsoDate } from '../shared/iso-date';

export const conflict = (code: string, message: string, field?: string) =>
  new DomainError(code, message, 'conflict', field);

/** A date no earlier than `earliest`, naming what that earlier date was. */
export function notBefore(date: IsoDate, earliest: IsoDate | null, field: string, what: string): IsoDate {
  requireIsoDate(date, field);
  if (earliest && date < earliest)
    throw new DomainError(
      'DATE_TOO_EARLY',
      `${field} ${date} is before ${what} (${earliest})`,
      'invalid',
      field,
    );
  return date;
}
