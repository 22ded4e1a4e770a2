import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { type DeadLetter, DeadLetterSink } from '#libs/pipeline';
import { createKafkaClient, type KafkaConnectionOptions } from './kafka-client.js';
import { toDomainError } from './kafka-errors.js';
import { encodeEvent } from './event-codec.js';

export interface KafkaDeadLetterSinkOptions extends KafkaConnectionOptions {
  /** The dead-letter topic (ensureTopics creates it beside the events topic). */
  readonly topic: string;
}

/** Header that carries why a message was parked. */
export const DEAD_LETTER_REASON_HEADER = 'dead-letter-reason';

/**
 * Parks messages that can never be processed on their own topic with the reason in a header,
 * so the partition they came from moves on (ARCHITECTURE.md principle 8). The value is the raw
 * text as received (or the event, encoded as on the events topic) so it can be replayed after a fix.
 * Same producer settings as KafkaEventPublisher (acks all, idempotent): a letter is not lost
 * once `send` resolved, because the consumer commits past the message right after.
 */
export class KafkaDeadLetterSink extends DeadLetterSink {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  private sent = 0;

  constructor(private readonly options: KafkaDeadLetterSinkOptions) {
    super();
    this.kafka = createKafkaClient(options);
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async send(letter: DeadLetter): Promise<void> {
    const encoded = letter.event ? encodeEvent(letter.event) : undefined;
    try {
      this.connected ??= this.producer.connect().catch((error: unknown) => {
        this.connected = undefined;
        throw error;
      });
      await this.connected;
      await this.producer.send({
        topic: this.options.topic,
        acks: -1,
        messages: [
          {
            key: letter.key ?? encoded?.key ?? null,
            value: letter.raw ?? encoded?.value ?? null,
            headers: { ...encoded?.headers, [DEAD_LETTER_REASON_HEADER]: letter.reason },
          },
        ],
      });
      this.sent += 1;
    } catch (error) {
      throw toDomainError(error, `sending a dead letter to ${this.options.topic}`);
    }
  }

  count(): number {
    return this.sent;
  }

  async close(): Promise<void> {
    this.connected = undefined;
    await this.producer.disconnect();
  }
}
