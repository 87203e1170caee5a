/** Stable error codes; one mapper at the HTTP edge turns each into a status and a page or problem+json. */
export type ErrorCode = 'not_found' | 'invalid_input' | 'too_many_requests' | 'forbidden' | 'unauthenticated';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} was not found`);
export const invalidInput = (field: string, message: string) => new DomainError('invalid_input', message, field);
export const forbidden = (message = 'You may not do this.') => new DomainError('forbidden', message);
