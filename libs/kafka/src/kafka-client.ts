import { Kafka, logLevel, type RetryOptions } from 'kafkajs';

/** Where the brokers are and who we are; passed in by each app's config module (no process.env here). */
export interface KafkaConnectionOptions {
  /** host:port of one or more brokers, e.g. ['127.0.0.1:19092']. */
  readonly brokers: readonly string[];
  /** Shows up in broker logs and quotas: name it after the process (relay, projector). */
  readonly clientId: string;
  /** kafkajs default 1000 ms; https://kafka.js.org/docs/configuration#connection-timeout */
  readonly connectionTimeoutMs?: number;
  /** kafkajs default 30000 ms; https://kafka.js.org/docs/configuration#request-timeout */
  readonly requestTimeoutMs?: number;
  /** How kafkajs retries a failed request before it gives up; https://kafka.js.org/docs/configuration#retry */
  readonly retry?: RetryOptions;
  /** kafkajs' own log level; WARN by default (INFO logs every group join). */
  readonly logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

const LEVELS = { nothing: logLevel.NOTHING, error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG };

export function createKafkaClient(options: KafkaConnectionOptions): Kafka {
  return new Kafka({
    brokers: [...options.brokers],
    clientId: options.clientId,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    retry: options.retry,
    logLevel: LEVELS[options.logLevel ?? 'warn'],
  });
}
