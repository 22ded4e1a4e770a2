import { describe, expect, it } from '@jest/globals';
import { loadRelayConfig, RelayConfigError } from './relay-config.js';

const base = { EVENT_STORE: 'sqlite', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('relay FAULT_CRASH_AT (test-only crash point)', () => {
  it('is off unless set', () => {
    expect(loadRelayConfig(base).crashAt).toBeNull();
  });

  it('reads after-publish:<n>', () => {
    expect(loadRelayConfig({ ...base, FAULT_CRASH_AT: 'after-publish:3' }).crashAt).toEqual({ point: 'after-publish', batch: 3 });
  });

  it.each(['after-insert:3', 'after-publish:0', 'after-publish', 'after-publish:x'])('refuses %s', (value) => {
    expect(() => loadRelayConfig({ ...base, FAULT_CRASH_AT: value })).toThrow(RelayConfigError);
  });
});
