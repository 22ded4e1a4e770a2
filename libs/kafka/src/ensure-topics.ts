import { createKafkaClient, type KafkaConnectionOptions } from './kafka-client.js';
import { toDomainError } from './kafka-errors.js';

export interface EnsureTopicsOptions extends KafkaConnectionOptions {
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** Upper bound of consumer parallelism; per-stream order holds because the key is the stream id. */
  readonly partitions: number;
  /** 1 on a one-node test broker; 3 in production (with min.insync.replicas 2 on the broker). */
  readonly replicationFactor: number;
}

/**
 * Creates the events topic and its dead-letter topic when missing (brokers run with
 * auto.create.topics.enable=false, so a misspelt topic fails instead of appearing).
 * Idempotent: existing topics are left as they are.
 * https://kafka.js.org/docs/admin#create-topics
 */
export async function ensureTopics(options: EnsureTopicsOptions): Promise<void> {
  const admin = createKafkaClient(options).admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = [options.topic, options.deadLetterTopic].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      // waitForLeaders: the topic is usable (has partition leaders) when this resolves.
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: options.replicationFactor,
      })),
    });
  } catch (error) {
    // Another process created it between listTopics and createTopics: that is what we wanted.
    if ((error as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') return;
    throw toDomainError(error, `creating topics ${options.topic}, ${options.deadLetterTopic}`);
  } finally {
    await admin.disconnect();
  }
}
