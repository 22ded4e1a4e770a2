import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/events';
import { type BatchHandler, EventConsumer } from '#libs/pipeline';
import { PausableConsumer } from './pausable-consumer.js';

/** Hands over whatever `deliver` is given, one batch at a time, like a real consumer. */
class ManualConsumer extends EventConsumer {
  private handler: BatchHandler | null = null;
  async run(handler: BatchHandler, signal: AbortSignal): Promise<void> {
    this.handler = handler;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  deliver(n: number): Promise<void> {
    return this.handler!([{ position: BigInt(n) } as RecordedEvent]);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PausableConsumer', () => {
  it('waits for the batch in flight, holds later ones until resume, and loses none', async () => {
    const inner = new ManualConsumer();
    const consumer = new PausableConsumer(inner);
    const log: string[] = [];
    let finishFirst!: () => void;
    const stop = new AbortController();
    void consumer.run(async (events) => {
      const n = events[0]!.position;
      log.push(`start ${n}`);
      if (n === 1n) await new Promise<void>((resolve) => (finishFirst = resolve));
      log.push(`end ${n}`);
    }, stop.signal);
    await tick();

    const first = inner.deliver(1);
    let paused = false;
    const pausing = consumer.pause().then((resume) => ((paused = true), resume));
    await tick();
    expect(paused).toBe(false); // batch 1 still in flight
    finishFirst();
    const resume = await pausing;
    await first;
    const second = inner.deliver(2);
    await tick();
    expect(log).toEqual(['start 1', 'end 1']); // batch 2 held
    resume();
    await second;
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    stop.abort();
  });
});
