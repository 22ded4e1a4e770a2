import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type KafkaMessage } from 'kafkajs';
import type { RecordedEvent } from '#libs/events';
import type { BatchHandler, EventConsumer } from '#libs/pipeline';

/**
 * The broker address for *.int-spec.ts: scripts/test.sh starts a real broker and exports
 * KAFKA_BROKERS. Missing means the test cannot run: fail loudly, never skip (TESTING.md).
 * Callers pass process.env.KAFKA_BROKERS (lint keeps process.env in tests and config modules).
 */
export function kafkaBrokers(value: string | undefined): string[] {
  if (!value) {
    throw new Error(
      'KAFKA_BROKERS is not set: start the test broker with scripts/kafka/start.sh and export KAFKA_BROKERS=$(cat .tmp/kafka/bootstrap) (scripts/test.sh does both).',
    );
  }
  return value.split(',').map((b) => b.trim());
}

/** Topic and group names unique per test, so tests never see each other's messages. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

let position = 0n;

/** `perStream` events on each stream, interleaved across streams, positions increasing. */
export function recordedEvents(streams: readonly string[], perStream: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let revision = 0; revision < perStream; revision += 1) {
    for (const stream of streams) {
      position += 1n;
      events.push({
        eventId: randomUUID(),
        stream,
        revision,
        position,
        type: 'AttendanceRecorded',
        schemaVersion: 1,
        data: { n: revision },
        metadata: {
          org: 'org-1',
          actor: { userId: 'user-1', role: 'therapist' },
          occurredAt: '2026-01-05T10:00:00.000Z',
          recordedAt: '2026-01-06T09:30:00.000Z',
          correlationId: randomUUID(),
          causationId: null,
        },
      });
    }
  }
  return events;
}

/** Writes raw messages, bypassing the publisher (to plant poison). */
export async function produceRaw(brokers: string[], topic: string, messages: { key: string; value: string }[]): Promise<void> {
  const producer = new Kafka({ brokers, clientId: 'test-raw', logLevel: logLevel.WARN }).producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Reads `count` messages of a topic from its beginning with a throwaway group. */
export async function readMessages(brokers: string[], topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = new Kafka({ brokers, clientId: 'test-reader', logLevel: logLevel.WARN }).consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          if (messages.length >= count) resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Resolves when `predicate` holds, checking every 50 ms (waits for outcomes, asserts no timing). */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a consumer in the background; `stop` aborts it and waits until it left the group. */
export function consume(consumer: EventConsumer, handler: BatchHandler): { stop: () => Promise<void> } {
  const controller = new AbortController();
  const running = consumer.run(handler, controller.signal);
  return {
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}

export function byStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const map = new Map<string, RecordedEvent[]>();
  for (const event of events) map.set(event.stream, [...(map.get(event.stream) ?? []), event]);
  return map;
}
