import { ErrorType, isCommandError } from '@kurrent/kurrentdb-client';
import { DependencyUnavailable } from '#libs/errors';

export interface RetryOptions {
  /** Tries in all (the first included) while the server is unavailable. Default 4. */
  readonly attempts?: number;
  /** Wait before the second try; doubles for every further try. Default 100 ms. */
  readonly initialDelayMs?: number;
  /** Upper bound of a single wait. Default 2000 ms. */
  readonly maxDelayMs?: number;
}

/** grpc status UNAVAILABLE (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
const GRPC_UNAVAILABLE = 14;

/**
 * Whether an error means "the server cannot be reached". Two shapes reach us (TESTING.md,
 * measured with client 1.3.1): appendToStream (grpc-js path) rejects with the raw grpc error
 * of code 14, reads (the client's Rust core) with its `UnavailableError`.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof Error && isCommandError(error) && error.type === ErrorType.UNAVAILABLE) return true;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === GRPC_UNAVAILABLE;
}

export function unavailable(error: unknown): DependencyUnavailable {
  const reason = error instanceof Error ? error.message : String(error);
  return new DependencyUnavailable('KurrentDB', `the server cannot be reached (${reason})`);
}

/** Exponential backoff delays between tries: initial, 2×initial, ... capped. Pure. */
export function backoffDelays(options: RetryOptions = {}): number[] {
  const attempts = Math.max(1, options.attempts ?? 4);
  const initial = options.initialDelayMs ?? 100;
  const max = options.maxDelayMs ?? 2000;
  return Array.from({ length: attempts - 1 }, (_, i) => Math.min(max, initial * 2 ** i));
}

/**
 * Runs `operation`, trying again with exponential backoff while the server is unavailable;
 * after the last try, rejects with DependencyUnavailable. Other errors pass through at once.
 * Safe for appends: a retried append carries the same event ids, which the adapter answers
 * idempotently.
 */
export async function withUnavailableRetry<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const delays = backoffDelays(options);
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      const delay = delays[attempt];
      if (delay === undefined) throw unavailable(error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
