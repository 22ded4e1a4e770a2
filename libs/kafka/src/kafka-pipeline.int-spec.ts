import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/events';
import { PoisonMessage } from '#libs/errors';
import { byStream, consume, eventually, kafkaBrokers, produceRaw, readMessages, recordedEvents, uniqueName } from '#testing/kafka';
import { ensureTopics } from './ensure-topics.js';
import { KafkaEventPublisher } from './kafka-event-publisher.js';
import { KafkaEventConsumer } from './kafka-event-consumer.js';
import { DEAD_LETTER_REASON_HEADER, KafkaDeadLetterSink } from './kafka-dead-letter-sink.js';

// A real broker (scripts/kafka/start.sh); fails here, never skips, when it is not there.
const brokers = kafkaBrokers(process.env.KAFKA_BROKERS);
const connection = { brokers, clientId: 'kafka-int-spec', logLevel: 'error' as const };

interface Topics {
  topic: string;
  deadLetterTopic: string;
}

async function newTopics(): Promise<Topics> {
  const topics = { topic: uniqueName('events'), deadLetterTopic: uniqueName('events-dlq') };
  await ensureTopics({ ...connection, ...topics, partitions: 3, replicationFactor: 1 });
  return topics;
}

describe('Kafka transport against a real broker', () => {
  const closers: Array<() => Promise<void>> = [];
  let publisher: KafkaEventPublisher;
  let topics: Topics;

  /** Fresh topics and a publisher to them for each test. */
  beforeEach(async () => {
    topics = await newTopics();
    const current = new KafkaEventPublisher({ ...connection, topic: topics.topic });
    closers.push(() => current.close());
    publisher = current;
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  function newConsumer(groupId: string, extra: Partial<ConstructorParameters<typeof KafkaEventConsumer>[0]> = {}) {
    const deadLetters = new KafkaDeadLetterSink({ ...connection, topic: topics.deadLetterTopic });
    closers.push(() => deadLetters.close());
    const consumer = new KafkaEventConsumer({ ...connection, topic: topics.topic, groupId, deadLetters, maxBatchSize: 7, ...extra });
    return { consumer, deadLetters };
  }

  it('delivers every event with its envelope, in order within each stream', async () => {
    const published = recordedEvents(['group-a', 'group-b', 'group-c', 'group-d', 'group-e'], 12);
    for (let i = 0; i < published.length; i += 10) await publisher.publish(published.slice(i, i + 10));

    const received: RecordedEvent[] = [];
    const batchSizes: number[] = [];
    const { consumer } = newConsumer(uniqueName('projector'));
    const run = consume(consumer, async (events) => {
      batchSizes.push(events.length);
      received.push(...events);
    });
    await eventually(() => received.length >= published.length, 'all events');
    await run.stop();

    expect(received).toHaveLength(published.length);
    expect(byStream(received)).toEqual(byStream(published));
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(7);
  }, 60_000);

  it('hands the batches fetched for several partitions over in one handler call', async () => {
    // 12 streams over the topic's 3 partitions, all there before the consumer's first fetch.
    const published = recordedEvents(Array.from({ length: 12 }, (_, i) => `group-m${i}`), 5);
    await publisher.publish(published);

    const calls: RecordedEvent[][] = [];
    const { consumer } = newConsumer(uniqueName('projector'), { maxBatchSize: 1000 });
    const run = consume(consumer, async (events) => {
      calls.push([...events]);
    });
    await eventually(() => calls.flat().length >= published.length, 'all events');
    await run.stop();

    // Per partition it would be 3 calls (one per partition's batch).
    expect(calls).toHaveLength(1);
    expect(byStream(calls.flat())).toEqual(byStream(published));
  }, 60_000);

  it('tells the handler how many events its partitions hold behind each batch (a lower bound of what is left)', async () => {
    const published = recordedEvents(Array.from({ length: 12 }, (_, i) => `group-b${i}`), 5);
    await publisher.publish(published);

    const calls: { size: number; backlog: number | undefined }[] = [];
    const { consumer } = newConsumer(uniqueName('projector'));
    const run = consume(consumer, async (events, context) => {
      calls.push({ size: events.length, backlog: context?.backlog });
    });
    await eventually(() => calls.reduce((n, c) => n + c.size, 0) >= published.length, 'all events');
    await run.stop();

    let left = published.length;
    for (const { size, backlog } of calls) {
      left -= size;
      expect(backlog).toBeGreaterThanOrEqual(0);
      expect(backlog).toBeLessThanOrEqual(left);
    }
    // 60 events over 3 partitions, one fetch each, in batches of at most 7: a partition holds ≥ 20, so
    // a batch of it knows more wait behind it; the last batch knows that none does.
    expect(calls.some((c) => c.backlog! > 0)).toBe(true);
    expect(calls.at(-1)!.backlog).toBe(0);
  }, 60_000);

  it('parks a poison message on the dead-letter topic and goes on with the partition', async () => {
    const [before, after] = [recordedEvents(['group-p'], 3), recordedEvents(['group-p'], 3)];
    await publisher.publish(before);
    await produceRaw(brokers, topics.topic, [{ key: 'group-p', value: 'not json at all' }]);
    await publisher.publish(after);

    const received: RecordedEvent[] = [];
    const { consumer, deadLetters } = newConsumer(uniqueName('projector'));
    const run = consume(consumer, async (events) => {
      received.push(...events);
    });
    await eventually(() => received.length >= 6, 'the events around the poison message');
    await run.stop();

    expect(received.map((e) => e.eventId)).toEqual([...before, ...after].map((e) => e.eventId));
    expect(deadLetters.count()).toBe(1);
    const [letter] = await readMessages(brokers, topics.deadLetterTopic, 1);
    expect(letter!.value!.toString()).toBe('not json at all');
    expect(letter!.key!.toString()).toBe('group-p');
    expect(letter!.headers![DEAD_LETTER_REASON_HEADER]!.toString()).toContain('not JSON');
  }, 60_000);

  it('dead-letters the one event the handler rejects as poison, with its envelope, and goes on', async () => {
    const published = recordedEvents(['group-x', 'group-y'], 5);
    const poison = published[4]!;
    await publisher.publish(published);

    const handled: RecordedEvent[] = [];
    const { consumer, deadLetters } = newConsumer(uniqueName('projector'));
    const run = consume(consumer, async (events) => {
      if (events.some((e) => e.eventId === poison.eventId)) throw new PoisonMessage('unknown measure instrument');
      handled.push(...events);
    });
    await eventually(() => handled.length >= published.length - 1, 'every other event');
    await run.stop();

    const rest = published.filter((e) => e !== poison);
    expect(byStream(handled)).toEqual(byStream(rest));
    expect(deadLetters.count()).toBe(1);
    const [letter] = await readMessages(brokers, topics.deadLetterTopic, 1);
    expect(letter!.headers![DEAD_LETTER_REASON_HEADER]!.toString()).toBe('unknown measure instrument');
    expect(letter!.headers!['event-id']!.toString()).toBe(poison.eventId);
    expect(JSON.parse(letter!.value!.toString()).eventId).toBe(poison.eventId);
  }, 60_000);

  it('redelivers a batch whose handler threw, losing nothing', async () => {
    const published = recordedEvents(['group-r1', 'group-r2'], 10);
    await publisher.publish(published);

    const calls: RecordedEvent[][] = [];
    const handled: RecordedEvent[] = [];
    const failures: unknown[] = [];
    const { consumer } = newConsumer(uniqueName('projector'), {
      redeliveryBackoff: { initialMs: 10, maxMs: 50 },
      onHandlerError: (error) => failures.push(error),
    });
    const run = consume(consumer, async (events) => {
      calls.push([...events]);
      if (calls.length === 1) throw new Error('projection store hiccup');
      handled.push(...events);
    });
    await eventually(() => handled.length >= published.length, 'all events handled');
    await run.stop();

    expect(failures).toHaveLength(1);
    expect(calls[1]).toEqual(calls[0]);
    expect(new Set(handled.map((e) => e.eventId))).toEqual(new Set(published.map((e) => e.eventId)));
    expect(byStream(handled)).toEqual(byStream(published));
  }, 60_000);

  it('commits: a new consumer of the same group starts after what was handled', async () => {
    const streams = ['group-o1', 'group-o2', 'group-o3'];
    const old = recordedEvents(streams, 4);
    await publisher.publish(old);
    const groupId = uniqueName('projector');

    const first: RecordedEvent[] = [];
    const firstRun = consume(newConsumer(groupId).consumer, async (events) => {
      first.push(...events);
    });
    await eventually(() => first.length >= old.length, 'the first consumer to handle the old events');
    await firstRun.stop();

    // Same streams, so every partition holding an old event also holds a new one after it:
    // an old event redelivered would arrive before the new ones we wait for.
    const fresh = recordedEvents(streams, 2);
    await publisher.publish(fresh);
    const second: RecordedEvent[] = [];
    const secondRun = consume(newConsumer(groupId).consumer, async (events) => {
      second.push(...events);
    });
    await eventually(() => second.length >= fresh.length, 'the second consumer to handle the new events');
    await secondRun.stop();

    expect(second.map((e) => e.eventId).sort()).toEqual(fresh.map((e) => e.eventId).sort());
  }, 60_000);
});
