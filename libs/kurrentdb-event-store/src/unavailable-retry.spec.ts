import { describe, expect, it } from '@jest/globals';
import { Conflict, DependencyUnavailable } from '#libs/errors';
import { backoffDelays, isUnavailable, withUnavailableRetry } from './unavailable-retry.js';

/** The raw grpc-js error shape appendToStream rejects with when nothing listens (TESTING.md). */
const grpcUnavailable = () => Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });

describe('unavailable retry', () => {
  it('backs off exponentially, capped, with one delay fewer than attempts', () => {
    expect(backoffDelays({ attempts: 5, initialDelayMs: 100, maxDelayMs: 500 })).toEqual([100, 200, 400, 500]);
    expect(backoffDelays({ attempts: 1 })).toEqual([]);
    expect(backoffDelays()).toEqual([100, 200, 400]);
  });

  it('recognizes the raw grpc code 14 error and nothing else as unavailable', () => {
    expect(isUnavailable(grpcUnavailable())).toBe(true);
    expect(isUnavailable(new Error('boom'))).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
  });

  it('tries exactly `attempts` times, then rejects with DependencyUnavailable', async () => {
    let tries = 0;
    const failing = withUnavailableRetry(async () => {
      tries++;
      throw grpcUnavailable();
    }, { attempts: 3, initialDelayMs: 1 });
    await expect(failing).rejects.toBeInstanceOf(DependencyUnavailable);
    expect(tries).toBe(3);
  });

  it('answers once the server is back within the attempts', async () => {
    let tries = 0;
    const result = await withUnavailableRetry(async () => {
      if (++tries < 3) throw grpcUnavailable();
      return 'ok';
    }, { attempts: 3, initialDelayMs: 1 });
    expect(result).toBe('ok');
  });

  it('does not retry other errors', async () => {
    let tries = 0;
    const conflict = withUnavailableRetry(async () => {
      tries++;
      throw new Conflict('WRONG_EXPECTED_REVISION', 'no');
    }, { attempts: 3, initialDelayMs: 1 });
    await expect(conflict).rejects.toBeInstanceOf(Conflict);
    expect(tries).toBe(1);
  });
});
