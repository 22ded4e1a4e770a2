import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DependencyUnavailable, PoisonMessage } from '#libs/errors';
import type { RecordedEvent } from '#libs/events';
import { InProcessPipeline } from './in-process-pipeline.js';
import { InMemoryDeadLetterSink } from './in-memory-dead-letter-sink.js';

let position = 0n;
function events(count: number, stream = 'group-1'): RecordedEvent[] {
  return Array.from({ length: count }, (_, revision) => {
    position += 1n;
    return {
      eventId: randomUUID(),
      stream,
      revision,
      position,
      type: 'SessionHeld',
      schemaVersion: 1,
      data: {},
      metadata: { org: 'o', actor: { userId: 'u', role: 'r' }, occurredAt: '', recordedAt: '', correlationId: 'c', causationId: null },
    };
  });
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('InProcessPipeline', () => {
  it('resolves publish only after the handler resolved', async () => {
    const pipeline = new InProcessPipeline();
    const steps: string[] = [];
    const handlerMayFinish = gate();
    const controller = new AbortController();
    const running = pipeline.run(async () => {
      await handlerMayFinish.opened;
      steps.push('handled');
    }, controller.signal);
    const published = pipeline.publish(events(2)).then(() => steps.push('published'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual([]);
    handlerMayFinish.open();
    await published;
    expect(steps).toEqual(['handled', 'published']);
    controller.abort();
    await running;
  });

  it('holds publishes until a consumer runs, then delivers them in order in bounded batches', async () => {
    const pipeline = new InProcessPipeline({ maxBatchSize: 3 });
    const first = events(4);
    const second = events(2);
    const publishing = Promise.all([pipeline.publish(first), pipeline.publish(second)]);
    const batches: RecordedEvent[][] = [];
    const controller = new AbortController();
    const running = pipeline.run(async (batch) => {
      batches.push([...batch]);
    }, controller.signal);
    await publishing;
    expect(batches.map((b) => b.length)).toEqual([3, 1, 2]);
    expect(batches.flat()).toEqual([...first, ...second]);
    controller.abort();
    await running;
  });

  it('rejects a publish whose handler threw, and what was queued behind it, so a retry keeps order', async () => {
    const pipeline = new InProcessPipeline();
    const seen: bigint[] = [];
    let failOnce = true;
    const controller = new AbortController();
    const running = pipeline.run(async (batch) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('insert failed');
      }
      seen.push(...batch.map((e) => e.position));
    }, controller.signal);
    const [a, b] = [events(2), events(2)];
    const outcomes = await Promise.allSettled([pipeline.publish(a), pipeline.publish(b)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await pipeline.publish(a);
    await pipeline.publish(b);
    expect(seen).toEqual([...a, ...b].map((e) => e.position));
    controller.abort();
    await running;
  });

  it('rejects pending publishes with DependencyUnavailable when closed', async () => {
    const pipeline = new InProcessPipeline();
    const pending = pipeline.publish(events(1));
    await pipeline.close();
    await expect(pending).rejects.toBeInstanceOf(DependencyUnavailable);
    await expect(pipeline.publish(events(1))).rejects.toBeInstanceOf(DependencyUnavailable);
  });

  it('lets run return on abort only after the delivery in progress finished', async () => {
    const pipeline = new InProcessPipeline();
    const handlerMayFinish = gate();
    let finished = false;
    const controller = new AbortController();
    const running = pipeline.run(async () => {
      await handlerMayFinish.opened;
      finished = true;
    }, controller.signal);
    const published = pipeline.publish(events(1));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    handlerMayFinish.open();
    await running;
    expect(finished).toBe(true);
    await published;
  });
  it('dead-letters only the event the handler rejects as poison and resolves the publish', async () => {
    const deadLetters = new InMemoryDeadLetterSink({ log: () => undefined });
    const pipeline = new InProcessPipeline({ deadLetters });
    const batch = events(4);
    const poison = batch[2]!;
    const handled: RecordedEvent[] = [];
    const controller = new AbortController();
    const running = pipeline.run(async (delivered) => {
      if (delivered.includes(poison)) throw new PoisonMessage('unknown questionnaire');
      handled.push(...delivered);
    }, controller.signal);
    await pipeline.publish(batch);
    expect(handled).toEqual(batch.filter((e) => e !== poison));
    expect(deadLetters.letters()).toEqual([{ reason: 'unknown questionnaire', event: poison, key: poison.stream }]);
    controller.abort();
    await running;
  });

  describe('with maxBatchesInFlight 2', () => {
    it('hands the next batch over while the previous call runs, and resolves the publishes in order', async () => {
      const pipeline = new InProcessPipeline({ maxBatchSize: 2, maxBatchesInFlight: 2 });
      const gates = [gate(), gate(), gate()];
      const started: number[] = [];
      const controller = new AbortController();
      let call = 0;
      const running = pipeline.run(async () => {
        const mine = call++;
        started.push(mine);
        await gates[mine]!.opened;
      }, controller.signal);
      const settled: string[] = [];
      const [a, b, c] = [events(2), events(2), events(2)];
      const published = [pipeline.publish(a).then(() => settled.push('a')), pipeline.publish(b).then(() => settled.push('b')), pipeline.publish(c).then(() => settled.push('c'))];
      await new Promise((resolve) => setImmediate(resolve));
      expect(started).toEqual([0, 1]);
      gates[1]!.open();
      await new Promise((resolve) => setImmediate(resolve));
      // The second call finished first: its publish (and its slot) waits for the first.
      expect(settled).toEqual([]);
      expect(started).toEqual([0, 1]);
      gates[0]!.open();
      await published[1];
      expect(settled).toEqual(['a', 'b']);
      expect(started).toEqual([0, 1, 2]);
      gates[2]!.open();
      await Promise.all(published);
      expect(settled).toEqual(['a', 'b', 'c']);
      controller.abort();
      await running;
    });

    it('after a failed call rejects the publishes behind it (in flight or queued) and hands nothing new over until the calls in flight settled', async () => {
      const pipeline = new InProcessPipeline({ maxBatchesInFlight: 2 });
      const secondMayFinish = gate();
      const calls: bigint[][] = [];
      let fail = true;
      const controller = new AbortController();
      const running = pipeline.run(async (batch) => {
        calls.push(batch.map((e) => e.position));
        if (calls.length === 1 && fail) {
          fail = false;
          throw new Error('insert failed');
        }
        if (calls.length === 2) await secondMayFinish.opened;
      }, controller.signal);
      const [a, b, c] = [events(1), events(1), events(1)];
      const outcomes = Promise.allSettled([pipeline.publish(a), pipeline.publish(b), pipeline.publish(c)]);
      await new Promise((resolve) => setImmediate(resolve));
      // A redelivery published now waits for the call still in flight.
      const redelivered = pipeline.publish(a);
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toEqual([[a[0]!.position], [b[0]!.position]]);
      secondMayFinish.open();
      expect((await outcomes).map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      await redelivered;
      expect(calls).toEqual([[a[0]!.position], [b[0]!.position], [a[0]!.position]]);
      controller.abort();
      await running;
    });

    it('isolates a poison event only after the call handed over behind its batch settled', async () => {
      const deadLetters = new InMemoryDeadLetterSink({ log: () => undefined });
      const pipeline = new InProcessPipeline({ deadLetters, maxBatchesInFlight: 2 });
      const [first, second] = [events(2), events(1)];
      const poison = first[1]!;
      const secondMayFinish = gate();
      const log: string[] = [];
      const controller = new AbortController();
      const running = pipeline.run(async (batch) => {
        log.push(`start ${batch.map((e) => e.position).join(',')}`);
        if (batch.includes(second[0]!)) {
          await secondMayFinish.opened;
          log.push('second settled');
          throw new Error('not written: an earlier batch failed');
        }
        if (batch.includes(poison)) throw new PoisonMessage('bad');
      }, controller.signal);
      const outcomes = Promise.allSettled([pipeline.publish(first), pipeline.publish(second)]);
      await new Promise((resolve) => setImmediate(resolve));
      secondMayFinish.open();
      expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
      const [p1, p2] = first.map((e) => e.position);
      expect(log).toEqual([`start ${p1},${p2}`, `start ${second[0]!.position}`, 'second settled', `start ${p1}`, `start ${p2}`]);
      expect(deadLetters.letters().map((l) => l.event)).toEqual([poison]);
      controller.abort();
      await running;
    });
  });
});
