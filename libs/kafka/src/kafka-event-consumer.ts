import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, TopicPartitionOffsetAndMetadata } from 'kafkajs';
import type { RecordedEvent } from '#libs/events';
import { type BatchHandler, type DeadLetterSink, EventConsumer } from '#libs/pipeline';
import { createKafkaClient, type KafkaConnectionOptions } from './kafka-client.js';
import { toDomainError } from './kafka-errors.js';
import { decodeEvent } from './event-codec.js';
import { backlogAfter } from './backlog.js';
import { handleWithRedelivery } from './handle-with-redelivery.js';
import { BatchGatherer } from './batch-gatherer.js';

/** A slice of one partition's fetched batch, waiting to be handed over with the other partitions' slices. */
interface PartitionSlice {
  readonly size: number;
  readonly events: readonly RecordedEvent[];
  /** The offset to commit once handled: the next one to read (https://kafka.js.org/docs/consuming#manual-committing). */
  readonly commit: TopicPartitionOffsetAndMetadata;
  readonly payload: EachBatchPayload;
}

export interface KafkaEventConsumerOptions extends KafkaConnectionOptions {
  readonly topic: string;
  /** Consumers sharing a group id share the partitions and the committed offsets. */
  readonly groupId: string;
  /** Where messages that do not decode go (usually a KafkaDeadLetterSink). */
  readonly deadLetters: DeadLetterSink;
  /**
   * Most events per handler call (bounds one insert). The partitions' fetched batches are
   * combined up to this size (BatchGatherer). Default 1000.
   */
  readonly maxBatchSize?: number;
  /**
   * How many partitions' batches kafkajs hands over at once (partitionsConsumedConcurrently):
   * set it ≥ the partitions one consumer owns, so a fetch's batches of every partition are
   * combined into one handler call. Default 32. https://kafka.js.org/docs/consuming#a-name-concurrent-processing-a-partition-aware-concurrency
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Time bound of a batch: the broker answers a fetch when `minBytes` are there or after this
   * long (fetch.max.wait.ms). Default 500 ms. https://kafka.js.org/docs/consuming#options
   */
  readonly maxWaitMs?: number;
  /** fetch.min.bytes: raise it to trade latency for bigger batches. Default 1 (answer at once). */
  readonly minBytes?: number;
  /** Byte bound of one partition's fetch. kafkajs default 1 MiB. */
  readonly maxBytesPerPartition?: number;
  /**
   * session.timeout.ms, kafkajs default 30 s. kafkajs heartbeats only between batches (and during
   * redelivery backoff), so it must exceed the longest handler call; lower means a faster takeover
   * after a crash (a dead member holds its partitions until it expires, also across a broker restart).
   * https://kafka.js.org/docs/consuming#options
   */
  readonly sessionTimeoutMs?: number;
  /** Backoff between redeliveries of a batch whose handler threw. Defaults 200 ms doubling to 10 s. */
  readonly redeliveryBackoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Told about every handler failure before the batch is redelivered. */
  readonly onHandlerError?: (error: unknown, attempt: number) => void;
}

/**
 * Kafka → projector, at-least-once (ARCHITECTURE.md principle 4):
 * - autoCommit off and eachBatchAutoResolve off: an offset is resolved and committed only after
 *   the handler resolved for every message before it (https://kafka.js.org/docs/consuming#a-name-each-batch-a-eachbatch);
 * - a handler that throws gets the same batch again after a backoff (nothing is skipped, nothing
 *   committed); the loop heartbeats, so a long outage downstream does not cost the group membership;
 * - a message that does not decode goes to the dead-letter sink with its reason and is committed
 *   past, so it never blocks its partition; so does an event the handler rejects with PoisonMessage
 *   (isolated by handing the batch over one event at a time);
 * - a new group starts at the beginning of the topic (fromBeginning): a projector sees every event;
 * - the batches kafkajs fetched for several partitions are handed over as one (up to
 *   `maxBatchSize`), and their offsets committed together after the handler resolved: one insert
 *   per table for the whole fetch instead of one per partition (per-partition order is kept:
 *   a partition's next slice is submitted only after its previous one was handled).
 */
export class KafkaEventConsumer extends EventConsumer {
  private readonly kafka: Kafka;
  private readonly maxBatchSize: number;

  constructor(private readonly options: KafkaEventConsumerOptions) {
    super();
    this.kafka = createKafkaClient(options);
    this.maxBatchSize = options.maxBatchSize ?? 1000;
  }

  async run(handler: BatchHandler, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.maxWaitMs ?? 500,
      minBytes: this.options.minBytes ?? 1,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1024 * 1024,
    });
    const gatherer = new BatchGatherer<PartitionSlice>(this.maxBatchSize, (slices) => this.handleTogether(slices, handler, consumer, signal));
    // A crash kafkajs will not restart from (a non-retriable error) ends `run` with that error.
    const crashed = new Promise<never>((_, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(toDomainError(payload.error, `consuming ${this.options.topic}`));
      });
    });
    crashed.catch(() => undefined);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 32,
        eachBatch: (payload) => this.deliver(payload, gatherer, signal),
      });
      await Promise.race([aborted(signal), crashed]);
    } catch (error) {
      throw toDomainError(error, `consuming ${this.options.topic}`);
    } finally {
      // Waits for the batch in progress, then leaves the group (its partitions move at once).
      await consumer.disconnect();
    }
  }

  /** One partition's fetched batch: cut to ≤ maxBatchSize slices, each handed over with other partitions' slices. */
  private async deliver(payload: EachBatchPayload, gatherer: BatchGatherer<PartitionSlice>, signal: AbortSignal): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += this.maxBatchSize) {
      if (signal.aborted || !payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + this.maxBatchSize);
      const events = await this.decodeOrDeadLetter(chunk, batch.topic, batch.partition);
      const last = chunk[chunk.length - 1]!.offset;
      const commit = { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() };
      if (!(await gatherer.submit({ size: events.length, events, commit, payload }))) return;
      payload.resolveOffset(last);
      await payload.heartbeat();
    }
  }

  /**
   * The handler gets the slices' events in one call (redelivered until it resolves); then every
   * slice's offset is committed in one request. False when stopped first: nothing is committed.
   */
  private async handleTogether(slices: readonly PartitionSlice[], handler: BatchHandler, consumer: Consumer, signal: AbortSignal): Promise<boolean> {
    const stopped = () => signal.aborted || slices.some((s) => !s.payload.isRunning() || s.payload.isStale());
    const events = slices.flatMap((s) => s.events);
    if (events.length > 0) {
      const delivered = await handleWithRedelivery(events, {
        handler,
        deadLetters: this.options.deadLetters,
        backoff: this.options.redeliveryBackoff ?? { initialMs: 200, maxMs: 10_000 },
        onHandlerError: this.options.onHandlerError,
        stopped,
        signal,
        heartbeat: () => slices[0]!.payload.heartbeat(),
        batch: { backlog: backlogAfter(slices) },
      });
      if (!delivered) return false;
    }
    await consumer.commitOffsets(slices.map((s) => s.commit));
    return true;
  }

  private async decodeOrDeadLetter(messages: KafkaMessage[], topic: string, partition: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (const message of messages) {
      const decoded = decodeEvent(message.value);
      if (decoded.ok) {
        events.push(decoded.event);
        continue;
      }
      await this.options.deadLetters.send({
        reason: `${topic}[${partition}]@${message.offset}: ${decoded.reason}`,
        raw: message.value?.toString(),
        key: message.key?.toString(),
      });
    }
    return events;
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
