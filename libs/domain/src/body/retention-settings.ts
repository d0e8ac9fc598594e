import { DomainError } from '../shared/domain-error';

/**
 * How long a body keeps its records, by type. Minutes and decision records are kept at least six
 * years (the Local Government Act 1972 and the 2012 Regulations ask for six), or permanently
 * (null); an officer's personal data may be erased once they have been disabled this many months.
 * Erasure never removes a record: it replaces the person's words with "erased person".
 */
export interface RetentionSettings {
  readonly minutesYears: number | null;
  readonly decisionRecordsYears: number | null;
  readonly officerPersonalDataMonths: number;
}

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  minutesYears: null,
  decisionRecordsYears: null,
  officerPersonalDataMonths: 0,
};

const MINIMUM_YEARS = 6;

export function retentionSettingsOf(retention: RetentionSettings): RetentionSettings {
  for (const field of ['minutesYears', 'decisionRecordsYears'] as const) {
    const years = retention[field];
    if (years !== null && (!Number.isInteger(years) || years < MINIMUM_YEARS || years > 1000))
      throw new DomainError(
        'INVALID_SETTING',
        `retention.${field} ${years} must be a whole number of years from ${MINIMUM_YEARS}, or null for permanently`,
        'invalid',
        `retention.${field}`,
      );
  }
  const months = retention.officerPersonalDataMonths;
  if (!Number.isInteger(months) || months < 0 || months > 1200)
    throw new DomainError(
      'INVALID_SETTING',
      `retention.officerPersonalDataMonths ${months} must be a whole number of months from 0 to 1200`,
      'invalid',
      'retention.officerPersonalDataMonths',
    );
  return retention;
}
