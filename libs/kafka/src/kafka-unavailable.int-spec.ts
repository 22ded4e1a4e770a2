import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { DependencyUnavailable } from '#libs/errors';
import { recordedEvents } from '#testing/kafka';
import { ensureTopics } from './ensure-topics.js';
import { KafkaEventPublisher } from './kafka-event-publisher.js';

/** A loopback port nothing listens on: connections are refused, as with a broker that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Kafka adapters with the broker down', () => {
  const fastGiveUp = { retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 }, connectionTimeoutMs: 500, logLevel: 'nothing' as const };

  it('rejects publish with DependencyUnavailable', async () => {
    const publisher = new KafkaEventPublisher({ brokers: [`127.0.0.1:${await closedPort()}`], clientId: 'down', topic: 't', ...fastGiveUp });
    await expect(publisher.publish(recordedEvents(['g'], 1))).rejects.toBeInstanceOf(DependencyUnavailable);
    await publisher.close();
  });

  it('rejects ensureTopics with DependencyUnavailable', async () => {
    const brokers = [`127.0.0.1:${await closedPort()}`];
    await expect(
      ensureTopics({ brokers, clientId: 'down', topic: 't', deadLetterTopic: 't-dlq', partitions: 1, replicationFactor: 1, ...fastGiveUp }),
    ).rejects.toBeInstanceOf(DependencyUnavailable);
  });
});
