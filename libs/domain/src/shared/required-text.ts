import { DomainError } from './domain-error';

/** Trimmed text that must not be blank; the error names the field. */
export function requiredText(text: string | undefined, field: string): string {
  const trimmed = (text ?? '').trim();
  if (trimmed === '')
    throw new DomainError('REQUIRED', `${field} is required and must not be blank`, 'invalid', field);
  return trimmed;
}
