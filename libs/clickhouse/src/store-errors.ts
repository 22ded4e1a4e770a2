import { DependencyUnavailable } from '#libs/errors';

/**
 * Translates client errors into the error vocabulary (ARCHITECTURE.md principle 8): a store
 * that cannot be reached (or is temporarily refusing work) becomes DependencyUnavailable, so
 * the caller retries; every other error passes through unchanged.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

// ClickHouse server error codes that mean "try again later", from
// https://github.com/ClickHouse/ClickHouse/blob/master/src/Common/ErrorCodes.cpp
const TRANSIENT_SERVER_CODES = new Set([
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES
  '209', // SOCKET_TIMEOUT
  '210', // NETWORK_ERROR
  '242', // TABLE_IS_READ_ONLY (a replica lost its coordination service)
  '252', // TOO_MANY_PARTS (inserts throttled until merges catch up)
]);

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

// Duck-typed, not `instanceof Error`: socket errors come from Node's own realm, which is not
// the realm of the calling code under Jest's VM modules (or any other vm context).
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause } = error as ErrorLike;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || TRANSIENT_SERVER_CODES.has(code))) return true;
  // @clickhouse/client's own request_timeout raises a plain Error with this message.
  if (message === 'Timeout error.') return true;
  return cause !== undefined && cause !== error && isUnreachable(cause, depth + 1);
}

export function translateStoreError(error: unknown, dependency: string): unknown {
  if (!isUnreachable(error)) return error;
  const message = (error as ErrorLike).message;
  return new DependencyUnavailable(dependency, typeof message === 'string' ? message : String(error));
}
