import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { RecordedEvent } from '#libs/events';
import { EventPublisher } from '#libs/pipeline';
import { createKafkaClient, type KafkaConnectionOptions } from './kafka-client.js';
import { toDomainError } from './kafka-errors.js';
import { encodeEvent } from './event-codec.js';

export interface KafkaEventPublisherOptions extends KafkaConnectionOptions {
  /** The events topic (create it with ensureTopics). */
  readonly topic: string;
}

/**
 * Relay → Kafka. `publish` resolves only when every event of the batch was acknowledged by all
 * in-sync replicas, so the relay may store its checkpoint after it (ARCHITECTURE.md principle 4).
 *
 * Producer settings (https://kafka.js.org/docs/producing#options):
 * - idempotent: true — a retried send is written once per partition, in order
 *   (https://kafka.js.org/docs/producing#idempotent-producer; kafkajs then requires acks -1);
 * - maxInFlightRequests: 1 — one request per broker at a time, so a retry cannot overtake the
 *   request behind it: per-stream order holds even across retries;
 * - acks: -1 (all) — acknowledged means on every in-sync replica, not just the leader;
 * - DefaultPartitioner — Java-compatible murmur2 on the key, so stream → partition matches other
 *   clients (https://kafka.js.org/docs/migration-guide-v2.0.0#producer-new-default-partitioner).
 */
export class KafkaEventPublisher extends EventPublisher {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(private readonly options: KafkaEventPublisherOptions) {
    super();
    this.kafka = createKafkaClient(options);
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async publish(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.connect();
      await this.producer.send({ topic: this.options.topic, acks: -1, messages: events.map(encodeEvent) });
    } catch (error) {
      throw toDomainError(error, `publishing ${events.length} events to ${this.options.topic}`);
    }
  }

  async close(): Promise<void> {
    this.connected = undefined;
    await this.producer.disconnect();
  }

  /** Lazy and retried: a failed connect is attempted again on the next publish. */
  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
