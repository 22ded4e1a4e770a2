import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '#libs/events';
import { FileCheckpointStore, InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { ensureTopics, KafkaEventConsumer, KafkaEventPublisher } from '#libs/kafka';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { newEvent } from '#testing/event-store';
import { eventually, kafkaBrokers, uniqueName } from '#testing/kafka';
import { Relay } from './relay.js';

// A real broker (scripts/kafka/start.sh); fails here, never skips, when it is not there.
const brokers = kafkaBrokers(process.env.KAFKA_BROKERS);
const connection = { brokers, logLevel: 'error' as const };

describe('Relay → real Kafka → KafkaEventConsumer', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('gets every event of the store to the consumer, in order within each stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-kafka-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    cleanups.push(() => store.close());
    const topic = uniqueName('events');
    await ensureTopics({ ...connection, clientId: 'relay-int-spec', topic, deadLetterTopic: `${topic}-dlq`, partitions: 3, replicationFactor: 1 });

    const streams = ['g-1', 'g-2', 'g-3', 'g-4'];
    for (let i = 0; i < 6; i += 1) {
      await Promise.all(streams.map((s) => store.append(s, [newEvent('AttendanceRecorded', { i }), newEvent('MeasureAnswered', { i })], 'any')));
    }

    const publisher = new KafkaEventPublisher({ ...connection, clientId: 'relay', topic });
    cleanups.push(() => publisher.close());
    const relay = new Relay({ store, publisher, checkpoints: new FileCheckpointStore({ directory: join(dir, 'checkpoints') }), maxBatchSize: 10 });
    await relay.start();
    cleanups.push(() => relay.stop());

    const received: RecordedEvent[] = [];
    const deadLetters = new InMemoryDeadLetterSink();
    const consumer = new KafkaEventConsumer({ ...connection, clientId: 'projector', topic, groupId: uniqueName('projector'), deadLetters });
    const controller = new AbortController();
    const consuming = consumer.run(async (events) => {
      received.push(...events);
    }, controller.signal);
    cleanups.push(async () => {
      controller.abort();
      await consuming;
    });

    // Appended while everything runs: the live tail goes through too.
    await store.append('g-5', [newEvent('MilestoneReached')], 'no_stream');
    const all = await store.readAll();
    await relay.reached(await store.headPosition());
    await eventually(() => received.length >= all.length, 'every event at the consumer');

    expect(received).toHaveLength(all.length);
    expect(new Set(received.map((e) => e.eventId))).toEqual(new Set(all.map((e) => e.eventId)));
    for (const stream of [...streams, 'g-5']) {
      expect(received.filter((e) => e.stream === stream)).toEqual(all.filter((e) => e.stream === stream));
    }
    expect(deadLetters.count()).toBe(0);
  }, 60_000);
});
