import { describe, expect, it } from '@jest/globals';
import { BatchGatherer } from './batch-gatherer.js';

interface Part {
  readonly size: number;
  readonly name: string;
}

const part = (name: string, size: number): Part => ({ name, size });
const names = (parts: readonly Part[]) => parts.map((p) => p.name);

describe('BatchGatherer', () => {
  it('delivers the parts submitted in one turn of the event loop together', async () => {
    const deliveries: string[][] = [];
    const gatherer = new BatchGatherer<Part>(100, async (parts) => (deliveries.push(names(parts)), true));
    const results = await Promise.all([gatherer.submit(part('p0', 10)), gatherer.submit(part('p1', 20)), gatherer.submit(part('p2', 5))]);
    expect(results).toEqual([true, true, true]);
    expect(deliveries).toEqual([['p0', 'p1', 'p2']]);
  });

  it('never delivers more than maxSize items at once, and keeps the order of submission', async () => {
    const deliveries: string[][] = [];
    const gatherer = new BatchGatherer<Part>(10, async (parts) => (deliveries.push(names(parts)), true));
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => gatherer.submit(part(name, 4))));
    expect(deliveries).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
  });

  it('runs one delivery at a time; what arrives meanwhile goes into the next one', async () => {
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const deliveries: string[][] = [];
    let running = 0;
    let mostRunning = 0;
    const gatherer = new BatchGatherer<Part>(100, async (parts) => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      deliveries.push(names(parts));
      if (deliveries.length === 1) await first;
      running--;
      return true;
    });
    const a = gatherer.submit(part('a', 1));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [gatherer.submit(part('b', 1)), gatherer.submit(part('c', 1))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deliveries).toEqual([['a']]);
    release();
    await Promise.all([a, ...later]);
    expect(deliveries).toEqual([['a'], ['b', 'c']]);
    expect(mostRunning).toBe(1);
  });

  it('tells every part of a delivery its outcome: stopped, or the error', async () => {
    const stopping = new BatchGatherer<Part>(100, async () => false);
    expect(await Promise.all([stopping.submit(part('a', 1)), stopping.submit(part('b', 1))])).toEqual([false, false]);

    let calls = 0;
    const failing = new BatchGatherer<Part>(100, async () => {
      if (++calls === 1) throw new Error('insert refused');
      return true;
    });
    const outcomes = await Promise.allSettled([failing.submit(part('a', 1)), failing.submit(part('b', 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    // The gatherer goes on after a failed delivery.
    expect(await failing.submit(part('c', 1))).toBe(true);
  });

  it('delivers a part larger than maxSize alone rather than never', async () => {
    const deliveries: string[][] = [];
    const gatherer = new BatchGatherer<Part>(3, async (parts) => (deliveries.push(names(parts)), true));
    await Promise.all([gatherer.submit(part('big', 7)), gatherer.submit(part('small', 1))]);
    expect(deliveries).toEqual([['big'], ['small']]);
  });
});
