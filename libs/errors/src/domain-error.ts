/**
 * The error vocabulary every layer speaks. Adapters translate vendor errors into these;
 * one HTTP exception filter maps them to RFC 7807 problem+json (API.md "Conventions").
 * `code` is stable and documented: clients branch on it, never on `detail`.
 */
export interface FieldError {
  /** JSON pointer into the request body, e.g. `/items/3`. */
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** 400: the request does not match its schema. Nothing was written. */
export class ValidationFailed extends DomainError {
  constructor(errors: readonly FieldError[], detail = 'The request does not match its schema.') {
    super(400, 'VALIDATION_FAILED', 'Invalid request', detail, errors);
  }
}

/** 401: no token, or one that does not verify. */
export class Unauthenticated extends DomainError {
  constructor(detail = 'A valid bearer token is required.') {
    super(401, 'UNAUTHENTICATED', 'Unauthenticated', detail);
  }
}

/** 403: the resource is in the caller's organization but outside the caller's role scope. */
export class Forbidden extends DomainError {
  constructor(detail: string, code = 'FORBIDDEN') {
    super(403, code, 'Forbidden', detail);
  }
}

/** 404: unknown id, or an id of another organization (we never confirm it exists). */
export class NotFound extends DomainError {
  constructor(what: string, id: string, code = 'NOT_FOUND') {
    super(404, code, 'Not found', `${what} ${id} was not found.`);
  }
}

/** 409: optimistic concurrency conflict, duplicate id or idempotency-key reuse. */
export class Conflict extends DomainError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', detail);
  }
}

/** 422: the request is well-formed but breaks a rule of the domain. */
export class RuleBroken extends DomainError {
  constructor(code: string, detail: string) {
    super(422, code, 'Rule broken', detail);
  }
}

/** 503: a server we depend on is down; the caller may retry after `retryAfterSeconds`. */
export class DependencyUnavailable extends DomainError {
  constructor(
    dependency: string,
    detail: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(503, 'DEPENDENCY_UNAVAILABLE', 'Service unavailable', `${dependency}: ${detail}`);
  }
}

/** A message that can never be processed (cannot be parsed or projected): dead-letter it. */
export class PoisonMessage extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PoisonMessage';
  }
}
