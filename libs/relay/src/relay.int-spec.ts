import { afterEach, describe, expect, it } from '@jest/globals';
import { DependencyUnavailable } from '#libs/errors';
import type { RecordedEvent } from '#libs/events';
import { EventPublisher } from '#libs/pipeline';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { newEvent } from '#testing/event-store';
import { embeddedPipeline } from './relay.harness.js';

/** A real SQLite file, the in-process hand-off and file checkpoints: the embedded pipeline. */
function embedded() {
  const received: RecordedEvent[] = [];
  const harness = embeddedPipeline(async (events) => {
    received.push(...events);
  }, { relay: { maxBatchSize: 8 } });
  return { ...harness, received };
}

async function appendMany(store: SqliteEventStore, streams: string[], perStream: number): Promise<void> {
  for (let i = 0; i < perStream; i += 1) {
    await Promise.all(streams.map((stream) => store.append(stream, [newEvent('AttendanceRecorded', { i })], i === 0 ? 'no_stream' : i - 1)));
  }
}

/** Publishes through to `inner` after failing the first `failures` calls, as a broker outage would. */
class FailingFirstPublisher extends EventPublisher {
  calls = 0;
  constructor(private readonly inner: EventPublisher, private readonly failures: number) {
    super();
  }
  async publish(events: readonly RecordedEvent[]): Promise<void> {
    this.calls += 1;
    if (this.calls <= this.failures) throw new DependencyUnavailable('kafka', 'broker down');
    await this.inner.publish(events);
  }
  async close(): Promise<void> {}
}

/** A transport that never acknowledges (a hung broker). */
class NeverAcksPublisher extends EventPublisher {
  calls = 0;
  publish(): Promise<void> {
    this.calls += 1;
    return new Promise(() => undefined);
  }
  async close(): Promise<void> {}
}

describe('Relay over SQLite → in-process pipeline → file checkpoints', () => {
  let env: ReturnType<typeof embedded>;
  afterEach(async () => env.dispose());

  it('delivers every event, caught-up and live, in global order, and checkpoints the last', async () => {
    env = embedded();
    await appendMany(env.store, ['g-1', 'g-2', 'g-3'], 7);
    const relay = env.relay();
    await relay.start();
    await appendMany(env.store, ['g-4'], 5);
    const head = await env.store.headPosition();
    await relay.reached(head);

    const all = await env.store.readAll();
    expect(env.received.map((e) => e.position)).toEqual(all.map((e) => e.position));
    expect(env.received).toEqual(all);
    expect(relay.position()).toBe(head);
    expect(await env.checkpoints.load('relay')).toBe(head);
  });

  it('resumes after a restart from its checkpoint: no gap, nothing twice', async () => {
    env = embedded();
    await appendMany(env.store, ['g-1', 'g-2'], 5);
    const first = env.relay();
    await first.start();
    await first.reached(await env.store.headPosition());
    await first.stop();
    const deliveredBefore = env.received.length;

    await appendMany(env.store, ['g-3', 'g-4'], 4);
    const second = env.relay();
    await second.start();
    expect(second.position()).toBe(first.position());
    await second.reached(await env.store.headPosition());

    expect(deliveredBefore).toBe(10);
    expect(env.received.map((e) => e.position)).toEqual((await env.store.readAll()).map((e) => e.position));
  });

  it('retries a failing publisher with the same batch until it succeeds, skipping nothing', async () => {
    env = embedded();
    await appendMany(env.store, ['g-1', 'g-2', 'g-3'], 6);
    const flaky = new FailingFirstPublisher(env.pipeline, 4);
    const errors: unknown[] = [];
    const relay = env.relay({ publisher: flaky, onError: (error) => errors.push(error) });
    await relay.start();
    await relay.reached(await env.store.headPosition());

    expect(errors).toHaveLength(4);
    expect(errors.every((e) => e instanceof DependencyUnavailable)).toBe(true);
    expect(env.received).toEqual(await env.store.readAll());
  });

  it('stops promptly while a publish is stuck, without storing a checkpoint for it', async () => {
    env = embedded();
    await appendMany(env.store, ['g-1'], 3);
    const neverAcks = new NeverAcksPublisher();
    const relay = env.relay({ publisher: neverAcks });
    await relay.start();
    while (neverAcks.calls === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await relay.stop();
    expect(await env.checkpoints.load('relay')).toBe(0n);
    expect(relay.position()).toBe(0n);
  });
});
