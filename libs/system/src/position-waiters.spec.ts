import { describe, expect, it } from '@jest/globals';
import { PositionWaiters } from './position-waiters.js';

describe('PositionWaiters', () => {
  it('resolves at once when reached, on notify after an advance, and false after the timeout', async () => {
    let at = 5n;
    const waiters = new PositionWaiters(() => at);
    await expect(waiters.waitFor(5n, 10)).resolves.toBe(true);
    const later = waiters.waitFor(7n, 1000);
    at = 6n;
    waiters.notify();
    at = 7n;
    waiters.notify();
    await expect(later).resolves.toBe(true);
    await expect(waiters.waitFor(9n, 20)).resolves.toBe(false);
  });
});
