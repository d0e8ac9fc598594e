/** What kind of refusal this is; the HTTP edge maps each kind to a status code. */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unprocessable';

/** A rule of the domain refused a command. The message says what is wrong and what to do. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Longer than any value a refusal needs to show of what was written (a date, a code, an email). */
const QUOTED_LENGTH = 60;

/**
 * What a person wrote, quoted in a refusal: the first 60 characters, so a page of text pasted into
 * a date field comes back as one line of error, not as a page of it.
 */
export const quoted = (written: unknown): string => {
  const text = String(written);
  return `"${text.length > QUOTED_LENGTH ? `${text.slice(0, QUOTED_LENGTH)}…` : text}"`;
};
