import { DependencyUnavailable } from '#libs/errors';

/**
 * kafkajs errors that mean "the broker cannot be reached or did not answer in time". They are
 * matched by `name` because kafkajs is CommonJS and spreads its error classes into its exports,
 * which Node's ESM named-import detection does not see.
 * https://kafka.js.org/docs/retry-detailed (what kafkajs retries before giving up)
 */
const UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
]);

interface KafkaJsLikeError {
  name?: string;
  message?: string;
  retriable?: boolean;
}

/** True for errors after which retrying later can succeed (the broker is down, slow or electing a leader). */
export function isBrokerUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as KafkaJsLikeError;
  if (e.name && UNAVAILABLE.has(e.name)) return true;
  // A retriable protocol error (e.g. LEADER_NOT_AVAILABLE) that survived kafkajs' own retries.
  return Boolean(e.name?.startsWith('KafkaJS') && e.retriable === true);
}

/** Translates a kafkajs error into the shared vocabulary (ARCHITECTURE.md principle 8). */
export function toDomainError(error: unknown, action: string): unknown {
  if (isBrokerUnavailable(error)) {
    return new DependencyUnavailable('kafka', `${action} failed: ${(error as Error).message}`, 5);
  }
  return error;
}
