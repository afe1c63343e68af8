/**
 * Typed errors that domain commands throw. The HTTP layer maps each to a problem+json
 * status; the CLI prints the message. None of them carries a stack to the client.
 */
export interface FieldError { field: string; message: string }

export class DomainError extends Error {
  constructor(message: string, readonly status: number, readonly type: string) { super(message); }
}
export class NotFoundError extends DomainError {
  constructor(what = 'resource') { super(`The ${what} was not found.`, 404, 'not-found'); }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') { super(message, 403, 'forbidden'); }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication is required.') { super(message, 401, 'unauthorized'); }
}
export class ConflictError extends DomainError {
  constructor(message: string) { super(message, 409, 'conflict'); }
}
export class ValidationError extends DomainError {
  constructor(readonly errors: FieldError[], message = 'The request has invalid fields.') {
    super(message, 422, 'validation');
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}
export class PayloadTooLargeError extends DomainError {
  constructor(message: string) { super(message, 413, 'payload-too-large'); }
}
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) { super(message, 415, 'unsupported-media-type'); }
}
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests; try again later.', 429, 'rate-limited');
  }
}
