import { describe, expect, it } from '@jest/globals';
import { StreamQueue } from './stream-queue.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamQueue', () => {
  it('runs the tasks of one key one after another, in the order asked, even when one fails', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run('s', task('a')), queue.run('s', task('b', true)), queue.run('s', task('c'))]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await tick();
    expect(queue.size).toBe(0);
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run('x', task('x')), queue.run('y', task('y'))]);
    expect(log).toEqual(['start x', 'start y', 'end x', 'end y']);
  });
});
