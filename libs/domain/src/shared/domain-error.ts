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
